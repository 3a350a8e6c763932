import type { DuckDBConnection } from '@duckdb/node-api';
import { literal } from '../duckdb';
import { ORDERS, createTestLake } from '../__testUtils__/testLake';
import { checkPlan } from './PlanGuard';
import { QuerySandboxes, type Sandbox } from './QuerySandboxes';

jest.setTimeout(60_000);

const CUSTOMER_IDS = {
  datasetRef: 'dataset:default/us-customer-crm-source',
  glueDatabase: 'us_customer_crm_source',
  tables: [{ name: 'customers', columns: ['customer_id'] }],
};

// The second line of defence on its own: statements the SQL guard would refuse are handed
// straight to the plan check, in a real sandbox, as if the guard had been fooled.
describe('checkPlan', () => {
  let lake: Awaited<ReturnType<typeof createTestLake>>;
  let sandboxes: QuerySandboxes;
  let sandbox: Sandbox;
  let connection: DuckDBConnection;
  const plan = (sql: string) => checkPlan(connection, sql, sandbox.files);

  beforeAll(async () => {
    lake = await createTestLake();
    sandboxes = new QuerySandboxes(
      { memoryLimit: '128MB', threads: 1 },
      lake.locate,
    );
    sandbox = await sandboxes.acquire('system:default/uc', [
      ORDERS,
      CUSTOMER_IDS,
    ]);
    connection = await sandbox.instance.connect();
  });
  afterAll(async () => {
    connection.closeSync();
    sandbox.release();
    sandboxes.close();
    await lake.remove();
  });

  it('returns the granted tables and columns a statement reads through the views', async () => {
    await expect(
      plan(
        'SELECT o.order_id, c.customer_id FROM orders o JOIN customers c ON true LIMIT 1',
      ),
    ).resolves.toEqual([
      {
        glueDatabase: 'us_sales_orders_source',
        table: 'orders',
        columns: ['amount', 'dt', 'order_id', 'order_ts', 'paid'],
      },
      {
        glueDatabase: 'us_customer_crm_source',
        table: 'customers',
        columns: ['customer_id'],
      },
    ]);
    await expect(plan('SELECT 1 UNION ALL SELECT 2')).resolves.toEqual([]);
  });

  it.each([
    [
      'a granted file read by path (replacement scan)',
      (f: string) => `SELECT vin FROM ${literal(f)}`,
      /a file read directly/,
    ],
    [
      'a granted file behind a CTE of its own name',
      (f: string) =>
        `WITH "${f}" AS (SELECT * FROM ${literal(f)}) SELECT vin FROM "${f}"`,
      /a file read directly/,
    ],
    [
      'read_parquet over the granted files, PII column',
      (f: string) => `SELECT vin FROM read_parquet(${literal(f)})`,
      /column vin of us_sales_orders_source\.orders/,
    ],
    [
      'read_parquet over the granted files, SELECT *',
      (f: string) => `SELECT * FROM read_parquet(${literal(f)})`,
      /column vin/,
    ],
    [
      'read_parquet over the granted files, a filter on PII',
      (f: string) =>
        `SELECT count(*) FROM read_parquet(${literal(f)}) WHERE vin = 'WBA1'`,
      /column vin/,
    ],
    [
      'query() running SQL text',
      () => "SELECT * FROM query('SELECT 1 AS x FROM duckdb_settings()')",
      /system function duckdb_settings/,
    ],
    [
      'a system table function',
      () => 'SELECT * FROM duckdb_views()',
      /system function duckdb_views/,
    ],
    [
      'a system view',
      () => 'SELECT * FROM duckdb_views',
      /system function duckdb_views/,
    ],
    [
      'information_schema',
      () => 'SELECT * FROM information_schema.tables',
      /system function/,
    ],
    [
      'files of two granted tables in one scan',
      (f: string) =>
        `SELECT order_id FROM read_parquet([${literal(f)}, ${literal(
          lake.customerFiles[0],
        )}], union_by_name = true)`,
      /files outside the granted tables/,
    ],
    [
      'a hidden column (filename)',
      (f: string) =>
        `SELECT filename FROM read_parquet(${literal(f)}, filename = true)`,
      /hidden column|column filename/,
    ],
    [
      'the plan serializer itself',
      () => "SELECT json_serialize_plan('SELECT 1')",
      /calls json_serialize_plan\(\)/,
    ],
    [
      'a built-in macro over a system view',
      () => 'SELECT pg_get_viewdef(1)',
      /system function duckdb_views/,
    ],
    [
      'the text the engine runs',
      () => 'SELECT current_query() AS q',
      /calls current_query\(\)/,
    ],
  ])('refuses %s', async (_what, sql, message) => {
    const error = await plan(sql(lake.orderFiles[0])).catch(e => e);
    expect(error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(message),
    });
  });

  it('refuses files of tables the use case does not hold, at binding (403)', async () => {
    const other = await createTestLake();
    try {
      await expect(
        plan(`SELECT * FROM read_parquet(${literal(other.orderFiles[0])})`),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(/^Permission Error/),
      });
    } finally {
      await other.remove();
    }
  });

  it('answers what DuckDB cannot bind with 400 and its message, minus server paths', async () => {
    await expect(plan('SELECT nope FROM orders')).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^Binder Error: Referenced column "nope" not found/,
      ),
    });
    const missing = await plan(
      `SELECT * FROM ${literal(`${lake.lake}/nothing.parquet`)}`,
    ).catch(e => e);
    expect(missing.message).not.toContain(lake.lake);
  });
});
