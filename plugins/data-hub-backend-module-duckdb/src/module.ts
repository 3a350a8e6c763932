import path from 'node:path';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { readHubsFromConfig } from '@cloud-data-hub/data-hub-common';
import { dataHubDatasetSourcesExtensionPoint } from '@cloud-data-hub/data-hub-node';
import { DemoLakeGenerator } from './lake/DemoLakeGenerator';
import { LocalLakeDatasetSource } from './lake/LocalLakeDatasetSource';

/**
 * The embedded default of the data hub: a local lake of Parquet files, generated on first
 * start, served as a dataset source (and, in later work, queried with DuckDB).
 */
export const dataHubModuleDuckDB = createBackendModule({
  pluginId: 'data-hub',
  moduleId: 'duckdb',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: dataHubDatasetSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const duckdbConfig = config.getOptionalConfig('dataHub.duckdb');
        const directory = path.resolve(
          duckdbConfig?.getOptionalString('lakeDirectory') ?? '.data-hub/lake',
        );
        const generator = new DemoLakeGenerator({
          directory,
          scale: duckdbConfig?.getOptionalNumber('demoLake.scale') ?? 1,
          logger,
        });
        // Generation runs in the background so the backend starts at once; the dataset
        // source waits for it, and so the catalog sees the lake as soon as it exists.
        const ready =
          duckdbConfig?.getOptionalBoolean('demoLake.generate') === false
            ? Promise.resolve()
            : generator.ensure();
        ready.catch(e => logger.error('Demo lake generation failed', e));
        sources.addDatasetSource(
          new LocalLakeDatasetSource({
            directory,
            datasets: generator.datasets,
            hubs: readHubsFromConfig(config),
            logger,
            ready,
          }),
        );
      },
    });
  },
});
