import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type AuthService,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { isPermission } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import dataHubPlugin from '@cloud-data-hub/data-hub-backend';
import dataHubModuleDuckDB from '@cloud-data-hub/data-hub-backend-module-duckdb';
import catalogModuleDataHub from '@cloud-data-hub/catalog-backend-module-data-hub';
import {
  pluginDatabaseConfigs,
  postgresAvailableOrNotCi,
} from './testing/pluginDatabases';
import { dataHubTestConfig } from './testing/dataHubTestConfig';
import {
  DataHubDemoPermissionPolicy,
  permissionModuleDataHubDemoPolicy,
} from './modules/permissionPolicyDataHubDemo';

jest.setTimeout(180_000);

/** Group memberships as the demo users' tokens carry them (packages/backend/demo/org.yaml). */
const MEMBERS: Record<string, string[]> = {
  'user:default/alice-analyst': [
    'group:default/us-marketing-analytics',
    'group:default/fleet-insights',
  ],
  'user:default/frank-analyst': ['group:default/fleet-insights'],
  'user:default/mei-analyst': ['group:default/cn-quality-analytics'],
  'user:default/bob-owner': [
    'group:default/connected-vehicle-data',
    'group:default/vehicle-master-data',
    'group:default/sales-data-us',
  ],
  'user:default/dana-platform': ['group:default/data-platform'],
};
/**
 * The mock auth service, except that a plugin calling another on behalf of a user sends a user
 * token naming the plugin as its actor, as Backstage's real auth service does. The permission
 * backend needs that actor to answer conditional decisions (no resourceRef) for a user; the
 * plain mock forwards the user without one, so those requests would be refused as if the user
 * had called the permission backend directly.
 */
const actorAuthServiceFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const base = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: (token, options) => base.authenticate(token, options),
      getNoneCredentials: () => base.getNoneCredentials(),
      getOwnServiceCredentials: () => base.getOwnServiceCredentials(),
      isPrincipal: ((credentials: any, type: any) =>
        base.isPrincipal(credentials, type)) as AuthService['isPrincipal'],
      getLimitedUserToken: credentials => base.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => base.listPublicServiceKeys(),
      async getPluginRequestToken(options) {
        const principal = options.onBehalfOf.principal as any;
        if (principal.type !== 'user')
          return base.getPluginRequestToken(options);
        return {
          token: mockCredentials.user.token(principal.userEntityRef, {
            actor: { subject: `plugin:${plugin.getId()}` },
          }),
        };
      },
    };
  },
});

const GUEST = 'user:development/guest';
const as = (user: string) =>
  mockCredentials.user.header(
    user.includes(':') ? user : `user:default/${user}`,
  );
const DATASET = 'dataset:default/vehicle-trips-prepared';
const USE_CASE = 'system:default/global-fleet-insights';

/**
 * The demo portal's backend on `database`: the real catalog (the demo organisation and use
 * cases, the embedded lake), the real permission backend with `policy`, the data hub.
 */
async function startPortal(
  tmp: string,
  databaseId: string,
  database: object,
  policy: BackendFeature,
) {
  const demo = path.resolve(__dirname, '../demo');
  const lake = dataHubTestConfig(path.join(tmp, `lake-${databaseId}`), {
    rules: [
      {
        allow: ['Dataset', 'Location', 'System', 'Group', 'User', 'Domain'],
      },
    ],
    locations: [
      { type: 'file', target: path.join(demo, 'org.yaml') },
      {
        type: 'file',
        target: path.join(demo, 'business-objects-and-use-cases.yaml'),
      },
    ],
  });
  return startTestBackend({
    features: [
      databaseServiceFactory,
      schedulerServiceFactory,
      // The real permissions service: every check goes to the permission backend's policy.
      permissionsServiceFactory,
      actorAuthServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          ...lake,
          backend: { database },
          permission: { enabled: true },
        },
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: any) {
            const ref = credentials.principal.userEntityRef as string;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(MEMBERS[ref] ?? [])],
            };
          },
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      catalogPlugin,
      catalogModuleDataHub,
      permissionPlugin,
      policy,
      dataHubPlugin,
      dataHubModuleDuckDB,
    ],
  });
}

