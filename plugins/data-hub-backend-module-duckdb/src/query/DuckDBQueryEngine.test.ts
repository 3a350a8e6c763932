import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type {
  QueryGrant,
  QueryRunHandle,
  QueryStartRequest,
  StartedQuery,
} from '@cloud-data-hub/data-hub-node';
import { literal, openDuckDB } from '../duckdb';
import { LocalGrantStore } from '../grants/LocalGrantStore';
import { DuckDBQueryEngine } from './DuckDBQueryEngine';
import { ORDERS, createTestLake } from '../__testUtils__/testLake';
import { QuerySandboxes } from './QuerySandboxes';

jest.setTimeout(60_000);

const USE_CASE = 'system:default/us-marketing-360';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const RESULTS = mkdtempSync(path.join(os.tmpdir(), 'cdh-engine-results-'));
const LIMITS = {
  memoryLimit: '256MB',
  threads: 2,
  maxResultBytes: 64 * 1024 * 1024,
  maxPageBytes: 16 * 1024 * 1024,
  timeoutSeconds: 2,
  downloadTimeoutSeconds: 30,
  resultsDirectory: RESULTS,
};

/** Runs `work` while ticking every 5 ms, and says the longest the event loop kept a tick waiting. */
async function withEventLoopGap<T>(
  work: () => Promise<T>,
): Promise<{ result: T; maxGap: number }> {
  let maxGap = 0;
  let last = Date.now();
  const ticker = setInterval(() => {
    maxGap = Math.max(maxGap, Date.now() - last);
    last = Date.now();
  }, 5);
  try {
    return { result: await work(), maxGap };
  } finally {
    clearInterval(ticker);
  }
}

