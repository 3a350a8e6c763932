import {
  coreServices,
  createServiceFactory,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import { dataHubPlugin } from '../plugin';
import { TEST_HUBS } from './startAccessBackend';
import { LINEAGE_TEST_DATASETS } from './lineageFixtures';

/**
 * The real data-hub plugin on a given database, with a catalog of lineage test Datasets (or
 * the given catalog service, e.g. one that applies a read permission).
 */
export async function startLineageBackend(options: {
  knex: Knex;
  entities?: unknown[];
  catalog?: ServiceFactory;
}) {
  return startTestBackend({
    features: [
      dataHubPlugin,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: { dataHub: { hubs: TEST_HUBS } },
      }),
      options.catalog ??
        catalogServiceMock.factory({
          entities: (options.entities ?? LINEAGE_TEST_DATASETS) as any,
        }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: any) {
            const ref = credentials.principal.userEntityRef as string;
            return { userEntityRef: ref, ownershipEntityRefs: [ref] };
          },
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ async send() {} }),
      }),
    ],
  });
}
