import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import type { AccessGranter } from '@cloud-data-hub/data-hub-node';
import {
  dataHubAccessRequestCreatePermission,
  dataHubAccessRequestDecidePermission,
  dataHubAccessRequestReadPermission,
  dataHubGrantReconcilePermission,
  dataHubGrantRevokePermission,
  type Hub,
} from '@cloud-data-hub/data-hub-common';
import type express from 'express';
import type { Knex } from 'knex';
import { accessRequestResourceRef, accessRequestRules } from '../permissions';
import { createAccessRouter } from '../service/accessRouter';
import { selectRegistered } from '../service/selectRegistered';
import { readAccessConfig } from './AccessConfig';
import { AccessNotifier } from './AccessNotifier';
import { AccessStore } from './AccessStore';
import { AccessSubjects } from './AccessSubjects';
import { AccessWorkflow } from './AccessWorkflow';
import { GrantExpiry } from './GrantExpiry';
import { GrantReconciler } from './GrantReconciler';
import { MissingGranter } from './MissingGranter';
import { UseCaseOwnerBackfill } from './UseCaseOwnerBackfill';

export interface AccessWiringOptions {
  db: Knex;
  hubs: Hub[];
  /** Registered through `dataHubAccessGrantersExtensionPoint`; `dataHub.access.granter` picks one. */
  granters: AccessGranter[];
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auth: AuthService;
  catalog: CatalogService;
  notifications: NotificationService;
}

/** What the query and lineage parts use of access. */
export interface AccessWiring {
  store: AccessStore;
  subjects: AccessSubjects;
  workflow: AccessWorkflow;
  granter: AccessGranter;
  router: express.Router;
}

/**
 * The access-request workflow: its permissions and rules, the workflow over the store and
 * the granter, the scheduled expiry, reconcile and owner backfill, and its routes.
 */
export async function wireAccess(
  options: AccessWiringOptions,
): Promise<AccessWiring> {
  const { config, logger, scheduler, permissionsRegistry } = options;
  const accessConfig = readAccessConfig(config);
  const granter =
    selectRegistered(
      options.granters,
      accessConfig.granter,
      'access granter',
      'dataHub.access.granter',
    ) ?? new MissingGranter();
  const store = new AccessStore(options.db);

  permissionsRegistry.addPermissions([
    dataHubAccessRequestCreatePermission,
    dataHubGrantReconcilePermission,
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
      const found = new Map((await store.getRequests(ids)).map(r => [r.id, r]));
      return ids.map(id => found.get(id));
    },
  });
  const ruleset = permissionsRegistry.getPermissionRuleset(
    accessRequestResourceRef,
  );
  const authorizeConditions = createConditionAuthorizer(ruleset);

  const notifier = new AccessNotifier(options.notifications, logger);
  const subjects = new AccessSubjects(options.catalog, options.auth);
  const workflow = new AccessWorkflow({
    store,
    subjects,
    granter,
    notifier,
    permissions: options.permissions,
    authorizeConditions: (decision, request) =>
      authorizeConditions(decision, request),
    conditionsToQuery: createConditionTransformer(ruleset),
    hubs: options.hubs,
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
  const reconciler = new GrantReconciler({ store, workflow, granter, logger });

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

  const router = createAccessRouter({
    httpAuth: options.httpAuth,
    userInfo: options.userInfo,
    permissions: options.permissions,
    store,
    workflow,
    reconciler,
    config: accessConfig,
    maxBodySize: config.getOptionalString('dataHub.access.maxRequestBody'),
  });
  return { store, subjects, workflow, granter, router };
}
