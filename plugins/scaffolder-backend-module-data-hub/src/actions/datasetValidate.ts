import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DATASET_KIND,
  DATASET_LAYERS,
  Hub,
  datasetNameProblems,
  glueDatabaseName,
} from '@cloud-data-hub/data-hub-common';
import { examples } from './datasetValidate.examples';

/**
 * `datahub:dataset:validate`: fails early, with every problem at once, when a new dataset's
 * name breaks the naming rules or is taken, or its hub, business object or owner do not exist.
 */
export function createDatasetValidateAction(options: {
  hubs: Hub[];
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'datahub:dataset:validate',
    description:
      'Checks a new dataset: name rules, uniqueness in the catalog, and that its hub, business object (Domain) and owner (Group) exist.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Entity name of the new dataset, e.g. us-dealer-orders-source',
            ),
        layer: z => z.enum(DATASET_LAYERS),
        hub: z => z.string().describe('A hub of dataHub.hubs'),
        businessObject: z =>
          z
            .string()
            .describe('Entity ref of a Domain, e.g. domain:default/sales'),
        owner: z =>
          z
            .string()
            .describe(
              'Entity ref of the owning Group, e.g. group:default/sales-data-us',
            ),
      },
      output: {
        entityRef: z => z.string(),
        glueDatabase: z => z.string(),
      },
    },
    async handler(ctx) {
      const { name, layer, hub, businessObject, owner } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const problems = datasetNameProblems(name, layer);

      if (!options.hubs.some(h => h.name === hub)) {
        problems.push(
          `hub "${hub}" is not a hub of this portal (${options.hubs
            .map(h => h.name)
            .join(', ')})`,
        );
      }

      const entityRef = stringifyEntityRef({
        kind: DATASET_KIND,
        namespace: 'default',
        name,
      });
      if (
        problems.length === 0 &&
        (await options.catalog.getEntityByRef(entityRef, { credentials }))
      ) {
        problems.push(
          `a dataset named "${name}" already exists (${entityRef})`,
        );
      }

      const mustExist = async (ref: string, kind: string, field: string) => {
        let compound;
        try {
          compound = parseEntityRef(ref, {
            defaultKind: kind,
            defaultNamespace: 'default',
          });
        } catch {
          problems.push(`${field} "${ref}" is not an entity ref`);
          return;
        }
        if (
          compound.kind.toLocaleLowerCase('en-US') !==
          kind.toLocaleLowerCase('en-US')
        ) {
          problems.push(`${field} "${ref}" must be a ${kind}`);
        } else if (
          !(await options.catalog.getEntityByRef(compound, { credentials }))
        ) {
          problems.push(`${field} "${ref}" does not exist in the catalog`);
        }
      };
      await mustExist(businessObject, 'Domain', 'business object');
      await mustExist(owner, 'Group', 'owner');

      if (problems.length) {
        throw new InputError(
          `The dataset cannot be created: ${problems.join('; ')}`,
        );
      }
      ctx.logger.info(`Dataset ${entityRef} is valid and free`);
      ctx.output('entityRef', entityRef);
      ctx.output('glueDatabase', glueDatabaseName(name));
    },
  });
}
