import request from 'supertest';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { InMemoryGranter } from '../__testUtils__/InMemoryGranter';
import { startAccessBackend } from '../__testUtils__/startAccessBackend';
import { startLineageBackend } from '../__testUtils__/startLineageBackend';
import { ACCESS_TEST_MEMBERS } from '../__testUtils__/accessFixtures';
import {
  LINEAGE_TEST_DATASETS,
  hoursAgo,
  runEvent,
} from '../__testUtils__/lineageFixtures';
import { AccessStore } from '../access/AccessStore';
import { UseCaseOwnerBackfill } from '../access/UseCaseOwnerBackfill';

jest.setTimeout(120_000);

const DATASET = 'dataset:default/us-sales-orders-source';
const USE_CASE = 'system:default/us-marketing-360';
const as = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);
const userOf = (credentials: any): string | undefined =>
  credentials?.principal?.userEntityRef;

/**
 * A policy like the demo's, decided here so the test sees every route ask for it: access requests
 * are read by the requester, the use case's team and the dataset's owners (a conditional decision),
 * by dana (the platform team) always, by eve never; eve may not run queries either; only dana
 * reconciles grants.
 */
const permissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => {
    const decide = (permission: any, credentials: any): any => {
      const user = userOf(credentials);
      if (permission.name === 'data-hub.grant.reconcile') {
        return {
          result:
            user === 'user:default/dana'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }
      if (permission.name === 'data-hub.query.run') {
        return {
          result:
            user === 'user:default/eve'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        };
      }
      if (permission.name !== 'data-hub.access-request.read')
        return { result: AuthorizeResult.ALLOW };
      if (user === 'user:default/eve') return { result: AuthorizeResult.DENY };
      if (user === 'user:default/dana' || !user)
        return { result: AuthorizeResult.ALLOW };
      const owners = [user, ...(ACCESS_TEST_MEMBERS[user] ?? [])];
      const rule = (name: string, params: object) => ({
        rule: name,
        resourceType: 'data-hub-access',
        params,
      });
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'data-hub',
        resourceType: 'data-hub-access',
        conditions: {
          anyOf: [
            rule('IS_REQUESTER', { userRef: user }),
            rule('IS_USE_CASE_OWNED_BY', { owners }),
            rule('IS_DATASET_OWNED_BY', { owners }),
          ],
        },
      };
    };
    return {
      async authorize(requests: any[], options: any) {
        return requests.map(r => decide(r.permission, options.credentials));
      },
      async authorizeConditional(requests: any[], options: any) {
        return requests.map(r => decide(r.permission, options.credentials));
      },
    };
  },
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

it('runs the permission tests against PostgreSQL in CI', () => {
  expect(databases.supports('POSTGRES_15') || !process.env.CI).toBe(true);
});

