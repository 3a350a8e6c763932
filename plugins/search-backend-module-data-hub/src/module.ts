import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { readScheduleFromConfig } from './collators/config';
import { DatasetCollatorFactory } from './collators/DatasetCollatorFactory';

/**
 * Registers the `dataset` search collator: Dataset entities become searchable
 * by title, description, table and column names and descriptions.
 *
 * Configure with `search.collators.dataHubDatasets` (`schedule`, `batchSize`).
 *
 * @public
 */
export const searchModuleDataHubDatasets = createBackendModule({
  pluginId: 'search',
  moduleId: 'data-hub-datasets',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ auth, config, logger, scheduler, catalog, indexRegistry }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readScheduleFromConfig(config),
          ),
          factory: DatasetCollatorFactory.fromConfig(config, {
            auth,
            catalog,
            logger,
          }),
        });
      },
    });
  },
});
