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
import {
  ACCESS_TEST_ENTITIES,
  ACCESS_TEST_MEMBERS,
} from '../__testUtils__/accessFixtures';
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

/**
 * A policy that hides from each user what `hides(user, ref)` says through `catalog.entity.read`
 * on the entity (the permission the catalog itself enforces); everything else is allowed.
 */
function hidingPolicy(
  hides: (user: string | undefined, ref: string) => boolean,
) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => {
      const decide = (r: any, options: any) => ({
        result:
          r.permission.name === 'catalog.entity.read' &&
          r.resourceRef &&
          hides(userOf(options.credentials), r.resourceRef)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      });
      return {
        async authorize(requests: any[], options: any) {
          return requests.map(r => decide(r, options));
        },
        async authorizeConditional(requests: any[], options: any) {
          return requests.map(r => decide(r, options));
        },
      };
    },
  });
}

/**
 * The catalog of `entities`, hiding from each user what `hides(user, ref)` says (as a policy on
 * catalog.entity.read would); the plugin's own reads, with service credentials, see everything.
 */
function hidingCatalog(
  entities: object[],
  hides: (user: string | undefined, ref: string) => boolean,
) {
  const canRead = (credentials: any, ref: string) =>
    !hides(userOf(credentials), ref);
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => {
      const base: any = catalogServiceMock({ entities: entities as any });
      const overrides: Record<string, unknown> = {
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
      };
      // Everything else (getEntityByRef…) is the mock's own, called on the mock itself.
      return new Proxy(base, {
        get: (target, prop) =>
          overrides[prop as string] ??
          (typeof target[prop] === 'function'
            ? target[prop].bind(target)
            : target[prop]),
      });
    },
  });
}

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

  /** Alice asks for the sales orders for her team's use case; Bob, of the dataset's owners, approves. */
  const grantAlice = async (server: any) => {
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
    const approved = await request(server)
      .post(`/api/data-hub/access-requests/${created.body.id}/approve`)
      .set('Authorization', as('bob'))
      .send({});
    expect(approved.body.state).toBe('granted');
    const grants = await request(server)
      .get(`/api/data-hub/grants?datasetRef=${DATASET}`)
      .set('Authorization', as('dana'));
    return { id: created.body.id as string, grantId: grants.body.items[0].id };
  };

  it('acting on a request or grant one may not read answers as for reading it, naming nobody', async () => {
    backend = await startAccessBackend({
      knex,
      granter: new InMemoryGranter(),
      sent: [],
      extraFeatures: [permissions],
    });
    const { server } = backend;
    const { id, grantId } = await grantAlice(server);
    const act = (user: string, path: string, body: object) =>
      request(server)
        .post(`/api/data-hub${path}`)
        .set('Authorization', as(user))
        .send(body);
    for (const [path, body] of [
      [`/access-requests/${id}/approve`, {}],
      [`/access-requests/${id}/reject`, { comment: 'no' }],
      [`/access-requests/${id}/withdraw`, {}],
      [`/grants/${grantId}/revoke`, { comment: 'mine now' }],
    ] as const) {
      for (const user of ['mei', 'eve']) {
        const res = await act(user, path, body);
        expect({ path, user, status: res.status }).toEqual({
          path,
          user,
          status: 403,
        });
        expect(res.body.error.message).toBe(
          "The portal's permission policy does not allow you to read this access request",
        );
      }
    }
    // Nothing moved.
    const grant = await request(server)
      .get(`/api/data-hub/grants?datasetRef=${DATASET}`)
      .set('Authorization', as('dana'));
    expect(grant.body.items[0]).toMatchObject({ id: grantId, state: 'live' });
    // Those who may read it still hear why they may not act.
    const uma = await act('uma', `/access-requests/${id}/withdraw`, {});
    expect(uma.status).toBe(403);
    expect(uma.body.error.message).toBe(
      'Only the requester may withdraw a request',
    );
  });

  it('usage names only the use cases whose grants the caller may read, and counts the rest', async () => {
    backend = await startAccessBackend({
      knex,
      granter: new InMemoryGranter(),
      sent: [],
      extraFeatures: [permissions],
    });
    const { server } = backend;
    await grantAlice(server);
    let n = 0;
    const run = (user: string, useCase: string) => ({
      id: `q${++n}`,
      user_ref: `user:default/${user}`,
      use_case_ref: `system:default/${useCase}`,
      sql: 'SELECT 1',
      engine: 'duckdb',
      state: 'succeeded',
      datasets: JSON.stringify([DATASET]),
      created_at: new Date(),
    });
    await knex('query_runs').insert([
      run('alice', 'us-marketing-360'),
      run('alice', 'us-marketing-360'),
      run('uma', 'us-marketing-360'),
      // A use case whose grant nobody here may read (its record is gone, say).
      run('zed', 'secret-project'),
    ]);
    const usage = async (user: string) =>
      (
        await request(server)
          .get(`/api/data-hub/usage?entityRef=${DATASET}&days=7`)
          .set('Authorization', as(user))
      ).body;
    const figures = { totalQueries: 4, succeededQueries: 4, distinctUsers: 3 };
    expect(await usage('dana')).toMatchObject({
      ...figures,
      unnamedQueries: 0,
      topUseCases: [
        { useCaseRef: 'system:default/us-marketing-360', queries: 3 },
        { useCaseRef: 'system:default/secret-project', queries: 1 },
      ],
    });
    for (const user of ['alice', 'bob']) {
      expect(await usage(user)).toMatchObject({
        ...figures,
        unnamedQueries: 1,
        topUsers: [
          { userRef: 'user:default/alice', queries: 2 },
          { userRef: 'user:default/uma', queries: 1 },
        ],
        topUseCases: [
          { useCaseRef: 'system:default/us-marketing-360', queries: 3 },
        ],
      });
    }
    for (const user of ['mei', 'eve']) {
      expect(await usage(user)).toMatchObject({
        ...figures,
        unnamedQueries: 4,
        topUsers: [],
        topUseCases: [],
      });
    }
  });

  it('a service token reads nothing a person would need a read permission for', async () => {
    backend = await startAccessBackend({
      knex,
      granter: new InMemoryGranter(),
      sent: [],
      extraFeatures: [permissions],
    });
    const { server } = backend;
    await grantAlice(server);
    const service = mockCredentials.service.header();
    for (const url of [
      `/grants?datasetRef=${DATASET}`,
      '/health',
      `/health?entityRef=${DATASET}`,
      `/usage?entityRef=${DATASET}`,
      '/overview',
      `/lineage/graph?entityRef=${DATASET}`,
      `/lineage/columns?entityRef=${DATASET}`,
      '/access-requests?view=mine',
      `/audit?datasetRef=${DATASET}`,
    ]) {
      const res = await request(server)
        .get(`/api/data-hub${url}`)
        .set('Authorization', service);
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
    }
    const reconcile = await request(server)
      .post('/api/data-hub/grants/reconcile')
      .set('Authorization', service)
      .send({ repair: true });
    expect(reconcile.status).toBe(403);
    // Job runs name no Dataset: the demo's lineage replay reads them with its service token.
    const runs = await request(server)
      .get('/api/data-hub/lineage/runs?limit=1')
      .set('Authorization', service);
    expect(runs.status).toBe(200);
  });

  it('a Dataset hidden from the caller in the catalog cannot be requested, and looks missing', async () => {
    const CRM = 'dataset:default/us-customer-crm-source';
    // A policy on catalog.entity.read hides it from alice, in the catalog and wherever asked.
    const hides = (user: string | undefined, ref: string) =>
      user === 'user:default/alice' && ref === CRM;
    backend = await startAccessBackend({
      knex,
      granter: new InMemoryGranter(),
      sent: [],
      catalog: hidingCatalog(ACCESS_TEST_ENTITIES, hides),
      extraFeatures: [hidingPolicy(hides)],
    });
    const { server } = backend;
    const ask = (user: string, datasetRef: string) =>
      request(server)
        .post('/api/data-hub/access-requests')
        .set('Authorization', as(user))
        .send({
          datasetRef,
          useCaseRef: USE_CASE,
          justification: 'Churn analysis for the US',
          durationDays: 30,
        });
    const hidden = await ask('alice', CRM);
    const missing = await ask('alice', 'dataset:default/no-such-source');
    expect([hidden.status, missing.status]).toEqual([400, 400]);
    expect(hidden.body.error.message).toBe(
      `datasetRef "${CRM}" is not a Dataset in the catalog`,
    );
    expect(missing.body.error.message).toBe(
      'datasetRef "dataset:default/no-such-source" is not a Dataset in the catalog',
    );
    const useCases = await request(server)
      .get(`/api/data-hub/access/use-cases?datasetRef=${CRM}`)
      .set('Authorization', as('alice'));
    expect(useCases.status).toBe(400);
    const [{ n }] = await knex('access_requests').count({ n: '*' });
    expect(Number(n)).toBe(0);
    // Her teammate, who may read it, requests it for the same use case.
    expect((await ask('uma', CRM)).status).toBe(201);
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
    const catalog = hidingCatalog(
      LINEAGE_TEST_DATASETS,
      (user, ref) => user === 'user:default/mallory' && ref === TELEMETRY,
    );
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
      // In the caller's own words: the catalog's spelling would tell them it exists.
      for (const asked of [
        'dataset:default/Telemetry-Source',
        'dataset:default/Nothing-Source',
      ]) {
        const res = await api(user, `/usage?entityRef=${asked}`);
        const missing = hidden || asked.includes('Nothing');
        expect(res.body.error?.message).toBe(
          missing ? `No Dataset ${asked} in the catalog` : undefined,
        );
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
