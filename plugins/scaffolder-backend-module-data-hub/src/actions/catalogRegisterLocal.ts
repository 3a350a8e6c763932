import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DATASET_KIND } from '@cloud-data-hub/data-hub-common';
import type { LocalGitRepositories } from '../git/LocalGitRepositories';
import { examples } from './catalogRegisterLocal.examples';

/**
 * `datahub:catalog:register-local`: registers the catalog file of a repository that
 * `datahub:publish:local` published. Backstage's `catalog:register` always adds a `url`
 * location, and no URL reader reads `file:` URLs, so the catalog could never fetch it; this
 * action adds a `file` location instead (the demo backend allows them). It only accepts files
 * in the local Git folder's checkouts, so a template cannot make the catalog read any other
 * file of the machine.
 */
export function createCatalogRegisterLocalAction(options: {
  catalog: CatalogService;
  repositories?: LocalGitRepositories;
}) {
  return createTemplateAction({
    id: 'datahub:catalog:register-local',
    description:
      'Registers the catalog file of a repository published with datahub:publish:local, as a file location.',
    examples,
    schema: {
      input: {
        catalogInfoUrl: z =>
          z
            .string()
            .describe(
              'file: URL of the catalog file, the catalogInfoUrl output of datahub:publish:local',
            ),
      },
      output: {
        entityRef: z =>
          z
            .string()
            .describe('The registered entity (the Dataset when there is one)'),
        catalogInfoUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      const { repositories, catalog } = options;
      const { catalogInfoUrl } = ctx.input;
      if (!repositories) {
        throw new InputError(
          'Local repositories are not configured on this portal (dataHub.scaffolder.localGitDirectory)',
        );
      }
      let file: string;
      try {
        file = fileURLToPath(catalogInfoUrl);
      } catch {
        throw new InputError(`"${catalogInfoUrl}" is not a file: URL`);
      }
      if (!repositories.isCheckoutFile(file)) {
        throw new InputError(
          `${catalogInfoUrl} is not in a repository published with datahub:publish:local (${repositories.rootDirectory})`,
        );
      }
      await fs.access(file).catch(() => {
        throw new InputError(`${catalogInfoUrl} does not exist`);
      });

      const credentials = await ctx.getInitiatorCredentials();
      ctx.logger.info(`Registering ${file} in the catalog`);
      await catalog.addLocation(
        { type: 'file', target: file },
        { credentials },
      );

      // The location's entities are processed asynchronously; a dry run of the same location
      // says now which entities it holds.
      const { entities } = await catalog.addLocation(
        { type: 'file', target: file, dryRun: true },
        { credentials },
      );
      const entity =
        entities.find(e => e.kind === DATASET_KIND) ??
        entities.find(e => !e.metadata.name.startsWith('generated-')) ??
        entities[0];
      if (entity) ctx.output('entityRef', stringifyEntityRef(entity));
      ctx.output('catalogInfoUrl', catalogInfoUrl);
    },
  });
}
