import {
  coreServices,
  createBackendPlugin,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  AccessGranter,
  DatasetSource,
  QueryEngine,
  dataHubAccessGrantersExtensionPoint,
  dataHubDatasetSourcesExtensionPoint,
  dataHubQueryEnginesExtensionPoint,
} from '@cloud-data-hub/data-hub-node';
import {
  dataHubAccessRequestCreatePermission,
  dataHubAccessRequestDecidePermission,
  dataHubAccessRequestReadPermission,
  dataHubGrantReconcilePermission,
  dataHubGrantRevokePermission,
  dataHubQueryRunPermission,
  readHubsFromConfig,
} from '@cloud-data-hub/data-hub-common';
import { DatasetCatalog } from './service/DatasetCatalog';
import { createRouter } from './service/router';
import { createAccessRouter } from './service/accessRouter';
import { AccessStore } from './access/AccessStore';
import { AccessSubjects } from './access/AccessSubjects';
import { AccessNotifier } from './access/AccessNotifier';
import { AccessWorkflow } from './access/AccessWorkflow';
import { GrantExpiry } from './access/GrantExpiry';
import { GrantReconciler } from './access/GrantReconciler';
import { UseCaseOwnerBackfill } from './access/UseCaseOwnerBackfill';
import { readAccessConfig } from './access/AccessConfig';
import { MissingGranter } from './access/MissingGranter';
import { selectRegistered } from './service/selectRegistered';
import { QueryStore } from './query/QueryStore';
import { QueryService } from './query/QueryService';
import { RunHeartbeat } from './query/RunHeartbeat';
import { QueryResultRetention } from './query/QueryResultRetention';
import { readQueryRunConfig } from './query/readQueryRunConfig';
import { createQueryRouter } from './service/queryRouter';
import { createActorResolver } from './service/actorOf';
import { accessRequestResourceRef, accessRequestRules } from './permissions';
import { LineageStore } from './lineage/LineageStore';
import { OpenLineageValidator } from './lineage/OpenLineageValidator';
import { DatasetIndex } from './lineage/DatasetIndex';
import { UsageStats } from './lineage/UsageStats';
import { ReadableDatasets } from './lineage/ReadableDatasets';
import {
  DEFAULT_DEPENDENCY_WINDOW_DAYS,
  LineageService,
} from './lineage/LineageService';
import { createLineageRouter } from './service/lineageRouter';

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
      async init(deps) {
        const { config, logger, httpRouter, scheduler, permissionsRegistry } =
          deps;
        const hubs = readHubsFromConfig(config);
        const accessConfig = readAccessConfig(config);
        const granter =
          selectRegistered(
            granters,
            accessConfig.granter,
            'access granter',
            'dataHub.access.granter',
          ) ?? new MissingGranter();
        const engine = selectRegistered(
          engines,
          config.getOptionalString('dataHub.query.engine'),
          'query engine',
          'dataHub.query.engine',
        );

        const db = await deps.database.getClient();
        const store = await AccessStore.create(
          db,
          resolvePackagePath('@cloud-data-hub/data-hub-backend', 'migrations'),
          deps.database.migrations?.skip,
        );

        permissionsRegistry.addPermissions([
          dataHubAccessRequestCreatePermission,
          dataHubGrantReconcilePermission,
          dataHubQueryRunPermission,
        ]);
        // Grants and audit events are authorized as the request behind them, so one resource
        // type (and one set of rules) covers all three.
        permissionsRegistry.addResourceType({
          resourceRef: accessRequestResourceRef,
          permissions: [
            dataHubAccessRequestReadPermission,
            dataHubAccessRequestDecidePermission,
            dataHubGrantRevokePermission,
          ],
          rules: Object.values(accessRequestRules),
          getResources: async ids => {
            const found = new Map(
              (await store.getRequests(ids)).map(r => [r.id, r]),
            );
            return ids.map(id => found.get(id));
          },
        });
        const ruleset = permissionsRegistry.getPermissionRuleset(
          accessRequestResourceRef,
        );
        const authorizeConditions = createConditionAuthorizer(ruleset);
        const conditionsToQuery = createConditionTransformer(ruleset);

        const notifier = new AccessNotifier(deps.notifications, logger);
        const subjects = new AccessSubjects(deps.catalog, deps.auth);
        const workflow = new AccessWorkflow({
          store,
          subjects,
          granter,
          notifier,
          permissions: deps.permissions,
          authorizeConditions: (decision, request) =>
            authorizeConditions(decision, request),
          conditionsToQuery,
          hubs,
          config: accessConfig,
          logger,
        });
        const expiry = new GrantExpiry({
          store,
          workflow,
          notifier,
          reminderDaysBeforeExpiry: accessConfig.reminderDaysBeforeExpiry,
          logger,
        });
        const reconciler = new GrantReconciler({
          store,
          workflow,
          granter,
          logger,
        });

        // Runs at start-up too, so grants that expired while the backend was down end at once.
        await scheduler.scheduleTask({
          id: 'data-hub-access-expiry',
          frequency: { seconds: accessConfig.expiryIntervalSeconds },
          timeout: { minutes: 5 },
          fn: async () => {
            await expiry.expireDue();
            await expiry.remindExpiring();
          },
        });
        await scheduler.scheduleTask({
          id: 'data-hub-access-reconcile',
          frequency: { minutes: accessConfig.reconcileIntervalMinutes },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await reconciler.reconcile(accessConfig.repairDrift);
          },
        });

        // Requests made before the use case's owner was recorded get it from the catalog;
        // a little after start-up, when the catalog answers.
        const backfill = new UseCaseOwnerBackfill(store, subjects, logger);
        await scheduler.scheduleTask({
          id: 'data-hub-access-use-case-owners',
          frequency: { minutes: 10 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            await backfill.run();
          },
        });

        const catalog = new DatasetCatalog(sources, logger);
        const router = await createRouter({ hubs, datasets: catalog });
        router.use(
          createAccessRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
            store,
            workflow,
            reconciler,
            config: accessConfig,
            maxBodySize: config.getOptionalString(
              'dataHub.access.maxRequestBody',
            ),
          }),
        );
        const queryStore = new QueryStore(db);
        const runConfig = readQueryRunConfig(config);
        const retention = new QueryResultRetention({
          store: queryStore,
          engine,
          retentionMs: runConfig.resultRetentionMs,
          maxBytesPerUser: runConfig.maxResultBytesPerUser,
          logger,
        });
        const queries = new QueryService({
          engine,
          access: store,
          subjects,
          store: queryStore,
          heartbeat: new RunHeartbeat({
            store: queryStore,
            intervalMs: runConfig.heartbeatMs,
            logger,
          }),
          retention,
          interruptAfterMs: runConfig.interruptAfterMs,
          logger,
        });
        deps.lifecycle.addShutdownHook(() => queries.shutdown());
        // Both run once across replicas. The first round at start-up ends runs a stopped
        // process left behind, and resumes polling runs in the engine's service (Athena).
        await scheduler.scheduleTask({
          id: 'data-hub-query-runs',
          frequency: { milliseconds: runConfig.watchIntervalMs },
          // Short: a replica that dies holding this task's claim blocks it until the timeout,
          // and runs a crash left behind end only once it runs again.
          timeout: { minutes: 1 },
          fn: () => queries.watch(),
        });
        await scheduler.scheduleTask({
          id: 'data-hub-query-results',
          frequency: { minutes: 10 },
          timeout: { minutes: 30 },
          fn: async () => {
            const removed = await retention.removeExpired();
            if (removed)
              logger.info(
                `Removed the stored results of ${removed} query runs past their retention`,
              );
          },
        });
        router.use(
          createQueryRouter({
            actorOf: createActorResolver(deps.httpAuth, deps.userInfo),
            permissions: deps.permissions,
            queries,
            store: queryStore,
            maxBodySize: config.getOptionalString(
              'dataHub.query.maxRequestBody',
            ),
          }),
        );
        const lineageStore = new LineageStore(db);
        httpRouter.use(
          createLineageRouter({
            httpAuth: deps.httpAuth,
            maxBodySize: config.getOptionalString(
              'dataHub.lineage.maxRequestBody',
            ),
            validator: new OpenLineageValidator(
              resolvePackagePath(
                '@cloud-data-hub/data-hub-backend',
                'schemas/openlineage',
              ),
            ),
            store: lineageStore,
            service: new LineageService(
              lineageStore,
              new DatasetIndex(deps.catalog, deps.auth),
              new UsageStats(db),
              new ReadableDatasets(deps.catalog),
              {
                dependencyWindowDays:
                  config.getOptionalNumber(
                    'dataHub.lineage.dependencyWindowDays',
                  ) ?? DEFAULT_DEPENDENCY_WINDOW_DAYS,
                useCasesNamedFor: (ref, credentials) =>
                  workflow.useCasesNamedFor(ref, credentials),
              },
            ),
          }),
        );
        httpRouter.use(router);
        logger.info(
          `Data hub serving ${hubs.length} hubs from ${
            sources.length
          } dataset source(s): ${
            sources.map(s => s.id).join(', ') || 'none'
          }; access granter: ${granter.id}; query engine: ${
            engine?.id ?? 'none'
          }`,
        );
      },
    });
  },
});
