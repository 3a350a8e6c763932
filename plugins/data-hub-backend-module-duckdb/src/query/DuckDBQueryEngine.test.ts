import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { QueryGrant, QueryStartRequest } from '@cloud-data-hub/data-hub-node';
import { openDuckDB, literal } from '../duckdb';
import { LocalGrantStore } from '../grants/LocalGrantStore';
import { DuckDBQueryEngine } from './DuckDBQueryEngine';
import { QuerySandboxes } from './QuerySandboxes';

jest.setTimeout(60_000);

const USE_CASE = 'system:default/us-marketing-360';
const ORDERS: QueryGrant = {
  datasetRef: 'dataset:default/us-sales-orders-source',
  glueDatabase: 'us_sales_orders_source',
  tables: [{ name: 'orders', columns: ['order_id', 'amount', 'paid', 'order_ts', 'dt'] }],
};

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('DuckDBQueryEngine', () => {
  let lake: string;
  let engine: DuckDBQueryEngine;
  let store: LocalGrantStore;
  const locate = (db: string, table: string) => path.join(lake, db, table);

  beforeAll(async () => {
    lake = await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-query-'));
    const db = await openDuckDB();
    const c = await db.connect();
    for (const [dir, sql] of [
      ['us_sales_orders_source/orders', `SELECT 'O' || i AS order_id, 'WBA' || i AS vin, (i * 1.25)::DECIMAL(10,2) AS amount, i % 2 = 0 AS paid, TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (i) MINUTE AS order_ts, CASE WHEN i % 10 = 0 THEN NULL ELSE i * 1000000000000 END AS big, DATE '2026-01-01' + (i % 3)::INTEGER AS dt FROM range(1500) t(i)`],
      ['us_customer_crm_source/customers', `SELECT 'C' || i AS customer_id, 'secret' || i AS email FROM range(10) t(i)`],
    ]) {
      await fs.mkdir(path.join(lake, dir), { recursive: true });
      await c.run(`COPY (${sql}) TO ${literal(path.join(lake, dir))} (FORMAT parquet, PARTITION_BY (${dir.endsWith('orders') ? 'dt' : 'customer_id'}), OVERWRITE_OR_IGNORE)`);
    }
    c.closeSync();
    const knex = await databases.init('SQLITE_3');
    store = await LocalGrantStore.create(knex, resolvePackagePath('@cloud-data-hub/data-hub-backend-module-duckdb', 'migrations'));
    // The local granter's record: orders without the PII column vin; nothing of the CRM.
    await store.replace(USE_CASE, 'us_sales_orders_source', ORDERS.tables, 'g1');
    engine = new DuckDBQueryEngine({
      grants: store,
      locate,
      limits: { memoryLimit: '256MB', threads: 2, maxRows: 1000, timeoutSeconds: 2, resultRetentionMinutes: 5, maxRetainedQueries: 50 },
    });
  });
  afterAll(async () => {
    engine.close();
    await fs.rm(lake, { recursive: true, force: true });
  });

  const request = (sql: string, grants: QueryGrant[] = [ORDERS]): QueryStartRequest => ({
    sql,
    grants,
    userRef: 'user:default/alice',
    useCase: { entityRef: USE_CASE, hub: 'us' },
  });
  async function finished(queryId: string) {
    for (;;) {
      const status = await engine.status(queryId);
      if (status.state !== 'running' && status.state !== 'queued') return status;
      await new Promise(r => setTimeout(r, 20));
    }
  }
  async function run(sql: string, grants?: QueryGrant[]) {
    const { queryId } = await engine.start(request(sql, grants));
    const status = await finished(queryId);
    return { queryId, status, page: status.state === 'succeeded' ? await engine.page(queryId, 0, 100) : undefined };
  }

  it('returns typed values of granted columns only', async () => {
    const { status, page } = await run(
      'SELECT order_id, amount, paid, order_ts, dt, count(*) OVER () AS n FROM us_sales_orders_source.orders ORDER BY order_id LIMIT 2',
    );
    expect(status).toMatchObject({ state: 'succeeded', statistics: { rows: 2 } });
    expect(page!.columns.map(c => c.name)).toEqual(['order_id', 'amount', 'paid', 'order_ts', 'dt', 'n']);
    expect(page!.rows[0]).toEqual(['O0', 0, true, '2026-01-01T00:00:00.000Z', '2026-01-01', 1500]);
    expect(page!.rows[1]).toEqual(['O1', 1.25, false, '2026-01-01T00:01:00.000Z', '2026-01-02', 1500]);

    // Unqualified names resolve within the grants; the PII column simply does not exist.
    const star = await run('SELECT * FROM orders LIMIT 1');
    expect(star.status.error).toBeUndefined();
    expect(star.page!.columns.map(c => c.name).sort()).toEqual(['amount', 'dt', 'order_id', 'order_ts', 'paid']);
    const vin = await run('SELECT vin FROM orders');
    expect(vin.status).toMatchObject({ state: 'failed', error: { message: expect.stringContaining('"vin" not found') } });
    const meta = await run('WITH c AS (SELECT * FROM orders) SELECT count(*) AS n, max(amount) AS m FROM c WHERE paid');
    expect(meta.page!.rows).toEqual([[750, 1872.5]]);
  });

  it('keeps integers beyond 2^53 exact as strings and nulls as null', async () => {
    const grants = [{ ...ORDERS, tables: [{ name: 'orders', columns: [...ORDERS.tables[0].columns, 'big'] }] }];
    await store.replace(USE_CASE, 'us_sales_orders_source', grants[0].tables, 'g1');
    try {
      const { page } = await run("SELECT big, big * 10000 AS huge FROM orders WHERE order_id IN ('O10', 'O11') ORDER BY order_id", grants);
      expect(page!.rows).toEqual([[null, null], [11_000_000_000_000, '110000000000000000']]);
    } finally {
      await store.replace(USE_CASE, 'us_sales_orders_source', ORDERS.tables, 'g1');
    }
  });

  // DESIGN.md §5.1: without a grant, every way in fails before any data is read.
  it.each([
    ['a direct table name', 'SELECT * FROM us_customer_crm_source.customers', /not a table this use case holds a live grant on/],
    ['an unqualified table name', 'SELECT * FROM customers', /not a table this use case holds/],
    ['a CTE', 'WITH x AS (SELECT * FROM us_customer_crm_source.customers) SELECT * FROM x', /not a table/],
    ['a subquery', 'SELECT * FROM orders WHERE order_id IN (SELECT customer_id FROM us_customer_crm_source.customers)', /not a table/],
    ['a join in a view-like nested select', 'SELECT * FROM (SELECT * FROM orders) o JOIN us_customer_crm_source.customers c ON true', /not a table/],
    ['read_parquet on the lake', `SELECT * FROM read_parquet('LAKE/us_customer_crm_source/customers/**/*.parquet')`, /table functions such as read_parquet/],
    ['read_parquet on a granted folder (would show PII)', `SELECT vin FROM read_parquet('LAKE/us_sales_orders_source/orders/**/*.parquet')`, /table functions/],
    ['read_csv', "SELECT * FROM read_csv('/etc/passwd')", /table functions/],
    ['glob', "SELECT * FROM glob('/**')", /table functions/],
    ['a file path as table', "SELECT * FROM '/etc/passwd'", /not a table/],
    ['ATTACH', "ATTACH '/tmp/other.duckdb'", /Only read-only queries/],
    ['COPY', "COPY (SELECT * FROM orders) TO '/tmp/out.csv'", /Only read-only queries/],
    ['INSTALL', 'INSTALL httpfs', /Only read-only queries/],
    ['LOAD', 'LOAD httpfs', /Only read-only queries/],
    ['SET', "SET enable_external_access = true", /Only read-only queries/],
    ['PRAGMA', 'PRAGMA database_list', /Only read-only queries/],
    ['CREATE VIEW', 'CREATE VIEW v AS SELECT * FROM orders', /Only read-only queries/],
    ['two statements', 'SELECT 1; SELECT * FROM us_customer_crm_source.customers', /one statement at a time/],
    ['a comment hiding a second statement', 'SELECT 1 /* harmless */; -- look away\nATTACH \'/tmp/x\'', /Only read-only|one statement/],
    ['information_schema probing', 'SELECT * FROM information_schema.columns', /not a table/],
    ['duckdb_* metadata', 'SELECT * FROM duckdb_views()', /table functions/],
    ['settings', "SELECT current_setting('allowed_directories')", /current_setting\(\) is not allowed/],
    ['another catalog', 'SELECT * FROM other.us_sales_orders_source.orders', /not a table/],
    ['a syntax error', 'SELEKT 1', /syntax error/],
  ])('refuses %s', async (_what, sql, message) => {
    await expect(engine.start(request(sql.replace('LAKE', lake)))).rejects.toThrow(message);
  });

  it('answers status codes the API maps: 400 for bad SQL, 403 for ungranted tables', async () => {
    await expect(engine.start(request('INSTALL httpfs'))).rejects.toMatchObject({ name: 'InputError' });
    await expect(engine.start(request('SELECT * FROM customers'))).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('sees nothing once the store no longer lists the grant (expired), even if the local record lags', async () => {
    await expect(engine.start(request('SELECT count(*) FROM orders', []))).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('runs in a sandbox that refuses files, settings and other datasets even without the guard', async () => {
    const sandboxes = new QuerySandboxes({ memoryLimit: '128MB', threads: 1 }, locate);
    const { instance: db } = await sandboxes.get(USE_CASE, [ORDERS]);
    const c = await db.connect();
    const attempts = [
      `SELECT * FROM read_parquet(${literal(path.join(lake, 'us_customer_crm_source/customers/**/*.parquet'))})`,
      "SELECT * FROM read_csv('/etc/passwd')",
      "ATTACH '/tmp/cdh-other.duckdb'",
      'SET enable_external_access = true',
      "SET allowed_directories = ['/']",
      'INSTALL httpfs',
      'LOAD httpfs',
    ];
    for (const sql of attempts) await expect(c.run(sql)).rejects.toThrow(/disabled|locked|Permission/);
    const tables = await c.runAndReadAll('SELECT table_schema, table_name, column_name FROM information_schema.columns ORDER BY 1, 2, 3');
    expect(tables.getRows().map(r => r.join('.'))).toEqual([
      'main.orders.amount',
      'main.orders.dt',
      'main.orders.order_id',
      'main.orders.order_ts',
      'main.orders.paid',
      'us_sales_orders_source.orders.amount',
      'us_sales_orders_source.orders.dt',
      'us_sales_orders_source.orders.order_id',
      'us_sales_orders_source.orders.order_ts',
      'us_sales_orders_source.orders.paid',
    ]);
    c.closeSync();
    sandboxes.close();
  });

  it('keeps maxRows for paging, streams every row, and stops runaway queries', async () => {
    const { queryId, status } = await run('SELECT order_id FROM orders');
    expect(status.statistics).toMatchObject({ rows: 1000, rowsTruncated: true });
    expect(await engine.page(queryId, 990, 100)).toMatchObject({ hasMore: false });
    let streamed = 0;
    for await (const batch of engine.stream(queryId)) streamed += batch.rows.length;
    expect(streamed).toBe(1500);

    const runaway = await run('SELECT sum(a.amount * b.amount * c.amount) FROM orders a, orders b, orders c');
    expect(runaway.status).toMatchObject({ state: 'failed', error: { kind: 'limit', message: expect.stringMatching(/longer than 2 s/) } });
  });

  it('writes the CSV with DuckDB into a pipe: every row, ISO timestamps, nothing left behind', async () => {
    const read = async (stream: NodeJS.ReadableStream) => {
      let text = '';
      for await (const chunk of stream) text += chunk.toString();
      return text;
    };
    const { queryId } = await run('SELECT order_id, amount, paid, order_ts FROM orders ORDER BY order_id');
    const lines = (await read(await engine.streamCsv(queryId))).trim().split('\n');
    expect(lines).toHaveLength(1501);
    expect(lines[0]).toBe('order_id,amount,paid,order_ts');
    expect(lines[1]).toBe('O0,0.00,true,2026-01-01T00:00:00.000Z');

    // Stopped half-way (the browser went away): DuckDB is interrupted and the pipe removed.
    const abort = new AbortController();
    const big = await run('SELECT a.order_id FROM orders a, orders b');
    const stream = await engine.streamCsv(big.queryId, abort.signal);
    await new Promise(resolve => stream.once('data', resolve));
    abort.abort();
    (stream as any).destroy();
    await new Promise(r => setTimeout(r, 300));
    const exportDirs = (await fs.readdir(os.tmpdir())).filter(d => d.startsWith('cdh-export-'));
    for (const dir of exportDirs) {
      expect((await fs.readdir(path.join(os.tmpdir(), dir))).filter(f => f.endsWith('.csv'))).toEqual([]);
    }
  });

  it('cancels, and runs queries side by side without blocking the event loop', async () => {
    const { queryId } = await engine.start(request('SELECT sum(a.amount * b.amount * c.amount) FROM orders a, orders b, orders c'));
    await new Promise(r => setTimeout(r, 100));
    await engine.cancel(queryId);
    expect((await finished(queryId)).state).toBe('cancelled');

    let maxGap = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      maxGap = Math.max(maxGap, Date.now() - last);
      last = Date.now();
    }, 5);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => run('SELECT count(*) AS n FROM orders a, orders b WHERE a.amount < b.amount')),
    );
    clearInterval(ticker);
    expect(results.map(r => r.page!.rows[0][0])).toEqual(Array(4).fill(1124250));
    expect(maxGap).toBeLessThan(200);
  });
});
