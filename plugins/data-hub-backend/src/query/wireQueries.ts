import type {
  HttpAuthService,
  LifecycleService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { QueryEngine } from '@cloud-data-hub/data-hub-node';
import { dataHubQueryRunPermission } from '@cloud-data-hub/data-hub-common';
import type express from 'express';
import type { Knex } from 'knex';
import type { AccessWiring } from '../access/wireAccess';
import { createActorResolver } from '../service/actorOf';
import { createQueryRouter } from '../service/queryRouter';
import { selectRegistered } from '../service/selectRegistered';
import { QueryResultRetention } from './QueryResultRetention';
import { QueryService } from './QueryService';
import { QueryStore } from './QueryStore';
import { RunHeartbeat } from './RunHeartbeat';
import { readQueryRunConfig } from './readQueryRunConfig';

export interface QueryWiringOptions {
  db: Knex;
  /** Registered through `dataHubQueryEnginesExtensionPoint`; `dataHub.query.engine` picks one. */
  engines: QueryEngine[];
  access: Pick<AccessWiring, 'store' | 'subjects'>;
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
}

export interface QueryWiring {
  store: QueryStore;
  engine?: QueryEngine;
  router: express.Router;
}

/**
 * Query runs: the service over the engine and the runs' table, the heartbeat, the scheduled
 * watch and result retention, and the routes.
 */
export async function wireQueries(
  options: QueryWiringOptions,
): Promise<QueryWiring> {
  const { config, logger, scheduler } = options;
  const engine = selectRegistered(
    options.engines,
    config.getOptionalString('dataHub.query.engine'),
    'query engine',
    'dataHub.query.engine',
  );
  options.permissionsRegistry.addPermissions([dataHubQueryRunPermission]);

  const store = new QueryStore(options.db);
  const runConfig = readQueryRunConfig(config);
  const retention = new QueryResultRetention({
    store,
    engine,
    retentionMs: runConfig.resultRetentionMs,
    maxBytesPerUser: runConfig.maxResultBytesPerUser,
    logger,
  });
  const queries = new QueryService({
    engine,
    access: options.access.store,
    subjects: options.access.subjects,
    store,
    heartbeat: new RunHeartbeat({
      store,
      intervalMs: runConfig.heartbeatMs,
      logger,
    }),
    retention,
    interruptAfterMs: runConfig.interruptAfterMs,
    logger,
  });
  options.lifecycle.addShutdownHook(() => queries.shutdown());

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

  const router = createQueryRouter({
    actorOf: createActorResolver(options.httpAuth, options.userInfo),
    permissions: options.permissions,
    queries,
    store,
    maxBodySize: config.getOptionalString('dataHub.query.maxRequestBody'),
  });
  return { store, engine, router };
}
