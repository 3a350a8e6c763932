import { Readable } from 'node:stream';
import { applyMigrations } from '../database/migrateDatabase';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import type { QueryEngine, QueryStatus } from '@cloud-data-hub/data-hub-node';
import { AccessStore, type StoredGrant } from '../access/AccessStore';
import type { AccessSubjects } from '../access/AccessSubjects';
import { QueryService } from './QueryService';
import { QueryStore } from './QueryStore';
import { RunHeartbeat } from './RunHeartbeat';
import { QueryResultRetention } from './QueryResultRetention';

const USE_CASE = 'system:default/us-marketing-360';
const DATASET = 'dataset:default/us-sales-orders-source';
const HOUR = 3_600_000;
const T0 = new Date('2026-12-01T12:00:00Z');

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/**
 * An in-process engine like DuckDB's: each run ends when the test says so (or at once),
 * results are "stored" in a map every replica's engine shares, as the results folder is.
 */
function fakeEngine(
  shared: { results: Map<string, string[][]> },
  options: { holdRuns?: boolean } = {},
) {
  const running = new Map<string, (status: QueryStatus) => void>();
  const removed: string[] = [];
  const engine: QueryEngine = {
    id: 'fake',
    runsIn: 'process',
    async start(request) {
      let end!: (status: QueryStatus) => void;
      const finished = new Promise<QueryStatus>(resolve => {
        end = resolve;
      });
      running.set(request.runId, status => {
        running.delete(request.runId);
        if (status.state === 'succeeded')
          shared.results.set(request.runId, [['O1']]);
        end(status);
      });
      if (!options.holdRuns)
        running.get(request.runId)!({
          state: 'succeeded',
          statistics: { rows: 1, resultBytes: 100 },
        });
      return {
        engineQueryId: request.runId,
        reads: [
          {
            glueDatabase: 'us_sales_orders_source',
            table: 'orders',
            columns: ['amount', 'order_id'],
          },
        ],
        finished,
      };
    },
    async status(run) {
      if (!running.has(run.runId)) throw new Error('not here');
      return { state: 'running', progress: 0.5, statistics: {} };
    },
    async page(run) {
      const rows = shared.results.get(run.runId);
      if (!rows) throw new Error('gone');
      return {
        columns: [{ name: 'order_id', type: 'VARCHAR' }],
        rows,
        hasMore: false,
      };
    },
    async *stream() {
      yield { columns: [], rows: [] };
    },
    async streamCsv(run) {
      return Readable.from([
        `order_id\n${shared.results.get(run.runId)![0][0]}\n`,
      ]);
    },
    async cancel(run) {
      running.get(run.runId)?.({ state: 'cancelled', statistics: {} });
    },
    async removeResult(run) {
      removed.push(run.runId);
      shared.results.delete(run.runId);
    },
  };
  return { engine, running, removed };
}