describe.each(databases.eachSupportedId())('permissions on %s', databaseId => {
  let knex: any;
  let backend: { stop(): Promise<void>; server: any } | undefined;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
  });
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it('data-hub.access-request.read guards every route that shows a request, its grant or audit trail', async () => {
    backend = await startAccessBackend({
      knex,
      granter: new InMemoryGranter(),
      sent: [],
      extraFeatures: [permissions],
    });
    const { server } = backend;
    const api = (user: string, url: string) =>
      request(server).get(`/api/data-hub${url}`).set('Authorization', as(user));

    const created = await request(server)
      .post('/api/data-hub/access-requests')
      .set('Authorization', as('alice'))
      .send({
        datasetRef: DATASET,
        useCaseRef: USE_CASE,
        justification: 'Campaign attribution',
        durationDays: 30,
      });
    expect(created.status).toBe(201);
    expect(created.body.useCaseOwner).toBe(
      'group:default/us-marketing-analytics',
    );
    const id = created.body.id;
    const granted = await request(server)
      .post(`/api/data-hub/access-requests/${id}/approve`)
      .set('Authorization', as('bob'))
      .send({});
    expect(granted.body.state).toBe('granted');
    // A second request, pending, for the "to decide" list.
    const pending = await request(server)
      .post('/api/data-hub/access-requests')
      .set('Authorization', as('sam'))
      .send({
        datasetRef: 'dataset:default/us-customer-crm-source',
        useCaseRef: USE_CASE,
        justification: 'Churn analysis for the US',
        durationDays: 30,
      });
    expect(pending.body.error?.message).toBeUndefined();

    /** What a user sees of the first request through each route (the lists' counts). */
    const seen = async (user: string) => ({
      get: (await api(user, `/access-requests/${id}`)).status,
      all: (await api(user, `/access-requests?view=all&datasetRef=${DATASET}`))
        .body.totalCount,
      byUseCase: (
        await api(user, `/access-requests?view=all&useCaseRef=${USE_CASE}`)
      ).body.totalCount,
      mine: (await api(user, '/access-requests?view=mine')).body.totalCount,
      toDecide: (await api(user, '/access-requests?view=to-decide')).body
        .totalCount,
      grants: (await api(user, `/grants?datasetRef=${DATASET}`)).body
        .totalCount,
      audit: (await api(user, `/audit?datasetRef=${DATASET}`)).body.totalCount,
      requestAudit: (await api(user, `/audit?requestId=${id}`)).body.totalCount,
    });
    // The requester, the use case's team, the dataset's owners and the platform team see it all.
    const all = { get: 200, all: 1, grants: 1, audit: 4, requestAudit: 4 };
    expect(await seen('alice')).toEqual({
      ...all,
      byUseCase: 2,
      mine: 1,
      toDecide: 0,
    });
    expect(await seen('uma')).toEqual({
      ...all,
      byUseCase: 2,
      mine: 0,
      toDecide: 0,
    });
    expect(await seen('carol')).toEqual({
      ...all,
      byUseCase: 1,
      mine: 0,
      toDecide: 0,
    });
    expect(await seen('dana')).toEqual({
      ...all,
      byUseCase: 2,
      mine: 0,
      toDecide: 0,
    });
    // Denied outright (eve), or no condition holds (mei, of another team): 403 and empty lists.
    const nothing = {
      get: 403,
      all: 0,
      byUseCase: 0,
      mine: 0,
      toDecide: 0,
      grants: 0,
      audit: 0,
      requestAudit: 0,
    };
    expect(await seen('eve')).toEqual(nothing);
    expect(await seen('mei')).toEqual(nothing);
    const denied = await api('mei', `/access-requests/${id}`);
    expect(denied.body.error.message).toMatch(
      /permission policy does not allow you to read this access request/,
    );
    // Lists keep paging in SQL under the conditions.
    const page = await api(
      'uma',
      `/access-requests?view=all&useCaseRef=${USE_CASE}&limit=1&offset=1`,
    );
    expect(page.body).toMatchObject({ totalCount: 2, items: [{ id }] });
    // The to-decide list applies both the read and the decide conditions.
    expect(
      (await api('bob', '/access-requests?view=to-decide')).body.totalCount,
    ).toBe(0);
    expect(
      (await api('carol', '/access-requests?view=to-decide')).body.totalCount,
    ).toBe(0);

    // Requests from before the use case owner was recorded: the team sees them once it is filled in.
    await knex('access_requests').update({ use_case_owner: null });
    await knex('access_grants').update({ use_case_owner: null });
    expect((await seen('uma')).get).toBe(403);
    const store = new AccessStore(knex);
    const subjects = {
      useCase: async (ref: string) =>
        ref === USE_CASE
          ? { owner: 'group:default/us-marketing-analytics' }
          : undefined,
    };
    expect(
      await new UseCaseOwnerBackfill(
        store,
        subjects as any,
        mockServices.logger.mock(),
      ).run(),
    ).toBe(1);
    expect(await store.useCasesWithoutOwner()).toEqual([]);
    expect(await seen('uma')).toEqual({
      ...all,
      byUseCase: 2,
      mine: 0,
      toDecide: 0,
    });
  });

  it('data-hub.grant.reconcile guards comparing and repairing grants', async () => {
    backend = await startAccessBackend({
      knex,
      granter: new InMemoryGranter(),
      sent: [],
      extraFeatures: [permissions],
    });
    const reconcile = (user: string, body: object) =>
      request(backend!.server)
        .post('/api/data-hub/grants/reconcile')
        .set('Authorization', as(user))
        .send(body);
    for (const body of [{}, { repair: true }]) {
      const denied = await reconcile('bob', body);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(
        /does not allow you to reconcile grants/,
      );
    }
    const allowed = await reconcile('dana', { repair: true });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ checked: 0, drift: [] });
  });

  it('data-hub.query.run guards running queries and reading their results', async () => {
    backend = await startAccessBackend({
      knex,
      granter: new InMemoryGranter(),
      sent: [],
      extraFeatures: [permissions],
    });
    const { server } = backend;
    const calls = (user: string) => [
      request(server)
        .post('/api/data-hub/queries')
        .set('Authorization', as(user))
        .send({ sql: 'SELECT 1', useCaseRef: USE_CASE }),
      request(server)
        .get('/api/data-hub/queries/some-run/results')
        .set('Authorization', as(user)),
      request(server)
        .get('/api/data-hub/queries/some-run/results.csv')
        .set('Authorization', as(user)),
    ];
    for (const res of await Promise.all(calls('eve'))) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /does not allow you to run queries or read their results/,
      );
    }
    // Allowed, the service's own checks answer (no engine here, no such run).
    const allowed = await Promise.all(calls('alice'));
    expect(allowed.map(r => r.body.error.message)).toEqual([
      expect.stringMatching(/No query engine is installed/),
      'No query some-run of yours',
      'No query some-run of yours',
    ]);
  });

  it('catalog read permission: health, usage, overview and lineage leave out Datasets the caller may not read', async () => {
    const TELEMETRY = 'dataset:default/telemetry-source';
    const TRIPS = 'dataset:default/trips-prepared';
    // The catalog hides telemetry from mallory (as a policy would); the plugin's own reads see all.
    const canRead = (credentials: any, ref: string) =>
      !(userOf(credentials) === 'user:default/mallory' && ref === TELEMETRY);
    const catalog = createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => {
        const base: any = catalogServiceMock({
          entities: LINEAGE_TEST_DATASETS as any,
        });
        return {
          getEntities: async (req: any, options: any) => {
            const res = await base.getEntities(req, options);
            return {
              ...res,
              items: res.items.filter((e: any) =>
                canRead(options.credentials, stringifyEntityRef(e)),
              ),
            };
          },
          getEntitiesByRefs: async (req: any, options: any) => {
            const res = await base.getEntitiesByRefs(req, options);
            return {
              items: res.items.map((e: any) =>
                e && canRead(options.credentials, stringifyEntityRef(e))
                  ? e
                  : undefined,
              ),
            };
          },
        } as any;
      },
    });
    backend = await startLineageBackend({ knex, catalog });
    const { server } = backend;
    const signals = {
      namespace: 's3://cdh-global-source',
      name: 'telemetry_source/signals',
    };
    const trips = {
      namespace: 's3://cdh-global-prepared',
      name: '/trips_prepared/trips',
      facets: {
        columnLineage: {
          _producer:
            'https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark',
          _schemaURL:
            'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
          fields: { vin: { inputFields: [{ ...signals, field: 'vin' }] } },
        },
      },
    };
    const runId = '3f5e83fa-3480-44ff-99c5-ff943cd7e4a1';
    const posted = await request(server)
      .post('/api/data-hub/lineage')
      .set('Authorization', mockCredentials.service.header())
      .send(
        runEvent({
          eventType: 'COMPLETE',
          eventTime: hoursAgo(1),
          runId,
          inputs: [signals],
          outputs: [trips],
        }),
      );
    expect(posted.status).toBe(201);

    const api = (user: string, url: string) =>
      request(server).get(`/api/data-hub${url}`).set('Authorization', as(user));
    for (const user of ['alice', 'mallory']) {
      const hidden = user === 'mallory';
      // Single-Dataset routes: an unreadable Dataset is missing.
      for (const url of [
        `/health?entityRef=${TELEMETRY}`,
        `/usage?entityRef=${TELEMETRY}`,
        `/lineage/graph?entityRef=${TELEMETRY}`,
        `/lineage/columns?entityRef=${TELEMETRY}`,
      ]) {
        expect({ url, status: (await api(user, url)).status }).toEqual({
          url,
          status: hidden ? 404 : 200,
        });
      }
      // Lists leave it out.
      const health = (await api(user, '/health')).body.items.map(
        (h: any) => h.entityRef,
      );
      expect(health.includes(TELEMETRY)).toBe(!hidden);
      expect(health).toContain(TRIPS);
      const overview = (await api(user, '/overview')).body;
      expect(overview.totals.datasets).toBe(
        LINEAGE_TEST_DATASETS.length - (hidden ? 1 : 0),
      );
      expect(JSON.stringify(overview).includes(TELEMETRY)).toBe(!hidden);
      // Lineage keeps the path through it, without naming it.
      const graph = (await api(user, `/lineage/graph?entityRef=${TRIPS}`)).body;
      expect(
        graph.nodes.some((n: any) => n.title === 'A dataset you cannot see'),
      ).toBe(hidden);
      expect(JSON.stringify(graph).includes('telemetry')).toBe(!hidden);
      expect(graph.edges).toHaveLength(4);
      const columns = (await api(user, `/lineage/columns?entityRef=${TRIPS}`))
        .body;
      expect(columns.columns[0].inputs[0]).toMatchObject(
        hidden
          ? { name: 'A dataset you cannot see', field: '' }
          : { entityRef: TELEMETRY, field: 'vin' },
      );
      expect(JSON.stringify(columns).includes('telemetry')).toBe(!hidden);
    }
  });
});
