import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readHubsFromConfig } from '@cloud-data-hub/data-hub-common';
import {
  ObservedLineageReader,
  type ObservedUpstreamSource,
} from '../lineage/ObservedLineageReader';
import { DatasetEntitiesProcessor } from '../processor/DatasetEntitiesProcessor';
import { ObservedLineageProcessor } from '../processor/ObservedLineageProcessor';
import { DataHubDatasetEntityProvider } from '../providers/DataHubDatasetEntityProvider';
import { GlueCatalogReader } from '../providers/glue/GlueCatalogReader';
import { GlueDatasetEntityProvider } from '../providers/glue/GlueDatasetEntityProvider';
import { readGlueHubConfigs } from '../providers/glue/GlueHubConfig';

/** The observed upstream when observed lineage is turned off. */
const NOTHING_OBSERVED: ObservedUpstreamSource = {
  upstreamOf: async () => [],
};

/** Refresh often enough that a newly generated lake shows up soon after start. */
const DEFAULT_SCHEDULE = {
  frequency: { minutes: 2 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 5 },
};

/**
 * Adds the Dataset kind, observed lineage relations and the data-hub dataset providers to
 * the catalog.
 *
 * @public
 */
export const catalogModuleDataHub = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-hub',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ catalog, config, logger, scheduler, discovery, auth }) {
        const hubs = readHubsFromConfig(config);
        catalog.addProcessor(new DatasetEntitiesProcessor(hubs));

        // One Glue provider per configured hub, each on its own schedule.
        for (const glue of readGlueHubConfigs(config, hubs)) {
          catalog.addEntityProvider(
            new GlueDatasetEntityProvider(
              glue,
              GlueCatalogReader.forHub(glue),
              logger,
              scheduler.createScheduledTaskRunner(glue.schedule),
            ),
          );
        }

        const providerConfig = config.getOptionalConfig(
          'catalog.providers.dataHub',
        );

        // Observed lineage does not depend on the provider: Datasets of any origin get it.
        // Turned off, the processor still runs with nothing observed, so that the
        // annotation stays the catalog's own: an entity's source cannot claim it.
        const observedConfig =
          providerConfig?.getOptionalConfig('observedLineage');
        const cacheSeconds = observedConfig?.getOptionalNumber('cacheSeconds');
        catalog.addProcessor(
          new ObservedLineageProcessor(
            observedConfig?.getOptionalBoolean('enabled') === false
              ? NOTHING_OBSERVED
              : new ObservedLineageReader({
                  discovery,
                  auth,
                  logger,
                  cacheMillis:
                    cacheSeconds === undefined
                      ? undefined
                      : cacheSeconds * 1000,
                }),
          ),
        );

        if (providerConfig?.getOptionalBoolean('enabled') === false) {
          return;
        }
        const schedule = providerConfig?.has('schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              providerConfig.getConfig('schedule'),
            )
          : DEFAULT_SCHEDULE;
        catalog.addEntityProvider(
          new DataHubDatasetEntityProvider({
            discovery,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
          }),
        );
      },
    });
  },
});