// Every read of a run's output is authorized when it happens: member of the use case, and the
// grants the run used still live and still covering what it read (expiry, narrowing, leaving).
describe('QueryService reads', () => {
  let now: Date;
  let store: AccessStore;
  let service: QueryService;
  let shared: { results: Map<string, string[][]> };
  let subjectsOf: AccessSubjects;
  let knex: Awaited<ReturnType<typeof databases.init>>;
  const alice = (teams = ['group:default/us-marketing-analytics']) => ({
    userRef: 'user:default/alice',
    ownershipRefs: ['user:default/alice', ...teams],
    credentials: mockCredentials.user('user:default/alice'),
  });

  beforeEach(async () => {
    now = T0;
    knex = await databases.init('SQLITE_3');
    await applyMigrations(knex);
    store = new AccessStore(knex);
    const grant: StoredGrant = {
      id: 'g1',
      datasetRef: DATASET,
      datasetHub: 'us',
      datasetOwner: 'group:default/sales-data-us',
      classification: 'confidential',
      useCaseRef: USE_CASE,
      useCaseHub: 'us',
      tables: [{ name: 'orders', columns: ['order_id', 'amount'] }],
      requestId: 'r1',
      granter: 'fake',
      state: 'live',
      grantedAt: T0.toISOString(),
      expiresAt: new Date(T0.getTime() + HOUR).toISOString(),
    };
    await knex.transaction(tx => store.insertGrant(tx, grant));
    const subjects = {
      async useCase(ref: string) {
        return ref === USE_CASE
          ? {
              ref,
              title: 'US marketing 360',
              hub: 'us',
              owner: 'group:default/us-marketing-analytics',
            }
          : undefined;
      },
      async dataset(ref: string) {
        return ref === DATASET
          ? {
              ref,
              title: 'US sales orders',
              hub: 'us',
              owner: 'group:default/sales-data-us',
              classification: 'confidential',
              storage: {
                location: 's3://x/',
                glueDatabase: 'us_sales_orders_source',
              },
              tables: [
                {
                  name: 'orders',
                  columns: ['order_id', 'amount', 'vin'].map(name => ({
                    name,
                    type: 'string',
                  })),
                },
              ],
            }
          : undefined;
      },
    } as unknown as AccessSubjects;
    subjectsOf = subjects;
    shared = { results: new Map() };
    const fake = fakeEngine(shared);
    service = replica(fake.engine);
  });

  /** A backend replica: its own engine, heartbeat and service over the same database. */
  function replica(
    engine: QueryEngine,
    options: { maxBytesPerUser?: number; heartbeatMs?: number } = {},
  ) {
    const queryStore = new QueryStore(knex);
    const logger = mockServices.logger.mock();
    return new QueryService({
      engine,
      access: store,
      subjects: subjectsOf,
      store: queryStore,
      heartbeat: new RunHeartbeat({
        store: queryStore,
        intervalMs: options.heartbeatMs ?? 50,
        now: () => now,
      }),
      retention: new QueryResultRetention({
        store: queryStore,
        engine,
        retentionMs: HOUR,
        maxBytesPerUser: options.maxBytesPerUser ?? 1000,
        logger,
      }),
      interruptAfterMs: 30_000,
      logger,
      now: () => now,
    });
  }

  it('stores the run with what it read and the grants it ran under, and serves it while they live', async () => {
    const run = await service.submit(
      'SELECT order_id, amount FROM orders',
      USE_CASE,
      alice(),
    );
    expect(run).toMatchObject({
      state: 'succeeded',
      datasets: [DATASET],
      result: 'available',
      reads: [
        {
          datasetRef: DATASET,
          glueDatabase: 'us_sales_orders_source',
          table: 'orders',
          columns: ['amount', 'order_id'],
        },
      ],
    });
    const row = await knex('query_runs').where({ id: run.id }).first();
    expect(row).toMatchObject({
      state: 'succeeded',
      grant_ids: '["g1"]',
      result_state: 'available',
      use_case_hub: 'us',
    });
    expect(row.grant_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await expect(service.status(run.id, alice())).resolves.toMatchObject({
      state: 'succeeded',
    });
    await expect(
      service.results(run.id, 0, 10, alice()),
    ).resolves.toMatchObject({ rows: [['O1']] });
    const { csv } = await service.download(
      run.id,
      alice(),
      new AbortController().signal,
    );
    let text = '';
    for await (const chunk of csv!) text += chunk;
    expect(text).toBe('order_id\nO1\n');
  });

  it('answers a submit that asks for it with the first page, as a read of the run', async () => {
    const run = await service.submit(
      'SELECT order_id, amount FROM orders',
      USE_CASE,
      alice(),
      { firstPageRows: 10 },
    );
    expect(run.firstPage).toMatchObject({
      offset: 0,
      rows: [['O1']],
      hasMore: false,
    });
    // Stored without it: the history and status never carry rows.
    expect((await service.status(run.id, alice())).firstPage).toBeUndefined();
    expect(
      (await service.submit('SELECT order_id FROM orders', USE_CASE, alice()))
        .firstPage,
    ).toBeUndefined();
  });

  it('answers 403 once the grant expired, though no job has ended it yet', async () => {
    const run = await service.submit(
      'SELECT order_id, amount FROM orders',
      USE_CASE,
      alice(),
    );
    now = new Date(T0.getTime() + 2 * HOUR);
    const ended = {
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /the grant on dataset:default\/us-sales-orders-source has ended \(revoked or expired\): it expired at /,
      ),
    };
    await expect(service.results(run.id, 0, 10, alice())).rejects.toMatchObject(
      ended,
    );
    await expect(
      service.download(run.id, alice(), new AbortController().signal),
    ).rejects.toMatchObject(ended);
    await expect(service.status(run.id, alice())).rejects.toMatchObject(ended);
  });

  it('answers 403 once the grant was revoked, and serves again a grant extended under the same id', async () => {
    const run = await service.submit(
      'SELECT order_id, amount FROM orders',
      USE_CASE,
      alice(),
    );
    await knex('access_grants')
      .where({ id: 'g1' })
      .update({
        tables: JSON.stringify([
          { name: 'orders', columns: ['order_id', 'amount', 'vin'] },
        ]),
      });
    await expect(
      service.results(run.id, 0, 10, alice()),
    ).resolves.toMatchObject({ rows: [['O1']] });
    await knex('access_grants').where({ id: 'g1' }).update({
      state: 'revoked',
      ended_by: 'user:default/bob-owner',
      ended_at: T0.toISOString(),
    });
    await expect(service.results(run.id, 0, 10, alice())).rejects.toMatchObject(
      {
        name: 'NotAllowedError',
        message: expect.stringMatching(
          /has ended \(revoked or expired\): it was revoked by user:default\/bob-owner at 20/,
        ),
      },
    );
  });

  it('answers 403 naming the column once an extension narrowed the grant', async () => {
    const run = await service.submit(
      'SELECT order_id, amount FROM orders',
      USE_CASE,
      alice(),
    );
    await knex('access_grants')
      .where({ id: 'g1' })
      .update({
        tables: JSON.stringify([{ name: 'orders', columns: ['order_id'] }]),
      });
    await expect(service.results(run.id, 0, 10, alice())).rejects.toMatchObject(
      {
        name: 'NotAllowedError',
        message: expect.stringMatching(/table orders no longer grants amount/),
      },
    );
  });

  it('answers 403 to a reader who left the use case, and 404 to anyone else', async () => {
    const run = await service.submit(
      'SELECT order_id, amount FROM orders',
      USE_CASE,
      alice(),
    );
    await expect(
      service.results(run.id, 0, 10, alice([])),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(service.cancel(run.id, alice([]))).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    const bob = { ...alice(), userRef: 'user:default/bob' };
    await expect(service.results(run.id, 0, 10, bob)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});

// The server owns each run's state; any replica serves any run (the integration test starts
// two real backend processes; this is the same logic with two services over one database).
describe('QueryService runs across replicas', () => {
  let now: Date;
  let knex: Awaited<ReturnType<typeof databases.init>>;
  let store: AccessStore;
  const alice = {
    userRef: 'user:default/alice',
    ownershipRefs: [
      'user:default/alice',
      'group:default/us-marketing-analytics',
    ],
    credentials: mockCredentials.user('user:default/alice'),
  };
  const subjects = {
    async useCase(ref: string) {
      return ref === USE_CASE
        ? {
            ref,
            title: 'US marketing 360',
            hub: 'us',
            owner: 'group:default/us-marketing-analytics',
          }
        : undefined;
    },
    async dataset(ref: string) {
      return ref === DATASET
        ? {
            ref,
            hub: 'us',
            owner: 'group:default/sales-data-us',
            storage: { glueDatabase: 'us_sales_orders_source' },
            tables: [],
          }
        : undefined;
    },
  } as unknown as AccessSubjects;

  beforeEach(async () => {
    now = T0;
    knex = await databases.init('SQLITE_3');
    await applyMigrations(knex);
    store = new AccessStore(knex);
    await knex.transaction(tx =>
      store.insertGrant(tx, {
        id: 'g1',
        datasetRef: DATASET,
        datasetHub: 'us',
        datasetOwner: 'group:default/sales-data-us',
        classification: 'confidential',
        useCaseRef: USE_CASE,
        useCaseHub: 'us',
        tables: [{ name: 'orders', columns: ['order_id', 'amount'] }],
        requestId: 'r1',
        granter: 'fake',
        state: 'live',
        grantedAt: T0.toISOString(),
        expiresAt: new Date(T0.getTime() + HOUR).toISOString(),
      }),
    );
  });

  function replica(
    engine: QueryEngine,
    options: { maxBytesPerUser?: number } = {},
  ) {
    const queryStore = new QueryStore(knex);
    const logger = mockServices.logger.mock();
    const heartbeat = new RunHeartbeat({
      store: queryStore,
      intervalMs: 20,
      now: () => now,
    });
    const retention = new QueryResultRetention({
      store: queryStore,
      engine,
      retentionMs: HOUR,
      maxBytesPerUser: options.maxBytesPerUser ?? 1000,
      logger,
      now: () => now,
    });
    const service = new QueryService({
      engine,
      access: store,
      subjects,
      store: queryStore,
      heartbeat,
      retention,
      interruptAfterMs: 30_000,
      logger,
      now: () => now,
    });
    return { service, heartbeat, retention };
  }

  it('pages, downloads and cancels through B a run submitted on A', async () => {
    const shared = { results: new Map<string, string[][]>() };
    const a = fakeEngine(shared, { holdRuns: true });
    const b = fakeEngine(shared, { holdRuns: true });
    const A = replica(a.engine);
    const B = replica(b.engine);

    const running = await A.service.submit(
      'SELECT order_id FROM orders',
      USE_CASE,
      alice,
    );
    expect(running).toMatchObject({ state: 'running' });
    // B sees the state A stores; A reports progress for its own run.
    await expect(B.service.status(running.id, alice)).resolves.toMatchObject({
      state: 'running',
    });
    await expect(A.service.status(running.id, alice)).resolves.toMatchObject({
      state: 'running',
      progress: 0.5,
    });
    await expect(
      B.service.results(running.id, 0, 10, alice),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    // Cancelled through B: A's heartbeat picks the request up and stops the run.
    await expect(B.service.cancel(running.id, alice)).resolves.toMatchObject({
      state: 'cancelled',
    });
    expect(a.running.size).toBe(0);

    const second = await A.service.submit(
      'SELECT order_id FROM orders',
      USE_CASE,
      alice,
    );
    [...a.running.values()][0]({
      state: 'succeeded',
      statistics: { rows: 1, resultBytes: 10 },
    });
    await new Promise(r => setTimeout(r, 50));
    await expect(B.service.status(second.id, alice)).resolves.toMatchObject({
      state: 'succeeded',
      result: 'available',
    });
    await expect(
      B.service.results(second.id, 0, 10, alice),
    ).resolves.toMatchObject({ rows: [['O1']] });
    await expect(
      B.service.download(second.id, alice, new AbortController().signal),
    ).resolves.toHaveProperty('csv');
    A.heartbeat.stop();
    B.heartbeat.stop();
  });

  it('interrupts the runs of a process that stopped: at once when it shuts down, else once its heartbeat is stale', async () => {
    const shared = { results: new Map<string, string[][]>() };
    const A = replica(fakeEngine(shared, { holdRuns: true }).engine);
    const B = replica(fakeEngine(shared, { holdRuns: true }).engine);
    const first = await A.service.submit('SELECT 1', USE_CASE, alice);
    await A.service.shutdown();
    await expect(B.service.status(first.id, alice)).resolves.toMatchObject({
      state: 'interrupted',
      error: {
        message: expect.stringMatching(
          /restarted while this query ran; run it again/,
        ),
      },
    });

    // A crash: no shutdown, the heartbeat just stops.
    const C = replica(fakeEngine(shared, { holdRuns: true }).engine);
    const second = await C.service.submit('SELECT 1', USE_CASE, alice);
    C.heartbeat.stop();
    await expect(B.service.status(second.id, alice)).resolves.toMatchObject({
      state: 'running',
    });
    now = new Date(T0.getTime() + 31_000);
    await B.service.watch();
    await expect(B.service.status(second.id, alice)).resolves.toMatchObject({
      state: 'interrupted',
      error: {
        message: expect.stringMatching(/stopped \(a restart or a crash\)/),
      },
    });
    await expect(
      B.service.results(second.id, 0, 10, alice),
    ).rejects.toMatchObject({
      message: expect.stringMatching(
        /interrupted; it has no results: run it again/,
      ),
    });
    B.heartbeat.stop();
  });

  it('removes results past the retention and beyond the per-user cap, and says so on read', async () => {
    const shared = { results: new Map<string, string[][]>() };
    const fake = fakeEngine(shared);
    const { service, retention } = replica(fake.engine, {
      maxBytesPerUser: 250,
    });
    const runs = [];
    for (let i = 0; i < 3; i++) {
      runs.push(await service.submit('SELECT 1', USE_CASE, alice));
      now = new Date(now.getTime() + 1000);
      await new Promise(r => setTimeout(r, 20));
    }
    // 3 × 100 bytes against a cap of 250: the oldest went.
    expect(fake.removed).toEqual([runs[0].id]);
    await expect(
      service.results(runs[0].id, 0, 10, alice),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(/were removed .* run it again/),
    });
    await expect(service.status(runs[0].id, alice)).resolves.toMatchObject({
      state: 'succeeded',
      result: 'removed',
    });
    now = new Date(now.getTime() + HOUR);
    await expect(retention.removeExpired()).resolves.toBe(2);
    expect(fake.removed.sort()).toEqual(runs.map(r => r.id).sort());
  });

  it("polls runs in the engine's own service from the stored run, on any replica and after a restart", async () => {
    let state: QueryStatus['state'] = 'queued';
    const handles: unknown[] = [];
    const athena: QueryEngine = {
      id: 'fake',
      runsIn: 'service',
      async start(request) {
        return {
          engineQueryId: `athena-${request.runId}`,
          reads: [{ glueDatabase: 'us_sales_orders_source', table: 'orders' }],
        };
      },
      async status(run) {
        handles.push(run);
        return { state, statistics: state === 'succeeded' ? { rows: 7 } : {} };
      },
      async page() {
        return { columns: [], rows: [], hasMore: false };
      },
      async *stream() {
        yield { columns: [], rows: [] };
      },
      async cancel() {},
      async removeResult() {},
    };
    const A = replica(athena);
    const submitted = await A.service.submit(
      'SELECT order_id FROM orders',
      USE_CASE,
      alice,
    );
    expect(submitted.state).toBe('queued');
    state = 'succeeded';
    // Nobody reads it: the scheduler's round on another replica ends it.
    await replica(athena).service.watch();
    expect(
      await knex('query_runs').where({ id: submitted.id }).first(),
    ).toMatchObject({ state: 'succeeded', rows: 7 });
    expect(handles.at(-1)).toEqual({
      runId: submitted.id,
      engineQueryId: `athena-${submitted.id}`,
      userRef: alice.userRef,
      useCase: { entityRef: USE_CASE, hub: 'us', consumerRoleArn: undefined },
    });
  });
});
