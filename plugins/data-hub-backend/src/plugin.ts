import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  DatasetSource,
  dataHubDatasetSourcesExtensionPoint,
} from '@cloud-data-hub/data-hub-node';
import { readHubsFromConfig } from '@cloud-data-hub/data-hub-common';
import { DatasetCatalog } from './service/DatasetCatalog';
import { createRouter } from './service/router';

/** The Cloud Data Hub backend plugin (`/api/data-hub`). */
export const dataHubPlugin = createBackendPlugin({
  pluginId: 'data-hub',
  register(env) {
    const sources: DatasetSource[] = [];
    env.registerExtensionPoint(dataHubDatasetSourcesExtensionPoint, {
      addDatasetSource(source) {
        sources.push(source);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, logger, httpRouter }) {
        const hubs = readHubsFromConfig(config);
        const catalog = new DatasetCatalog(sources, logger);
        httpRouter.use(await createRouter({ hubs, datasets: catalog }));
        logger.info(
          `Data hub serving ${hubs.length} hubs from ${sources.length} dataset source(s): ${sources.map(s => s.id).join(', ') || 'none'}`,
        );
      },
    });
  },
});
