import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { dataHubAccessGrantersExtensionPoint } from '@cloud-data-hub/data-hub-node';
import type { Knex } from 'knex';
import { dataHubPlugin } from '../plugin';
import { ACCESS_TEST_ENTITIES, ACCESS_TEST_MEMBERS } from './accessFixtures';
import type { InMemoryGranter } from './InMemoryGranter';

export const TEST_HUBS = [
  {
    name: 'global',
    title: 'Global',
    region: 'eu-central-1',
    accountId: '111111111111',
    consumesFrom: ['global'],
  },
  {
    name: 'us',
    title: 'US',
    region: 'us-east-1',
    accountId: '222222222222',
    consumesFrom: ['global', 'us'],
  },
  {
    name: 'cn',
    title: 'China',
    region: 'cn-north-1',
    accountId: '333333333333',
    consumesFrom: ['global', 'cn'],
  },
];

/**
 * The real data-hub plugin on a given database, with the catalog, notifications, user info
 * and granter replaced by test doubles that record what happens.
 */
export async function startAccessBackend(options: {
  knex: Knex;
  granter: InMemoryGranter;
  sent: NotificationSendOptions[];
  access?: Record<string, unknown>;
  extraFeatures?: BackendFeature[];
  /** Replaces the catalog of ACCESS_TEST_ENTITIES (e.g. one that hides entities from some users). */
  catalog?: BackendFeature;
}) {
  const granterModule = createBackendModule({
    pluginId: 'data-hub',
    moduleId: 'test-granter',
    register(env) {
      env.registerInit({
        deps: { granters: dataHubAccessGrantersExtensionPoint },
        async init({ granters }) {
          granters.addAccessGranter(options.granter);
        },
      });
    },
  });
  return startTestBackend({
    features: [
      dataHubPlugin,
      granterModule,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: {
          dataHub: {
            hubs: TEST_HUBS,
            access: { expiryIntervalSeconds: 1, ...options.access },
          },
        },
      }),
      options.catalog ??
        catalogServiceMock.factory({ entities: ACCESS_TEST_ENTITIES as any }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: any) {
            const ref = credentials.principal.userEntityRef as string;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(ACCESS_TEST_MEMBERS[ref] ?? [])],
            };
          },
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(notification: NotificationSendOptions) {
            options.sent.push(notification);
          },
        }),
      }),
      ...(options.extraFeatures ?? []),
    ],
  });
}
