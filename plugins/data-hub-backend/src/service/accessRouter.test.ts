import request from 'supertest';
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { InMemoryGranter } from '../__testUtils__/InMemoryGranter';
import { startAccessBackend } from '../__testUtils__/startAccessBackend';

jest.setTimeout(120_000);

const DATASET = 'dataset:default/us-sales-orders-source';
const USE_CASE = 'system:default/us-marketing-360';
const as = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);
const body = (extra: Record<string, unknown> = {}) => ({
  datasetRef: DATASET,
  useCaseRef: USE_CASE,
  justification: 'Campaign attribution for the US market',
  durationDays: 30,
  ...extra,
});
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

it('runs the access workflow against PostgreSQL in CI', () => {
  expect(databases.supports('POSTGRES_15') || !process.env.CI).toBe(true);
});

describe.each(databases.eachSupportedId())(
  'access requests on %s',
  databaseId => {
    let granter: InMemoryGranter;
    let sent: NotificationSendOptions[];
    let backend: Awaited<ReturnType<typeof startAccessBackend>>;
    let knex: any;

    const start = async (
      access?: Record<string, unknown>,
      extraFeatures?: any[],
    ) => {
      backend = await startAccessBackend({
        knex,
        granter,
        sent,
        access,
        extraFeatures,
      });
      return backend.server;
    };

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      granter = new InMemoryGranter();
      sent = [];
    });
    afterEach(async () => {
      await backend?.stop();
    });

    const create = (
      server: any,
      user = 'alice',
      extra: Record<string, unknown> = {},
    ) =>
      request(server)
        .post('/api/data-hub/access-requests')
        .set('Authorization', as(user))
        .send(body(extra));
    const audit = async (server: any) =>
      (
        await request(server)
          .get(`/api/data-hub/audit?datasetRef=${DATASET}`)
          .set('Authorization', as('bob'))
      ).body;

    it('creates a pending request for every non-PII column and tells the owners', async () => {
      const server = await start();
      const res = await create(server);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        state: 'pending',
        requester: 'user:default/alice',
        datasetOwner: 'group:default/sales-data-us',
        datasetHub: 'us',
        useCaseHub: 'us',
        tables: [
          { name: 'orders', columns: ['dt', 'order_id', 'amount'] },
          { name: 'dealers', columns: ['dealer_id'] },
        ],
      });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/sales-data-us',
          excludeEntityRef: 'user:default/alice',
        },
        payload: { link: `/data-hub/access-requests?request=${res.body.id}` },
      });
      const mine = await request(server)
        .get('/api/data-hub/access-requests?view=mine')
        .set('Authorization', as('alice'));
      expect(mine.body.totalCount).toBe(1);
      const toDecide = await request(server)
        .get('/api/data-hub/access-requests?view=to-decide')
        .set('Authorization', as('bob'));
      expect(toDecide.body.items.map((r: any) => r.id)).toEqual([res.body.id]);
      expect((await audit(server)).items[0]).toMatchObject({
        action: 'request.created',
        actor: 'user:default/alice',
        before: null,
      });
    });

    it('grants PII columns only when they are named', async () => {
      const server = await start();
      const res = await create(server, 'alice', {
        tables: [{ name: 'orders', columns: ['order_id', 'vin'] }],
      });
      expect(res.status).toBe(201);
      expect(res.body.tables).toEqual([
        { name: 'orders', columns: ['order_id', 'vin'] },
      ]);
      expect((await audit(server)).items[0].after.pii).toEqual(['orders.vin']);
    });

    it('answers bad bodies with 400s that say what to fix, and writes nothing', async () => {
      const server = await start();
      const cases: Array<[unknown, RegExp]> = [
        [{ ...body(), justification: undefined }, /justification/],
        [{ ...body(), durationDays: 0 }, /durationDays/],
        [{ ...body(), durationDays: 1.5 }, /whole number/],
        [
          { ...body(), durationDays: 91 },
          /longer than the 90 days allowed for confidential/,
        ],
        [{ ...body(), surprise: true }, /surprise/],
        [
          { ...body(), tables: [{ name: 'nope' }] },
          /"nope" is not a table .*orders, dealers/,
        ],
        [
          {
            ...body(),
            tables: [{ name: 'orders', columns: ['order_id', 'ghost'] }],
          },
          /"ghost" not a column of table "orders"/,
        ],
        [
          { ...body(), datasetRef: 'dataset:default/missing' },
          /not a Dataset in the catalog/,
        ],
        [
          { ...body(), useCaseRef: 'system:default/plain-system' },
          /not a use case/,
        ],
        [{ ...body(), datasetRef: '' }, /datasetRef/],
      ];
      for (const [payload, message] of cases) {
        const res = await request(server)
          .post('/api/data-hub/access-requests')
          .set('Authorization', as('alice'))
          .send(payload as object);
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({ status: 400, message: expect.stringMatching(message) });
      }
      const malformed = await request(server)
        .post('/api/data-hub/access-requests')
        .set('Authorization', as('alice'))
        .set('Content-Type', 'application/json')
        .send('{"datasetRef": ');
      expect(malformed.status).toBe(400);
      const mine = await request(server)
        .get('/api/data-hub/access-requests?view=mine')
        .set('Authorization', as('alice'));
      expect(mine.body.totalCount).toBe(0);
      expect((await audit(server)).totalCount).toBe(0);
      expect(sent).toHaveLength(0);
    });

    it('lets only members of the use case request, and only from hubs it may consume', async () => {
      const server = await start();
      const notMember = await create(server, 'eve');
      expect(notMember.status).toBe(403);
      expect(notMember.body.error.message).toMatch(
        /Only members of group:default\/us-marketing-analytics/,
      );

      const crossHub = await create(server, 'mei', {
        useCaseRef: 'system:default/cn-quality-analytics',
      });
      expect(crossHub.status).toBe(400);
      expect(crossHub.body.error.message).toMatch(
        /hub "cn", which may consume from global, cn — not from "us"/,
      );

      const useCases = await request(server)
        .get(`/api/data-hub/access/use-cases?datasetRef=${DATASET}`)
        .set('Authorization', as('mei'));
      expect(useCases.body.items).toEqual([
        expect.objectContaining({
          useCaseRef: 'system:default/cn-quality-analytics',
          allowed: false,
        }),
      ]);
      const unauthenticated = await request(server)
        .post('/api/data-hub/access-requests')
        .set('Authorization', mockCredentials.user.invalidHeader())
        .send(body());
      expect(unauthenticated.status).toBe(401);
    });

    it('approves into a live grant the granter enforces, with a full audit trail', async () => {
      const server = await start();
      const { body: created } = await create(server);
      const res = await request(server)
        .post(`/api/data-hub/access-requests/${created.id}/approve`)
        .set('Authorization', as('bob'))
        .send({ comment: 'ok for the campaign' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'granted',
        decidedBy: 'user:default/bob',
        grantId: expect.any(String),
      });
      // The answer is built without reading the request again: it is what a read returns.
      const stored = await request(server)
        .get(`/api/data-hub/access-requests/${created.id}`)
        .set('Authorization', as('alice'));
      expect(res.body).toEqual(stored.body);
      expect(granter.granted.get(`${USE_CASE}|us_sales_orders_source`)).toEqual(
        created.tables,
      );

      const grants = await request(server)
        .get(`/api/data-hub/grants?datasetRef=${DATASET}&state=live`)
        .set('Authorization', as('alice'));
      expect(grants.body.items).toEqual([
        expect.objectContaining({
          id: res.body.grantId,
          useCaseRef: USE_CASE,
          state: 'live',
          granter: 'in-memory',
          tables: created.tables,
        }),
      ]);
      const expires =
        new Date(grants.body.items[0].expiresAt).getTime() -
        new Date(grants.body.items[0].grantedAt).getTime();
      expect(expires).toBe(30 * 24 * 3600 * 1000);
      expect((await audit(server)).items.map((e: any) => e.action)).toEqual([
        'request.granted',
        'grant.created',
        'request.approved',
        'request.created',
      ]);
      // The approval is told once, with its outcome.
      expect(sent.map(s => s.payload.title)).toEqual([
        'Access request for us-sales-orders-source',
        'Access to us-sales-orders-source granted',
      ]);
      expect(sent[1].payload.description).toMatch(
        /^user:default\/bob approved: system:default\/us-marketing-360 may read /,
      );
      // A second decision on a decided request conflicts.
      const again = await request(server)
        .post(`/api/data-hub/access-requests/${created.id}/reject`)
        .set('Authorization', as('carol'))
        .send({ comment: 'no' });
      expect(again.status).toBe(409);
    });

    it('keeps four eyes: nobody decides on their own request, and only owners decide', async () => {
      const server = await start();
      const { body: own } = await create(server, 'sam');
      const self = await request(server)
        .post(`/api/data-hub/access-requests/${own.id}/approve`)
        .set('Authorization', as('sam'))
        .send({});
      expect(self.status).toBe(403);
      expect(self.body.error.message).toMatch(/four eyes/);
      const toDecide = await request(server)
        .get('/api/data-hub/access-requests?view=to-decide')
        .set('Authorization', as('sam'));
      expect(toDecide.body.totalCount).toBe(0);
      const stranger = await request(server)
        .post(`/api/data-hub/access-requests/${own.id}/approve`)
        .set('Authorization', as('alice'))
        .send({});
      expect(stranger.status).toBe(403);
      expect(stranger.body.error.message).toMatch(
        /Only members of group:default\/sales-data-us/,
      );
      const byColleague = await request(server)
        .post(`/api/data-hub/access-requests/${own.id}/approve`)
        .set('Authorization', as('bob'))
        .send({});
      expect(byColleague.body.state).toBe('granted');
    });

    it('turns 20 concurrent approvals into exactly one grant', async () => {
      const server = await start();
      const { body: created } = await create(server);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(server)
            .post(`/api/data-hub/access-requests/${created.id}/approve`)
            .set('Authorization', as(i % 2 ? 'bob' : 'carol'))
            .send({}),
        ),
      );
      expect(results.map(r => r.status).sort()).toEqual([
        200,
        ...Array(19).fill(409),
      ]);
      expect(granter.calls.filter(c => c.op === 'grant')).toHaveLength(1);
      const grants = await request(server)
        .get(`/api/data-hub/grants?datasetRef=${DATASET}`)
        .set('Authorization', as('bob'));
      expect(grants.body.totalCount).toBe(1);
      expect(
        (await audit(server)).items.filter(
          (e: any) => e.action === 'request.approved',
        ),
      ).toHaveLength(1);
    });

    it('turns 20 concurrent requests of one use case for one dataset into exactly one', async () => {
      const server = await start();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          create(server, i % 2 ? 'alice' : 'uma'),
        ),
      );
      expect(results.map(r => r.status).sort()).toEqual([
        201,
        ...Array(19).fill(409),
      ]);
      const winner = results.find(r => r.status === 201)!.body;
      for (const lost of results.filter(r => r.status === 409))
        expect(lost.body.error.message).toBe(
          `Request ${winner.id} of ${USE_CASE} for ${DATASET} is still pending; withdraw it or wait for the decision`,
        );
      const [{ n }] = await knex('access_requests').count({ n: '*' });
      expect(Number(n)).toBe(1);
      expect((await audit(server)).items.map((e: any) => e.action)).toEqual([
        'request.created',
      ]);
    });

    it('rejects with a comment, lets the requester withdraw, and records grant failures', async () => {
      const server = await start();
      const { body: first } = await create(server);
      const noComment = await request(server)
        .post(`/api/data-hub/access-requests/${first.id}/reject`)
        .set('Authorization', as('bob'))
        .send({});
      expect(noComment.status).toBe(400);
      const rejected = await request(server)
        .post(`/api/data-hub/access-requests/${first.id}/reject`)
        .set('Authorization', as('bob'))
        .send({ comment: 'Use the prepared layer' });
      expect(rejected.body).toMatchObject({
        state: 'rejected',
        decisionComment: 'Use the prepared layer',
      });
      const read = (id: string) =>
        request(server)
          .get(`/api/data-hub/access-requests/${id}`)
          .set('Authorization', as('alice'));
      expect(rejected.body).toEqual((await read(first.id)).body);
      expect(sent.at(-1)).toMatchObject({
        recipients: { entityRef: 'user:default/alice' },
        payload: {
          title: 'Access to us-sales-orders-source rejected',
          description:
            'user:default/bob rejected your request for system:default/us-marketing-360: Use the prepared layer',
        },
      });

      const { body: second } = await create(server);
      expect(
        (
          await request(server)
            .post(`/api/data-hub/access-requests/${second.id}/withdraw`)
            .set('Authorization', as('bob'))
            .send({})
        ).status,
      ).toBe(403);
      const withdrawn = await request(server)
        .post(`/api/data-hub/access-requests/${second.id}/withdraw`)
        .set('Authorization', as('alice'))
        .send({});
      expect(withdrawn.body.state).toBe('withdrawn');
      expect(withdrawn.body).toEqual((await read(second.id)).body);
      expect(
        (
          await request(server)
            .post(`/api/data-hub/access-requests/${second.id}/approve`)
            .set('Authorization', as('bob'))
            .send({})
        ).status,
      ).toBe(409);

      const { body: third } = await create(server);
      granter.failWith =
        'AccessDeniedException: lakeformation:GrantPermissions';
      const failed = await request(server)
        .post(`/api/data-hub/access-requests/${third.id}/approve`)
        .set('Authorization', as('bob'))
        .send({});
      expect(failed.body).toMatchObject({
        state: 'grant-failed',
        grantError: expect.stringContaining('AccessDeniedException'),
      });
      expect(failed.body).toEqual((await read(third.id)).body);
      expect(sent.at(-1)).toMatchObject({
        recipients: {
          entityRef: ['user:default/alice', 'group:default/sales-data-us'],
        },
        payload: { title: 'Granting access to us-sales-orders-source failed' },
      });
    });

    it('revokes at once, extends in place, and reports drift', async () => {
      const server = await start();
      const { body: created } = await create(server);
      const { body: granted } = await request(server)
        .post(`/api/data-hub/access-requests/${created.id}/approve`)
        .set('Authorization', as('bob'))
        .send({});

      const duplicate = await create(server);
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.message).toMatch(/request an extension/);
      const extension = await create(server, 'alice', {
        extendsGrantId: granted.grantId,
        durationDays: 60,
        tables: [{ name: 'orders' }],
      });
      expect(extension.status).toBe(201);
      const extended = await request(server)
        .post(`/api/data-hub/access-requests/${extension.body.id}/approve`)
        .set('Authorization', as('carol'))
        .send({});
      expect(extended.body).toMatchObject({
        state: 'granted',
        grantId: granted.grantId,
      });
      expect(extended.body).toEqual(
        (
          await request(server)
            .get(`/api/data-hub/access-requests/${extension.body.id}`)
            .set('Authorization', as('alice'))
        ).body,
      );
      expect(granter.granted.get(`${USE_CASE}|us_sales_orders_source`)).toEqual(
        [{ name: 'orders', columns: ['dt', 'order_id', 'amount'] }],
      );

      // Someone removed the permission by hand: reconcile sees it, and repairs on request.
      granter.granted.clear();
      const report = await request(server)
        .post('/api/data-hub/grants/reconcile')
        .set('Authorization', as('bob'))
        .send({});
      expect(report.body).toMatchObject({
        checked: 1,
        drift: [{ grantId: granted.grantId, repaired: false }],
      });
      const repaired = await request(server)
        .post('/api/data-hub/grants/reconcile')
        .set('Authorization', as('bob'))
        .send({ repair: true });
      expect(repaired.body.drift[0].repaired).toBe(true);
      expect(granter.granted.size).toBe(1);

      expect(
        (
          await request(server)
            .post(`/api/data-hub/grants/${granted.grantId}/revoke`)
            .set('Authorization', as('eve'))
            .send({})
        ).status,
      ).toBe(403);
      const revoked = await request(server)
        .post(`/api/data-hub/grants/${granted.grantId}/revoke`)
        .set('Authorization', as('bob'))
        .send({ comment: 'campaign over' });
      expect(revoked.body).toMatchObject({
        state: 'revoked',
        endedBy: 'user:default/bob',
      });
      const listed = await request(server)
        .get(`/api/data-hub/grants?datasetRef=${DATASET}`)
        .set('Authorization', as('alice'));
      expect(
        listed.body.items.find((g: any) => g.id === granted.grantId),
      ).toEqual(revoked.body);
      expect(granter.granted.size).toBe(0);
      expect(
        (
          await request(server)
            .get(`/api/data-hub/access-requests/${extension.body.id}`)
            .set('Authorization', as('alice'))
        ).body.state,
      ).toBe('revoked');
      expect(
        (
          await request(server)
            .post(`/api/data-hub/grants/${granted.grantId}/revoke`)
            .set('Authorization', as('bob'))
            .send({})
        ).status,
      ).toBe(409);
      expect((await audit(server)).items[0]).toMatchObject({
        action: 'grant.revoked',
        actor: 'user:default/bob',
        comment: 'campaign over',
        after: { state: 'revoked' },
      });
    });

    it('expires grants that ran out while the backend was down, at start-up', async () => {
      let server = await start();
      const { body: created } = await create(server);
      const { body: granted } = await request(server)
        .post(`/api/data-hub/access-requests/${created.id}/approve`)
        .set('Authorization', as('bob'))
        .send({});
      await backend.stop();

      // While no backend runs, the grant's time passes.
      await knex('access_grants')
        .where({ id: granted.grantId })
        .update({ expires_at: new Date(Date.now() - 60_000) });
      server = await start();
      let grant: any;
      for (let i = 0; i < 50; i++) {
        grant = (
          await request(server)
            .get(`/api/data-hub/grants?datasetRef=${DATASET}`)
            .set('Authorization', as('alice'))
        ).body.items[0];
        if (grant.state === 'expired') break;
        await sleep(200);
      }
      expect(grant).toMatchObject({
        state: 'expired',
        endedBy: 'system:data-hub/expiry',
      });
      expect(granter.granted.size).toBe(0);
      expect(
        (
          await request(server)
            .get(`/api/data-hub/access-requests/${created.id}`)
            .set('Authorization', as('alice'))
        ).body.state,
      ).toBe('expired');
      expect((await audit(server)).items[0]).toMatchObject({
        action: 'grant.expired',
        actor: 'system:data-hub/expiry',
      });
    });

    it('reminds the requester once before a grant expires', async () => {
      let server = await start();
      const { body: created } = await create(server);
      const { body: granted } = await request(server)
        .post(`/api/data-hub/access-requests/${created.id}/approve`)
        .set('Authorization', as('bob'))
        .send({});
      await backend.stop();
      await knex('access_grants')
        .where({ id: granted.grantId })
        .update({ expires_at: new Date(Date.now() + 2 * 24 * 3600 * 1000) });
      sent.length = 0;
      server = await start();
      for (let i = 0; i < 50 && sent.length === 0; i++) await sleep(200);
      expect(sent).toEqual([
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: 'user:default/alice' },
          payload: expect.objectContaining({
            title: 'Access to us-sales-orders-source expires soon',
          }),
        }),
      ]);
      expect(server).toBeDefined();
    });

    it("applies the permission policy's conditions in memory and in SQL", async () => {
      // A policy that lets deciders act only on requests for datasets of hub "global".
      const permissions = createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          async authorize(requests: any[]) {
            return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
          },
          async authorizeConditional(requests: any[]) {
            return requests.map((r: any) =>
              r.permission.name === 'data-hub.access-request.decide'
                ? {
                    result: AuthorizeResult.CONDITIONAL,
                    pluginId: 'data-hub',
                    resourceType: 'data-hub-access',
                    conditions: {
                      rule: 'IS_IN_HUB',
                      resourceType: 'data-hub-access',
                      params: { hubs: ['global'] },
                    },
                  }
                : { result: AuthorizeResult.ALLOW },
            );
          },
        }),
      });
      const server = await start(undefined, [permissions]);
      const { body: created } = await create(server);
      const toDecide = await request(server)
        .get('/api/data-hub/access-requests?view=to-decide')
        .set('Authorization', as('bob'));
      expect(toDecide.body.totalCount).toBe(0);
      const approve = await request(server)
        .post(`/api/data-hub/access-requests/${created.id}/approve`)
        .set('Authorization', as('bob'))
        .send({});
      expect(approve.status).toBe(403);
      expect(approve.body.error.message).toMatch(/permission policy/);
    });
  },
);
