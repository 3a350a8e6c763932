import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AccessGranter,
  DatasetSource,
  QueryEngine,
  dataHubAccessGrantersExtensionPoint,
  dataHubDatasetSourcesExtensionPoint,
  dataHubQueryEnginesExtensionPoint,
} from '@cloud-data-hub/data-hub-node';
import { readHubsFromConfig } from '@cloud-data-hub/data-hub-common';
import { migrateDatabase } from './database/migrateDatabase';
import { wireAccess } from './access/wireAccess';
import { wireQueries } from './query/wireQueries';
import { wireLineage } from './lineage/wireLineage';
import { DatasetCatalog } from './service/DatasetCatalog';
import { createRouter } from './service/router';

/**
 * The Cloud Data Hub backend plugin (`/api/data-hub`): datasets and hubs, access requests,
 * query runs and lineage, each wired in its own folder; modules add dataset sources, access
 * granters and query engines through the extension points.
 *
 * @public
 */
export const dataHubPlugin = createBackendPlugin({
  pluginId: 'data-hub',
  register(env) {
    const sources: DatasetSource[] = [];
    env.registerExtensionPoint(dataHubDatasetSourcesExtensionPoint, {
      addDatasetSource(source) {
        sources.push(source);
      },
    });
    const granters: AccessGranter[] = [];
    env.registerExtensionPoint(dataHubAccessGrantersExtensionPoint, {
      addAccessGranter(granter) {
        granters.push(granter);
      },
    });
    const engines: QueryEngine[] = [];
    env.registerExtensionPoint(dataHubQueryEnginesExtensionPoint, {
      addQueryEngine(engine) {
        engines.push(engine);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({ database, httpRouter, ...deps }) {
        const db = await migrateDatabase(database);
        const hubs = readHubsFromConfig(deps.config);

        const access = await wireAccess({ ...deps, db, hubs, granters });
        const queries = await wireQueries({ ...deps, db, engines, access });
        const lineage = wireLineage({
          ...deps,
          db,
          access,
          queryRuns: queries.store,
        });

        const datasets = new DatasetCatalog(sources, deps.logger);
        httpRouter.use(await createRouter({ hubs, datasets }));
        httpRouter.use(access.router);
        httpRouter.use(queries.router);
        httpRouter.use(lineage.router);

        deps.logger.info(
          `Data hub serving ${hubs.length} hubs from ${
            sources.length
          } dataset source(s): ${
            sources.map(s => s.id).join(', ') || 'none'
          }; access granter: ${access.granter.id}; query engine: ${
            queries.engine?.id ?? 'none'
          }`,
        );
      },
    });
  },
});
