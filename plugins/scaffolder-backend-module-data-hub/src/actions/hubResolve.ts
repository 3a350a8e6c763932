import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DATASET_LAYERS,
  Hub,
  datasetBucketName,
  datasetLocation,
  glueDatabaseName,
} from '@cloud-data-hub/data-hub-common';
import { examples } from './hubResolve.examples';

/**
 * `datahub:hub:resolve`: where a new dataset of a hub goes: the hub's account and region,
 * the layer's bucket, the dataset's Glue database and S3 location.
 */
export function createHubResolveAction(options: { hubs: Hub[] }) {
  return createTemplateAction({
    id: 'datahub:hub:resolve',
    description:
      "Resolves a hub's account, region, bucket and Glue database naming for a new dataset.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        hub: z => z.string().describe('Name of a hub in dataHub.hubs, e.g. us'),
        layer: z =>
          z.enum(DATASET_LAYERS).describe('source, prepared or semantic'),
        datasetName: z =>
          z
            .string()
            .min(1)
            .describe('The new dataset, e.g. us-sales-orders-source'),
      },
      output: {
        hub: z => z.string(),
        title: z => z.string(),
        accountId: z => z.string(),
        region: z => z.string(),
        consumesFrom: z => z.array(z.string()),
        bucket: z => z.string(),
        location: z => z.string(),
        glueDatabase: z => z.string(),
      },
    },
    async handler(ctx) {
      const { hub: name, layer, datasetName } = ctx.input;
      const hub = options.hubs.find(h => h.name === name);
      if (!hub) {
        throw new InputError(
          `Unknown hub "${name}"; the hubs of this portal are: ${options.hubs
            .map(h => h.name)
            .join(', ')}`,
        );
      }
      ctx.output('hub', hub.name);
      ctx.output('title', hub.title);
      ctx.output('accountId', hub.accountId);
      ctx.output('region', hub.region);
      ctx.output('consumesFrom', hub.consumesFrom);
      ctx.output('bucket', datasetBucketName(hub, layer));
      ctx.output('location', datasetLocation(hub, layer, datasetName));
      ctx.output('glueDatabase', glueDatabaseName(datasetName));
    },
  });
}
