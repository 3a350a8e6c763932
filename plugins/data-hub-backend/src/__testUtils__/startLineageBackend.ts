import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import { dataHubPlugin } from '../plugin';
import { TEST_HUBS } from './startAccessBackend';
import { LINEAGE_TEST_DATASETS } from './lineageFixtures';

/** The real data-hub plugin on a given database, with a catalog of lineage test Datasets. */
export async function startLineageBackend(options: { knex: Knex; entities?: unknown[] }) {
  return startTestBackend({
    features: [
      dataHubPlugin,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({ data: { dataHub: { hubs: TEST_HUBS } } }),
      catalogServiceMock.factory({ entities: (options.entities ?? LINEAGE_TEST_DATASETS) as any }),
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