describe('DuckDBQueryEngine', () => {
  let lake: string;
  let testLake: Awaited<ReturnType<typeof createTestLake>>;
  let engine: DuckDBQueryEngine;
  let store: LocalGrantStore;
  const locate = (db: string, table: string) => path.join(lake, db, table);

  beforeAll(async () => {
    testLake = await createTestLake();
    lake = testLake.lake;
    const knex = await databases.init('SQLITE_3');
    store = await LocalGrantStore.create(
      knex,
      resolvePackagePath(
        '@cloud-data-hub/data-hub-backend-module-duckdb',
        'migrations',
      ),
    );
    // The local granter's record: orders without the PII column vin; nothing of the CRM.
    await store.replace(
      USE_CASE,
      'us_sales_orders_source',
      ORDERS.tables,
      'g1',
    );
    engine = new DuckDBQueryEngine({
      grants: store,
      locate,
      limits: LIMITS,
    });
  });
  afterAll(async () => {
    engine.close();
    await testLake.remove();
    await fs.rm(RESULTS, { recursive: true, force: true });
  });

  const request = (
    sql: string,
    grants: QueryGrant[] = [ORDERS],
  ): QueryStartRequest => ({
    runId: randomUUID(),
    sql,
    grants,
    userRef: 'user:default/alice',
    useCase: { entityRef: USE_CASE, hub: 'us' },
  });
  const handle = (started: StartedQuery): QueryRunHandle => ({
    runId: started.engineQueryId,
    engineQueryId: started.engineQueryId,
    userRef: 'user:default/alice',
    useCase: { entityRef: USE_CASE, hub: 'us' },
  });
  async function run(sql: string, grants?: QueryGrant[], on = engine) {
    const started = await on.start(request(sql, grants));
    const status = await started.finished!;
    const queryId = handle(started);
    return {
      queryId,
      status,
      page:
        status.state === 'succeeded'
          ? await on.page(queryId, 0, 100)
          : undefined,
    };
  }

  it('returns typed values of granted columns only', async () => {
    const { status, page } = await run(
      'SELECT order_id, amount, paid, order_ts, dt, count(*) OVER () AS n FROM us_sales_orders_source.orders ORDER BY order_id LIMIT 2',
    );
    expect(status).toMatchObject({
      state: 'succeeded',
      statistics: { rows: 2 },
    });
    expect(page!.columns.map(c => c.name)).toEqual([
      'order_id',
      'amount',
      'paid',
      'order_ts',
      'dt',
      'n',
    ]);
    expect(page!.rows[0]).toEqual([
      'O0',
      0,
      true,
      '2026-01-01T00:00:00.000Z',
      '2026-01-01',
      1500,
    ]);
    expect(page!.rows[1]).toEqual([
      'O1',
      1.25,
      false,
      '2026-01-01T00:01:00.000Z',
      '2026-01-02',
      1500,
    ]);

    // Unqualified names resolve within the grants; the PII column simply does not exist.
    const star = await run('SELECT * FROM orders LIMIT 1');
    expect(star.status.error).toBeUndefined();
    expect(star.page!.columns.map(c => c.name).sort()).toEqual([
      'amount',
      'dt',
      'order_id',
      'order_ts',
      'paid',
    ]);
    await expect(
      engine.start(request('SELECT vin FROM orders')),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('"vin" not found'),
    });
    const meta = await run(
      'WITH c AS (SELECT * FROM orders) SELECT count(*) AS n, max(amount) AS m FROM c WHERE paid',
    );
    expect(meta.page!.rows).toEqual([[750, 1872.5]]);
  });

  it('keeps integers beyond 2^53 exact as strings and nulls as null', async () => {
    const grants = [
      {
        ...ORDERS,
        tables: [
          { name: 'orders', columns: [...ORDERS.tables[0].columns, 'big'] },
        ],
      },
    ];
    await store.replace(
      USE_CASE,
      'us_sales_orders_source',
      grants[0].tables,
      'g1',
    );
    try {
      const { page } = await run(
        "SELECT big, big * 10000 AS huge FROM orders WHERE order_id IN ('O10', 'O11') ORDER BY order_id",
        grants,
      );
      expect(page!.rows).toEqual([
        [null, null],
        [11_000_000_000_000, '110000000000000000'],
      ]);
    } finally {
      await store.replace(
        USE_CASE,
        'us_sales_orders_source',
        ORDERS.tables,
        'g1',
      );
    }
  });

  // Invariant 1 (docs/architecture.md): without a grant, every way in fails before any data is read.
  it.each([
    [
      'a direct table name',
      'SELECT * FROM us_customer_crm_source.customers',
      /not a table this use case holds a live grant on/,
    ],
    [
      'an unqualified table name',
      'SELECT * FROM customers',
      /not a table this use case holds/,
    ],
    [
      'a CTE',
      'WITH x AS (SELECT * FROM us_customer_crm_source.customers) SELECT * FROM x',
      /not a table/,
    ],
    [
      'a subquery',
      'SELECT * FROM orders WHERE order_id IN (SELECT customer_id FROM us_customer_crm_source.customers)',
      /not a table/,
    ],
    [
      'a join in a view-like nested select',
      'SELECT * FROM (SELECT * FROM orders) o JOIN us_customer_crm_source.customers c ON true',
      /not a table/,
    ],
    [
      'read_parquet on the lake',
      `SELECT * FROM read_parquet('LAKE/us_customer_crm_source/customers/**/*.parquet')`,
      /table functions such as read_parquet/,
    ],
    [
      'read_parquet on a granted folder (would show PII)',
      `SELECT vin FROM read_parquet('LAKE/us_sales_orders_source/orders/**/*.parquet')`,
      /table functions/,
    ],
    ['read_csv', "SELECT * FROM read_csv('/etc/passwd')", /table functions/],
    ['glob', "SELECT * FROM glob('/**')", /table functions/],
    [
      'a file path as table',
      "SELECT * FROM '/etc/passwd'",
      /looks like a file/,
    ],
    ['ATTACH', "ATTACH '/tmp/other.duckdb'", /Only read-only queries/],
    [
      'COPY',
      "COPY (SELECT * FROM orders) TO '/tmp/out.csv'",
      /Only read-only queries/,
    ],
    ['INSTALL', 'INSTALL httpfs', /Only read-only queries/],
    ['LOAD', 'LOAD httpfs', /Only read-only queries/],
    ['SET', 'SET enable_external_access = true', /Only read-only queries/],
    ['PRAGMA', 'PRAGMA database_list', /Only read-only queries/],
    [
      'CREATE VIEW',
      'CREATE VIEW v AS SELECT * FROM orders',
      /Only read-only queries/,
    ],
    [
      'two statements',
      'SELECT 1; SELECT * FROM us_customer_crm_source.customers',
      /one statement at a time/,
    ],
    [
      'a comment hiding a second statement',
      "SELECT 1 /* harmless */; -- look away\nATTACH '/tmp/x'",
      /Only read-only|one statement/,
    ],
    [
      'information_schema probing',
      'SELECT * FROM information_schema.columns',
      /not a table/,
    ],
    ['duckdb_* metadata', 'SELECT * FROM duckdb_views()', /table functions/],
    [
      'settings',
      "SELECT current_setting('allowed_directories')",
      /current_setting\(\) is not allowed/,
    ],
    [
      'another catalog',
      'SELECT * FROM other.us_sales_orders_source.orders',
      /not a table/,
    ],
    ['a syntax error', 'SELEKT 1', /syntax error/],
  ])('refuses %s', async (_what, sql, message) => {
    await expect(
      engine.start(request(sql.replace('LAKE', lake))),
    ).rejects.toThrow(message);
  });

  // Issue #11: names DuckDB binds to files or system objects, however they are scoped or
  // spelled. FILE is a file of the granted orders table (it holds the PII column vin).
  it.each([
    [
      'a CTE named as the granted file, read by that name',
      'WITH "FILE" AS (SELECT * FROM \'FILE\') SELECT order_id, vin FROM "FILE" LIMIT 3',
      'InputError',
      /looks like a file|named like a file/,
    ],
    [
      'a CTE shadowing a system view inside its own definition',
      'WITH duckdb_views AS (SELECT * FROM duckdb_views) SELECT * FROM duckdb_views',
      'NotAllowedError',
      /duckdb_views: not a table/,
    ],
    [
      'a CTE shadowing the CRM table inside its own definition',
      'WITH customers AS (SELECT * FROM customers) SELECT * FROM customers',
      'NotAllowedError',
      /customers: not a table/,
    ],
    [
      'RECURSIVE without a union (no self-reference)',
      'WITH RECURSIVE customers AS (SELECT * FROM customers) SELECT * FROM customers',
      'NotAllowedError',
      /customers: not a table/,
    ],
    [
      'a forward reference to a later CTE',
      'WITH a AS (SELECT * FROM customers), customers AS (SELECT 1 AS x) SELECT * FROM a',
      'NotAllowedError',
      /customers: not a table/,
    ],
    [
      'a CTE of a subquery used outside it',
      'SELECT * FROM (WITH customers AS (SELECT 1 AS x) SELECT * FROM customers) s, customers',
      'NotAllowedError',
      /customers: not a table/,
    ],
    [
      'a CTE of one union branch used in the other',
      '(WITH customers AS (SELECT 1 AS x) SELECT * FROM customers) UNION ALL (SELECT 1 FROM customers)',
      'NotAllowedError',
      /customers: not a table/,
    ],
    [
      'a qualified name beside a same-named CTE',
      'WITH orders AS (SELECT 1 AS x) SELECT * FROM us_customer_crm_source.customers',
      'NotAllowedError',
      /us_customer_crm_source.customers/,
    ],
    [
      'main.<cte name>',
      'WITH t AS (SELECT 1 AS x) SELECT * FROM main.t',
      'NotAllowedError',
      /main\.t: not a table/,
    ],
    [
      'a recursive CTE seeded from a file',
      "WITH RECURSIVE r AS (SELECT vin FROM 'FILE' UNION ALL SELECT vin FROM r WHERE false) SELECT * FROM r",
      'InputError',
      /looks like a file/,
    ],
    [
      'a quoted path as a table',
      'SELECT vin FROM "FILE"',
      'InputError',
      /looks like a file/,
    ],
    [
      'a glob over the granted folder',
      "SELECT vin FROM 'DIR/**/*.parquet'",
      'InputError',
      /looks like a file/,
    ],
    [
      'a schema-qualified path',
      'SELECT vin FROM us_sales_orders_source."FILE"',
      'InputError',
      /looks like a file/,
    ],
    [
      'a path in a lateral join',
      "SELECT * FROM orders o, LATERAL (SELECT vin FROM 'FILE') l",
      'InputError',
      /looks like a file/,
    ],
    [
      'a path in a scalar subquery',
      "SELECT (SELECT max(vin) FROM 'FILE') AS v",
      'InputError',
      /looks like a file/,
    ],
    [
      'a path in an IN subquery',
      "SELECT order_id FROM orders WHERE order_id IN (SELECT vin FROM 'FILE')",
      'InputError',
      /looks like a file/,
    ],
    [
      'read_parquet over the granted files',
      "SELECT vin FROM read_parquet('DIR/**/*.parquet')",
      'InputError',
      /table functions such as read_parquet/,
    ],
    [
      'parquet_scan',
      "SELECT vin FROM parquet_scan('FILE')",
      'InputError',
      /table functions/,
    ],
    [
      'query() running text',
      "SELECT * FROM query('SELECT vin FROM orders')",
      'InputError',
      /table functions such as query/,
    ],
    [
      'query_table()',
      "SELECT * FROM query_table('orders')",
      'InputError',
      /table functions/,
    ],
    [
      'a Kelvin sign folding a CTE onto a system view',
      'WITH "duc\u212Adb_views" AS (SELECT 1 AS sql) SELECT sql FROM duckdb_views',
      'NotAllowedError',
      /duckdb_views: not a table/,
    ],
    [
      'nested built-in macros (exponential expansion)',
      `SELECT ${'nullif('.repeat(5)}amount${', 1)'.repeat(5)} FROM orders`,
      'InputError',
      /nest more than 4 deep/,
    ],
    [
      'a built-in macro reading a system view',
      'SELECT pg_get_viewdef(1)',
      'NotAllowedError',
      /system function duckdb_views/,
    ],
    [
      'read_csv in a lateral join',
      "SELECT * FROM orders, LATERAL read_csv('/etc/passwd')",
      'InputError',
      /table functions such as read_csv/,
    ],
    [
      'a system view by name',
      'SELECT * FROM duckdb_views',
      'NotAllowedError',
      /duckdb_views: not a table/,
    ],
    [
      'SHOW TABLES',
      'SHOW TABLES',
      'NotAllowedError',
      /not a table|system function duckdb_tables/,
    ],
    [
      'pg_catalog',
      'SELECT * FROM pg_catalog.pg_views',
      'NotAllowedError',
      /not a table/,
    ],
    ['a query parameter', 'SELECT $1', 'InputError', /parameters/],
    [
      'a ? parameter',
      'SELECT order_id FROM orders WHERE order_id = ?',
      'InputError',
      /parameters/,
    ],
    [
      'the plan of another statement',
      "SELECT json_serialize_plan('SELECT 1')",
      'InputError',
      /json_serialize_plan\(\) is not allowed/,
    ],
    [
      'getenv',
      "SELECT getenv('HOME')",
      'InputError',
      /getenv\(\) is not allowed/,
    ],
    [
      'the text the engine runs (it names the staging path)',
      'SELECT current_query() AS q',
      'InputError',
      /current_query\(\) is not allowed/,
    ],
    [
      'CREATE MACRO',
      'CREATE MACRO m() AS TABLE SELECT 1',
      'InputError',
      /Only read-only queries/,
    ],
    [
      'PIVOT without an IN list',
      'PIVOT orders ON paid USING count(*)',
      'InputError',
      /./,
    ],
  ])('refuses %s', async (_what, sql, name, message) => {
    const file = testLake.orderFiles[0];
    const dir = path.join(lake, 'us_sales_orders_source/orders');
    const text = sql.replace(/FILE/g, file).replace(/DIR/g, dir);
    const error = await engine.start(request(text)).catch(e => e);
    expect(error).toMatchObject({
      name,
      message: expect.stringMatching(message),
    });
    expect(error.message).not.toContain(lake);
  });

  // What a person legitimately writes keeps working, and reads only granted columns.
  it.each([
    [
      'a statement ending in a semicolon',
      'SELECT count(*) FROM orders;',
      [[1500]],
    ],
    [
      'a statement ending in semicolons and a comment',
      'SELECT count(*) FROM orders ;; -- all of them',
      [[1500]],
    ],
    [
      'a statement ending in a semicolon and a block comment',
      'SELECT count(*) FROM orders; /* all of them */',
      [[1500]],
    ],
    [
      'a statement ending in a line comment',
      'SELECT count(*) FROM orders -- all of them',
      [[1500]],
    ],
    [
      'a semicolon in a string that looks like a terminator and a comment',
      "SELECT ';--x' AS s",
      [[';--x']],
    ],
    [
      'a recursive CTE',
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT count(*) FROM r',
      [[3]],
    ],
    [
      'a CTE shadowing a granted table name',
      'WITH orders AS (SELECT 7 AS x) SELECT x FROM orders',
      [[7]],
    ],
    [
      'nested CTEs',
      'WITH a AS (SELECT order_id FROM orders), b AS (SELECT count(*) AS n FROM a) SELECT n FROM b',
      [[1500]],
    ],
    [
      'a CTE in a subquery',
      'SELECT (WITH c AS (SELECT count(*) AS n FROM orders) SELECT n FROM c) AS n',
      [[1500]],
    ],
    [
      'quoted, upper-case identifiers',
      'SELECT count(*) FROM "US_SALES_ORDERS_SOURCE"."ORDERS"',
      [[1500]],
    ],
    [
      'COLUMNS(*)',
      "SELECT COLUMNS(*) FROM orders WHERE order_id = 'O1'",
      [['O1', 1.25, false, '2026-01-01T00:01:00.000Z', '2026-01-02']],
    ],
    [
      'EXCLUDE',
      "SELECT * EXCLUDE (order_ts, dt, amount) FROM orders WHERE order_id = 'O2'",
      [['O2', true]],
    ],
    [
      'a lateral join',
      "SELECT o.order_id, l.double FROM orders o, LATERAL (SELECT o.amount::DOUBLE * 2 AS double) l WHERE o.order_id = 'O2'",
      [['O2', 5]],
    ],
    [
      'UNNEST in the select list',
      "SELECT unnest([1, 2]) AS x FROM orders WHERE order_id = 'O1'",
      [[1], [2]],
    ],
    [
      'PIVOT with an IN list',
      'PIVOT (SELECT paid FROM orders) ON paid IN (true, false) USING count(*)',
      [[750, 750]],
    ],
    [
      'a struct of a whole row',
      "SELECT orders FROM orders WHERE order_id = 'O1'",
      [[expect.not.stringContaining('vin')]],
    ],
    [
      'window functions with QUALIFY',
      'SELECT order_id FROM orders QUALIFY row_number() OVER (ORDER BY order_id) = 1',
      [['O0']],
    ],
    ['unnest in FROM', 'SELECT x FROM unnest([1, 2]) u(x)', [[1], [2]]],
    [
      'a date spine with generate_series',
      "SELECT count(*) FROM generate_series(DATE '2026-01-01', DATE '2026-01-03', INTERVAL 1 DAY) t(d) LEFT JOIN orders o ON o.dt = t.d::DATE",
      [[1500]],
    ],
    ['range in FROM', 'SELECT sum(x) FROM range(4) t(x)', [[6]]],
    [
      'nested macros within the limit',
      `SELECT ${'nullif('.repeat(4)}order_id${", 'x')".repeat(
        4,
      )} FROM orders WHERE order_id = 'O1'`,
      [['O1']],
    ],
  ])('runs %s', async (_what, sql, rows) => {
    const { status, page } = await run(sql);
    expect(status.error).toBeUndefined();
    expect(page!.rows).toEqual(rows);
  });

  it('pages a huge list value as a note instead of converting it on the event loop', async () => {
    const {
      result: { status, page },
      maxGap,
    } = await withEventLoopGap(() =>
      run('SELECT list(i) AS r, 1 AS one FROM range(200000) t(i)'),
    );
    expect(status.error).toBeUndefined();
    expect(page!.rows).toEqual([
      [
        expect.stringMatching(
          /^\(a list of 200,000 elements: too long to show here/,
        ),
        1,
      ],
    ]);
    expect(maxGap).toBeLessThan(500);
    const small = await run('SELECT [0, 1, 2]::BIGINT[] AS r');
    expect(small.page!.rows).toEqual([['["0","1","2"]']]);
  });

  it('shows EXPLAIN ANALYZE without the server paths of the files it scanned', async () => {
    const { status, page } = await run(
      'EXPLAIN ANALYZE SELECT count(*) FROM orders',
    );
    expect(status.error).toBeUndefined();
    const text = JSON.stringify(page!.rows);
    expect(text).toMatch(/READ_PARQUET|TABLE_SCAN/);
    expect(text).not.toContain(lake);
  });

  it('explains a table partitioned by a column the grant excludes without its values or files', async () => {
    // DuckDB's own rendering of a scan lists its files, `…/vin=WBA0/data_0.parquet`: the values
    // of the excluded column. The plan is built from its JSON with only the fields it may show.
    const db = await openDuckDB();
    const c = await db.connect();
    await c.run(
      `COPY (SELECT 'O' || i AS order_id, i * 2 AS amount, 'WBA' || (i % 5) AS vin FROM range(50) t(i)) TO ${literal(
        path.join(lake, 'us_sales_orders_source/order_vehicles'),
      )} (FORMAT parquet, PARTITION_BY (vin), OVERWRITE_OR_IGNORE)`,
    );
    c.closeSync();
    db.closeSync();
    const grant: QueryGrant = {
      ...ORDERS,
      tables: [{ name: 'order_vehicles', columns: ['order_id', 'amount'] }],
    };
    await store.replace(USE_CASE, 'us_sales_orders_source', grant.tables, 'g2');
    try {
      await expect(
        engine.start(request('SELECT vin FROM order_vehicles', [grant])),
      ).rejects.toThrow();
      for (const sql of [
        "EXPLAIN ANALYZE SELECT count(*) FROM order_vehicles WHERE order_id = 'O5'",
        'EXPLAIN SELECT sum(amount) FROM order_vehicles',
      ]) {
        const { status, page } = await run(sql, [grant]);
        expect(status.error).toBeUndefined();
        expect(page!.columns.map(col => col.name)).toEqual([
          'operator',
          'rows',
          'time_ms',
          'details',
        ]);
        const operators = page!.rows.map(r => String(r[0]).trim());
        expect(operators).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/READ_PARQUET|TABLE_SCAN/),
          ]),
        );
        const text = JSON.stringify(page!.rows);
        expect(text).not.toMatch(/WBA|vin=|\.parquet|cdh-query|<path>/);
      }
    } finally {
      await store.replace(
        USE_CASE,
        'us_sales_orders_source',
        ORDERS.tables,
        'g1',
      );
    }
  });

  it('records the tables and granted columns the bound plan reads', async () => {
    const started = await engine.start(request('SELECT count(*) FROM orders'));
    expect(started.reads).toEqual([
      {
        glueDatabase: 'us_sales_orders_source',
        table: 'orders',
        columns: ['amount', 'dt', 'order_id', 'order_ts', 'paid'],
      },
    ]);
    expect((await engine.start(request('SELECT 1'))).reads).toEqual([]);
  });

  it('answers binder, catalog and type errors with 400 and no server paths', async () => {
    // Found while binding, before the query starts: the API answers 400 at once.
    await expect(
      engine.start(request('SELECT nope FROM orders')),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /Binder Error: Referenced column "nope" not found/,
      ),
    });
    await expect(
      engine.start(request('SELECT no_such_function(order_id) FROM orders')),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /Catalog Error: Scalar Function with name no_such_function does not exist/,
      ),
    });
    // Found while running: the run fails as invalid, which the API also answers with 400.
    const { status } = await run(
      'SELECT max(order_ts)::VARCHAR::INTEGER FROM orders',
    );
    expect(status.error).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/Conversion Error/),
    });
    expect(status.error!.message).not.toContain(lake);
  });

  it('answers status codes the API maps: 400 for bad SQL, 403 for ungranted tables', async () => {
    await expect(engine.start(request('INSTALL httpfs'))).rejects.toMatchObject(
      { name: 'InputError' },
    );
    await expect(
      engine.start(request('SELECT * FROM customers')),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('sees nothing once the store no longer lists the grant (expired), even if the local record lags', async () => {
    await expect(
      engine.start(request('SELECT count(*) FROM orders', [])),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('runs in a sandbox that refuses files, settings and other datasets even without the guard', async () => {
    const sandboxes = new QuerySandboxes(
      { memoryLimit: '128MB', threads: 1 },
      locate,
    );
    const sandbox = await sandboxes.acquire(USE_CASE, [ORDERS]);
    const db = sandbox.instance;
    const c = await db.connect();
    const attempts = [
      `SELECT * FROM read_parquet(${literal(
        path.join(lake, 'us_customer_crm_source/customers/**/*.parquet'),
      )})`,
      "SELECT * FROM read_csv('/etc/passwd')",
      "ATTACH '/tmp/cdh-other.duckdb'",
      'SET enable_external_access = true',
      "SET allowed_directories = ['/']",
      'INSTALL httpfs',
      'LOAD httpfs',
    ];
    for (const sql of attempts)
      await expect(c.run(sql)).rejects.toThrow(/disabled|locked|Permission/);
    const tables = await c.runAndReadAll(
      'SELECT table_schema, table_name, column_name FROM information_schema.columns ORDER BY 1, 2, 3',
    );
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
    sandbox.release();
    sandboxes.close();
  });

  it('retires the least recently used sandbox beyond the cap, closing it only once its last user releases it', async () => {
    const staging = mkdtempSync(path.join(os.tmpdir(), 'cdh-sandboxes-'));
    const sandboxes = new QuerySandboxes(
      { memoryLimit: '128MB', threads: 1 },
      locate,
      staging,
      1,
    );
    const first = await sandboxes.acquire(USE_CASE, [ORDERS]);
    const connection = await first.instance.connect();
    // Another use case's sandbox pushes the first out of the cache of one...
    const other = await sandboxes.acquire('system:default/other', [ORDERS]);
    other.release();
    // ...but the query holding it still reads.
    const rows = await connection.runAndReadAll('SELECT count(*) FROM orders');
    expect(Number(rows.getRows()[0][0])).toBe(1500);
    connection.closeSync();
    expect(existsSync(first.exportDirectory)).toBe(true);
    first.release();
    await new Promise(resolve => setImmediate(resolve));
    expect(existsSync(first.exportDirectory)).toBe(false);
    // The same grants again: a new sandbox, not the closed one.
    const again = await sandboxes.acquire(USE_CASE, [ORDERS]);
    expect(again.instance).not.toBe(first.instance);
    again.release();
    sandboxes.close();
    await fs.rm(staging, { recursive: true, force: true });
  });

  it('stores every row in Parquet, pages and streams from it, and stops runaway queries', async () => {
    const { queryId, status } = await run(
      'SELECT order_id FROM orders ORDER BY order_id',
    );
    expect(status).toMatchObject({
      state: 'succeeded',
      statistics: { rows: 1500, resultBytes: expect.any(Number) },
    });
    expect(
      await fs.stat(path.join(RESULTS, queryId.runId, 'result.parquet')),
    ).toMatchObject({ size: status.statistics.resultBytes });
    const middle = await engine.page(queryId, 990, 100);
    expect(middle.hasMore).toBe(true);
    expect(middle.rows).toHaveLength(100);
    expect(await engine.page(queryId, 1450, 100)).toMatchObject({
      hasMore: false,
    });
    expect((await engine.page(queryId, 1450, 100)).rows).toHaveLength(50);
    let streamed = 0;
    for await (const batch of engine.stream(queryId, {}))
      streamed += batch.rows.length;
    expect(streamed).toBe(1500);

    const runaway = await run(
      'SELECT sum(a.amount * b.amount * c.amount) FROM orders a, orders b, orders c',
    );
    expect(runaway.status).toMatchObject({
      state: 'failed',
      error: {
        kind: 'limit',
        message: expect.stringMatching(/longer than 2 s/),
      },
    });
    // Nothing half-written is left in the sandboxes' staging folders.
    const staging = path.join(RESULTS, '.staging');
    for (const dir of await fs.readdir(staging)) {
      expect(await fs.readdir(path.join(staging, dir))).toEqual([]);
    }
  });

  it('writes the CSV with DuckDB into a pipe: every row, ISO timestamps, nothing left behind', async () => {
    const read = async (stream: NodeJS.ReadableStream) => {
      let text = '';
      for await (const chunk of stream) text += chunk.toString();
      return text;
    };
    const { queryId } = await run(
      'SELECT order_id, amount, paid, order_ts FROM orders ORDER BY order_id',
    );
    const lines = (await read(await engine.streamCsv(queryId, {})))
      .trim()
      .split('\n');
    expect(lines).toHaveLength(1501);
    expect(lines[0]).toBe('order_id,amount,paid,order_ts');
    expect(lines[1]).toBe('O0,0.00,true,2026-01-01T00:00:00.000Z');

    // Stopped half-way (the browser went away): DuckDB is interrupted and the pipe removed.
    const abort = new AbortController();
    const big = await run('SELECT a.order_id FROM orders a, orders b');
    const stream = await engine.streamCsv(big.queryId, {
      signal: abort.signal,
    });
    await new Promise(resolve => stream.once('data', resolve));
    abort.abort();
    (stream as any).destroy();
    await new Promise(r => setTimeout(r, 300));
    const pipeDirs = (await fs.readdir(os.tmpdir())).filter(d =>
      d.startsWith('cdh-results-'),
    );
    for (const dir of pipeDirs) {
      expect(
        (await fs.readdir(path.join(os.tmpdir(), dir))).filter(f =>
          f.endsWith('.csv'),
        ),
      ).toEqual([]);
    }
  });

  it('stops a run whose stored result grows past its cap, and cuts pages at their byte cap', async () => {
    const MB = 1024 * 1024;
    const small = new DuckDBQueryEngine({
      grants: store,
      locate,
      limits: {
        ...LIMITS,
        maxResultBytes: MB,
        maxPageBytes: MB,
        timeoutSeconds: 60,
      },
    });
    try {
      const wide =
        "SELECT a.order_id, md5(a.order_id || b.order_id) || repeat('x', 200) AS pad FROM orders a, orders b";
      const { status } = await run(wide, undefined, small);
      expect(status).toMatchObject({
        state: 'failed',
        error: {
          kind: 'limit',
          message: expect.stringMatching(/grew past 1 MB/),
        },
      });
      const page = await run(
        "SELECT order_id, repeat('y', 20000) AS pad FROM orders",
        undefined,
        small,
      );
      const rows = (await small.page(page.queryId, 0, 1000)).rows;
      // ~40 kB a row as JavaScript holds it: a 1 MB page stops after about 25 rows.
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.length).toBeLessThan(40);
    } finally {
      small.close();
    }
  });

  it('serves a run from the shared results folder to another replica, until it is removed', async () => {
    const { queryId } = await run(
      'SELECT order_id, amount FROM orders ORDER BY order_id',
    );
    const replica = new DuckDBQueryEngine({
      grants: store,
      locate,
      limits: LIMITS,
    });
    try {
      expect((await replica.page(queryId, 0, 2)).rows).toEqual([
        ['O0', 0],
        ['O1', 1.25],
      ]);
      let text = '';
      for await (const chunk of await replica.streamCsv(queryId, {}))
        text += chunk.toString();
      expect(text.trim().split('\n')).toHaveLength(1501);
      await replica.removeResult(queryId);
      await expect(engine.page(queryId, 0, 2)).rejects.toMatchObject({
        name: 'NotFoundError',
        message: expect.stringMatching(/run it again/),
      });
      // Ids name folders: nothing but a run id reaches the file system.
      await expect(
        replica.page({ ...queryId, runId: '../../etc' }, 0, 1),
      ).rejects.toThrow(/Not a query run id/);
    } finally {
      replica.close();
    }
  });

  it('stops a download that runs past its time limit', async () => {
    const quick = new DuckDBQueryEngine({
      grants: store,
      locate,
      // Long enough for the COPY to have started (an interrupt before it starts is lost), far
      // shorter than writing 2.25 million rows.
      limits: { ...LIMITS, timeoutSeconds: 30, downloadTimeoutSeconds: 0.2 },
    });
    try {
      const { queryId } = await run(
        'SELECT a.order_id, b.order_id AS other FROM orders a, orders b',
        undefined,
        quick,
      );
      const started = Date.now();
      const stream = await quick.streamCsv(queryId, {});
      await expect(
        (async () => {
          for await (const _ of stream) {
            // drain
          }
        })(),
      ).rejects.toThrow(/ran longer than 0.2 s/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      quick.close();
    }
  });

  it('cancels, and runs queries side by side without blocking the event loop', async () => {
    const started = await engine.start(
      request(
        'SELECT sum(a.amount * b.amount * c.amount) FROM orders a, orders b, orders c',
      ),
    );
    await new Promise(r => setTimeout(r, 100));
    expect(await engine.status(handle(started))).toMatchObject({
      state: 'running',
    });
    await engine.cancel(handle(started));
    expect((await started.finished!).state).toBe('cancelled');
    await expect(engine.status(handle(started))).rejects.toMatchObject({
      name: 'NotFoundError',
    });

    const { result: results, maxGap } = await withEventLoopGap(() =>
      Promise.all(
        Array.from({ length: 4 }, () =>
          run(
            'SELECT count(*) AS n FROM orders a, orders b WHERE a.amount < b.amount',
          ),
        ),
      ),
    );
    expect(results.map(r => r.page!.rows[0][0])).toEqual(
      Array(4).fill(1124250),
    );
    expect(maxGap).toBeLessThan(200);
  });
});