const databases = pluginDatabaseConfigs('perm');

// The data hub's permissions through the real permission backend and the demo policy: who
// reads access requests (justifications, comments, columns), who runs queries.
describe('data hub permissions with the demo policy', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-perm-int-'));
  });
  afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

  it('runs against PostgreSQL in CI', () => {
    expect(postgresAvailableOrNotCi()).toBe(true);
  });

  it.each(databases)(
    'lets only the teams involved read access requests, and no guest run queries, on %s',
    async (databaseId, database) => {
      const backend = await startPortal(
        tmp,
        databaseId,
        database,
        permissionModuleDataHubDemoPolicy,
      );
      const { server } = backend;
      try {
        const api = '/api/data-hub';
        const get = (user: string, url: string) =>
          request(server).get(`${api}${url}`).set('Authorization', as(user));

        // Wait for the catalog to know the dataset and the use case.
        for (let i = 0; i < 120; i++) {
          const res = await get(
            'alice-analyst',
            `/access/use-cases?datasetRef=${DATASET}`,
          );
          if (
            res.status === 200 &&
            res.body.items.some((u: any) => u.useCaseRef === USE_CASE)
          )
            break;
          await new Promise(r => setTimeout(r, 500));
        }

        const created = await request(server)
          .post(`${api}/access-requests`)
          .set('Authorization', as('alice-analyst'))
          .send({
            datasetRef: DATASET,
            useCaseRef: USE_CASE,
            justification: 'Fleet utilisation report for the board',
            durationDays: 30,
          });
        expect(created.status).toBe(201);
        expect(created.body.useCaseOwner).toBe('group:default/fleet-insights');
        const id = created.body.id;
        const approved = await request(server)
          .post(`${api}/access-requests/${id}/approve`)
          .set('Authorization', as('bob-owner'))
          .send({ comment: 'Fine for the report' });
        expect(approved.body).toMatchObject({ state: 'granted' });

        /** What a user gets of the request on every route that shows it. */
        const seen = async (user: string) => {
          const one = await get(user, `/access-requests/${id}`);
          return {
            get: one.status,
            justification: one.body.justification,
            history: (
              await get(user, `/access-requests?view=all&datasetRef=${DATASET}`)
            ).body.totalCount,
            byUseCase: (
              await get(
                user,
                `/access-requests?view=all&useCaseRef=${USE_CASE}`,
              )
            ).body.totalCount,
            grants: (await get(user, `/grants?datasetRef=${DATASET}`)).body
              .totalCount,
            audit: (await get(user, `/audit?datasetRef=${DATASET}`)).body
              .totalCount,
            requestAudit: (await get(user, `/audit?requestId=${id}`)).body
              .totalCount,
          };
        };
        const everything = {
          get: 200,
          justification: 'Fleet utilisation report for the board',
          history: 1,
          byUseCase: 1,
          grants: 1,
          audit: 4,
          requestAudit: 4,
        };
        const nothing = {
          get: 403,
          justification: undefined,
          history: 0,
          byUseCase: 0,
          grants: 0,
          audit: 0,
          requestAudit: 0,
        };
        // The requester, their team (the use case's owner), the dataset's owners, the platform team.
        expect(await seen('alice-analyst')).toEqual(everything);
        expect(await seen('frank-analyst')).toEqual(everything);
        expect(await seen('bob-owner')).toEqual(everything);
        expect(await seen('dana-platform')).toEqual(everything);
        // A consumer of another team, and a guest: 403 and empty lists, never a justification.
        expect(await seen('mei-analyst')).toEqual(nothing);
        expect(await seen(GUEST)).toEqual(nothing);

        // Guests may not run queries; people of a use case may.
        const run = (user: string) =>
          request(server)
            .post(`${api}/queries`)
            .set('Authorization', as(user))
            .send({ sql: 'SELECT 1 AS x', useCaseRef: USE_CASE });
        const guestRun = await run(GUEST);
        expect(guestRun.status).toBe(403);
        expect(guestRun.body.error.message).toMatch(
          /does not allow you to run queries/,
        );
        const aliceRun = await run('alice-analyst');
        expect(aliceRun.status).toBe(201);
        expect(
          (await get(GUEST, `/queries/${aliceRun.body.id}/results`)).status,
        ).toBe(403);

        // The catalog stays readable to guests: health and the overview show the demo lake.
        // (The lineage index refreshes every few seconds: wait until it has the demo lake.)
        let overview = await get(GUEST, '/overview');
        for (let i = 0; i < 60 && !overview.body.totals?.datasets; i++) {
          await new Promise(r => setTimeout(r, 500));
          overview = await get(GUEST, '/overview');
        }
        expect(overview.status).toBe(200);
        expect(overview.body.totals.datasets).toBeGreaterThan(0);
        expect((await get(GUEST, `/health?entityRef=${DATASET}`)).status).toBe(
          200,
        );
      } finally {
        await backend.stop();
      }
    },
  );

  /**
   * The demo policy, except that frank-analyst reads in the catalog only Datasets outside the
   * prepared layer: a conditional decision the permission backend applies in the catalog.
   */
  const hidingPreparedFromFrank = createBackendModule({
    pluginId: 'permission',
    moduleId: 'hiding-prepared-from-frank',
    register(env) {
      env.registerInit({
        deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
        async init({ policy, userInfo }) {
          const demo = new DataHubDemoPermissionPolicy(userInfo);
          policy.setPolicy({
            async handle(query, user) {
              if (
                isPermission(query.permission, catalogEntityReadPermission) &&
                user?.info.userEntityRef === 'user:default/frank-analyst'
              ) {
                return createCatalogConditionalDecision(query.permission, {
                  not: catalogConditions.hasSpec({
                    key: 'layer',
                    value: 'prepared',
                  }),
                });
              }
              return demo.handle(query, user);
            },
          });
        },
      });
    },
  });

  it.each(pluginDatabaseConfigs('permcat'))(
    'treats a Dataset the catalog read policy hides (a conditional decision) as missing, on %s',
    async (databaseId, database) => {
      const backend = await startPortal(
        tmp,
        `${databaseId}-hidden`,
        database,
        hidingPreparedFromFrank,
      );
      const { server } = backend;
      try {
        const api = '/api/data-hub';
        const useCases = (user: string) =>
          request(server)
            .get(`${api}/access/use-cases?datasetRef=${DATASET}`)
            .set('Authorization', as(user));
        const ask = (user: string) =>
          request(server)
            .post(`${api}/access-requests`)
            .set('Authorization', as(user))
            .send({
              datasetRef: DATASET,
              useCaseRef: USE_CASE,
              justification: 'Fleet utilisation report for the board',
              durationDays: 30,
            });
        for (let i = 0; i < 120; i++) {
          const res = await useCases('alice-analyst');
          if (
            res.status === 200 &&
            res.body.items.some((u: any) => u.useCaseRef === USE_CASE)
          )
            break;
          await new Promise(r => setTimeout(r, 500));
        }
        // The catalog itself hides it from frank, as the data hub does.
        const inCatalog = await request(server)
          .get(
            `/api/catalog/entities/by-name/dataset/default/${
              DATASET.split('/')[1]
            }`,
          )
          .set('Authorization', as('frank-analyst'));
        expect(inCatalog.status).toBe(404);
        const hidden = await ask('frank-analyst');
        expect(hidden.status).toBe(400);
        expect(hidden.body.error.message).toBe(
          `datasetRef "${DATASET}" is not a Dataset in the catalog`,
        );
        expect((await useCases('frank-analyst')).status).toBe(400);
        // His teammate, whom the policy lets read it, requests it for the same use case.
        expect((await ask('alice-analyst')).status).toBe(201);
        // A guest hears 403 whether or not the Dataset exists, never which.
        expect((await ask(GUEST)).status).toBe(403);
        const missing = await request(server)
          .post(`${api}/access-requests`)
          .set('Authorization', as(GUEST))
          .send({
            datasetRef: 'dataset:default/no-such-prepared',
            useCaseRef: USE_CASE,
            justification: 'Fleet utilisation report for the board',
            durationDays: 30,
          });
        expect(missing.status).toBe(403);
      } finally {
        await backend.stop();
      }
    },
  );
});
