// The expect* helpers below assert; tell the rule so.
/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expect*"] }] */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { QueryGrant } from '@cloud-data-hub/data-hub-node';
import { openDuckDB } from '../duckdb';
import {
  DENIED_FUNCTIONS,
  MAX_MACRO_NESTING,
  SAFE_TABLE_FUNCTIONS,
  SqlNotGrantedError,
  SqlRejectedError,
  checkSql,
  foldCase,
  withoutTerminator,
  type TableReference,
} from './SqlGuard';

jest.setTimeout(60_000);

const ORDERS: QueryGrant = {
  datasetRef: 'dataset:default/us-sales-orders-source',
  glueDatabase: 'us_sales_orders_source',
  tables: [
    { name: 'orders', columns: ['order_id', 'amount', 'paid', 'order_ts'] },
    { name: 'order_items', columns: ['order_id', 'sku'] },
  ],
};
const CRM: QueryGrant = {
  datasetRef: 'dataset:default/us-customer-crm-source',
  glueDatabase: 'us_customer_crm_source',
  tables: [{ name: 'customers', columns: ['customer_id'] }],
};
const GRANTS = [ORDERS, CRM];

const orders: TableReference = {
  schema: 'us_sales_orders_source',
  table: 'orders',
};
const orderItems: TableReference = {
  schema: 'us_sales_orders_source',
  table: 'order_items',
};
const customers: TableReference = {
  schema: 'us_customer_crm_source',
  table: 'customers',
};

// The guard's exact answers.
const READ_ONLY =
  'Only read-only queries run here: one SELECT (or WITH … SELECT, or EXPLAIN of one). Statements such as COPY, ATTACH, INSTALL, LOAD, SET, PRAGMA, CREATE or INSERT are refused.';
const EMPTY = 'The query is empty: write one SELECT statement';
const FILE =
  'Not allowed: a table name that looks like a file: files and paths cannot be queried, only the granted tables';
const FILE_CTE = 'Not allowed: a CTE may not be named like a file or path';
const PARAMETERS =
  'Not allowed: query parameters ($1, ?) are not supported: write the values into the statement';
const tableFunction = (name: string) =>
  `Not allowed: table functions such as ${name}() are not allowed: query the granted tables by name`;
const denied = (name: string) =>
  `Not allowed: the function ${name}() is not allowed`;
const syntax = (message: string) => `SQL syntax error: ${message}`;
const notGranted = (names: string) =>
  `${names}: not a table this use case holds a live grant on (or no such table). Request access on the dataset's page.`;

// The guard on its own, with DuckDB's real parser (as DuckDBQueryEngine opens it): no sandbox,
// no plan check. What passes here still meets PlanGuard and the locked sandbox.
describe('checkSql', () => {
  let instance: DuckDBInstance;
  let parser: DuckDBConnection;
  const check = (sql: string, grants: QueryGrant[] = GRANTS) =>
    checkSql(parser, sql, grants);

  /** The error a refused statement throws (fails the test if the statement passes). */
  async function refusal(sql: string, grants?: QueryGrant[]) {
    const outcome = await check(sql, grants).then(
      checked => ({ passed: checked }),
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(Error);
    return outcome as Error;
  }
  async function expectRejected(sql: string, message: string) {
    const error = await refusal(sql);
    expect(error).toBeInstanceOf(SqlRejectedError);
    expect({ name: error.name, message: error.message }).toEqual({
      name: 'InputError',
      message,
    });
  }
  async function expectNotGranted(
    sql: string,
    message: string,
    grants?: QueryGrant[],
  ) {
    const error = await refusal(sql, grants);
    expect(error).toBeInstanceOf(SqlNotGrantedError);
    expect({ name: error.name, message: error.message }).toEqual({
      name: 'NotAllowedError',
      message,
    });
  }
  /** A statement that passes as written: nothing stripped, no EXPLAIN. */
  async function expectAllowed(sql: string, tables: TableReference[]) {
    await expect(check(sql)).resolves.toEqual({
      sql,
      statement: sql,
      explain: false,
      tables,
    });
  }

  beforeAll(async () => {
    instance = await openDuckDB({ threads: 1 });
    parser = await instance.connect();
  });
  afterAll(() => {
    parser.closeSync();
    instance.closeSync();
  });

  describe('only one read-only statement', () => {
    it.each([
      ['CREATE TABLE', 'CREATE TABLE t AS SELECT 1'],
      ['CREATE TEMP TABLE', 'CREATE TEMP TABLE t AS SELECT * FROM orders'],
      ['CREATE VIEW', 'CREATE VIEW v AS SELECT 1'],
      ['CREATE MACRO', 'CREATE MACRO m() AS TABLE SELECT 1'],
      ['CREATE SECRET', "CREATE SECRET s (TYPE s3, KEY_ID 'x')"],
      ['CREATE SEQUENCE', 'CREATE SEQUENCE s'],
      ['CREATE INDEX', 'CREATE INDEX i ON orders (order_id)'],
      ['ALTER TABLE', 'ALTER TABLE orders RENAME TO o'],
      [
        'DROP VIEW of a granted table',
        'DROP VIEW us_sales_orders_source.orders',
      ],
      ['DROP SECRET', 'DROP SECRET s'],
      ['INSERT', 'INSERT INTO orders SELECT * FROM orders'],
      ['UPDATE', 'UPDATE orders SET amount = 0'],
      ['DELETE', 'DELETE FROM orders'],
      ['TRUNCATE', 'TRUNCATE orders'],
      [
        'MERGE',
        'MERGE INTO orders USING customers ON true WHEN MATCHED THEN DELETE',
      ],
      ['COMMENT ON', "COMMENT ON TABLE orders IS 'x'"],
      ['ATTACH a file', "ATTACH '/tmp/other.duckdb' AS other"],
      ['ATTACH in lower case, indented', "  attach ':memory:'"],
      ['DETACH', 'DETACH DATABASE memory'],
      ['USE', 'USE other'],
      ['COPY … TO a file', "COPY (SELECT * FROM orders) TO '/tmp/out.csv'"],
      ['COPY a table to a file', "COPY orders TO '/tmp/out.csv'"],
      ['COPY … FROM a file', "COPY orders FROM '/etc/passwd'"],
      ['EXPORT DATABASE', "EXPORT DATABASE '/tmp/dump' (FORMAT csv)"],
      ['IMPORT DATABASE', "IMPORT DATABASE '/tmp/dump'"],
      ['INSTALL', 'INSTALL httpfs'],
      ['INSTALL from a URL', "INSTALL httpfs FROM 'http://evil.example'"],
      ['FORCE INSTALL', 'FORCE INSTALL httpfs'],
      ['UPDATE EXTENSIONS', 'UPDATE EXTENSIONS'],
      ['LOAD', 'LOAD httpfs'],
      ['LOAD a file', "LOAD '/tmp/evil.duckdb_extension'"],
      ['SET a limit', "SET memory_limit = '100GB'"],
      ['SET external access on', 'SET enable_external_access = true'],
      ['SET allowed_paths', "SET allowed_paths = ['/']"],
      ['SET VARIABLE', 'SET VARIABLE x = 1'],
      ['RESET', 'RESET memory_limit'],
      ['PRAGMA', 'PRAGMA database_list'],
      ['PRAGMA enable_profiling', 'PRAGMA enable_profiling'],
      ['CALL', 'CALL pragma_version()'],
      ['CALL of a settings function', 'CALL duckdb_settings()'],
      ['BEGIN', 'BEGIN TRANSACTION'],
      ['COMMIT', 'COMMIT'],
      ['ROLLBACK', 'ROLLBACK'],
      ['CHECKPOINT', 'CHECKPOINT'],
      ['VACUUM', 'VACUUM'],
      ['ANALYZE', 'ANALYZE'],
      ['PREPARE', 'PREPARE p AS SELECT 1'],
      ['EXECUTE', 'EXECUTE p'],
      ['DEALLOCATE', 'DEALLOCATE p'],
      [
        'PIVOT without an IN list (several statements in DuckDB)',
        'PIVOT orders ON paid USING count(*)',
      ],
      ['WITH … INSERT', 'WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x'],
      ['EXPLAIN of a DROP', 'EXPLAIN DROP TABLE x'],
      [
        'EXPLAIN ANALYZE of an INSERT',
        'EXPLAIN ANALYZE INSERT INTO t VALUES (1)',
      ],
      ['EXPLAIN EXPLAIN', 'EXPLAIN EXPLAIN SELECT 1'],
      ['EXPLAIN of a COPY', "EXPLAIN COPY (SELECT 1) TO '/tmp/x'"],
      ['a SELECT followed by a DROP', 'SELECT * FROM orders; DROP TABLE x'],
      ['a SELECT followed by a COPY', "SELECT 1; COPY (SELECT 1) TO '/tmp/x'"],
      ['a SELECT followed by an ATTACH', "SELECT 1;ATTACH '/tmp/x.db'"],
      [
        'a DROP after a SELECT ending in a line comment',
        'SELECT 1 -- c\n; DROP TABLE x',
      ],
      ['a DROP after a leading line comment', '-- just a note\nDROP TABLE x'],
      [
        'a DROP after a block comment holding a SELECT',
        '/* SELECT 1 */ DROP TABLE x',
      ],
    ])('refuses %s', async (_what, sql) => {
      await expectRejected(sql, READ_ONLY);
    });

    it.each([
      ['two SELECTs', 'SELECT 1; SELECT 2', 2],
      [
        'two reads of granted tables',
        'SELECT * FROM orders;SELECT * FROM customers',
        2,
      ],
      ['three SELECTs', 'SELECT 1; SELECT 2; SELECT 3', 3],
      ['a second SELECT after a comment', 'SELECT 1; /* x */ SELECT 2', 2],
    ])('refuses %s: one statement at a time', async (_what, sql, count) => {
      await expectRejected(
        sql,
        `Run one statement at a time; this text holds ${count}`,
      );
    });

    it.each([
      ['an empty text', ''],
      ['white space', ' \n\t '],
      ['a line comment only', '-- only a comment'],
      ['block and line comments only', '  /* c */\n-- d\n '],
      ['a bare EXPLAIN', 'EXPLAIN'],
      [
        'EXPLAIN ANALYZE after a comment, with nothing to explain',
        '/* x */ EXPLAIN ANALYZE  ',
      ],
    ])('refuses %s as empty', async (_what, sql) => {
      await expectRejected(sql, EMPTY);
    });

    it.each([
      ['a misspelt keyword', 'SELEKT 1', 'syntax error at or near "SELEKT"'],
      ['SELECT … INTO', 'SELECT 1 INTO t', 'SELECT INTO not supported!'],
      [
        'a data-modifying CTE',
        'WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x',
        'A CTE needs a SELECT',
      ],
      ['RESET ALL', 'RESET ALL', 'Can only SET or RESET a variable'],
      [
        'EXPLAIN with options',
        'EXPLAIN (FORMAT JSON) SELECT 1',
        'syntax error at or near "FORMAT"',
      ],
      [
        'a comment between EXPLAIN and ANALYZE',
        'EXPLAIN /* c */ ANALYZE SELECT 1',
        'syntax error at or near "SELECT"',
      ],
      [
        'EXPLAIN ANALYSE (British spelling)',
        'EXPLAIN ANALYSE SELECT 1',
        'syntax error at or near "SELECT"',
      ],
      [
        'EXPLAIN and ANALYZE run together',
        'EXPLAINANALYZE SELECT 1',
        'syntax error at or near "EXPLAINANALYZE"',
      ],
      [
        'an unterminated block comment',
        'SELECT 1 /*',
        'unterminated /* comment at or near "/*"',
      ],
      [
        'a leading nested block comment (DuckDB nests them)',
        '/* /* nested */ */ SELECT 1',
        'syntax error at or near "*/"',
      ],
      [
        'method-call syntax on a literal',
        "SELECT 'HOME'.getenv()",
        'syntax error at or near "("',
      ],
      [
        'a table function after SUMMARIZE',
        'SUMMARIZE duckdb_settings()',
        'syntax error at or near "("',
      ],
      [
        'a quoted path after a schema',
        "SELECT * FROM us_sales_orders_source.'orders.parquet'",
        `syntax error at or near "'orders.parquet'"`,
      ],
    ])('refuses %s as a syntax error', async (_what, sql, message) => {
      await expectRejected(sql, syntax(message));
    });
  });

  describe('files, paths and table functions', () => {
    it.each([
      [
        'read_parquet',
        "SELECT * FROM read_parquet('x.parquet')",
        'read_parquet',
      ],
      [
        'read_parquet over a glob',
        "SELECT * FROM read_parquet('/lake/**/*.parquet')",
        'read_parquet',
      ],
      [
        'parquet_scan',
        "SELECT * FROM parquet_scan('x.parquet')",
        'parquet_scan',
      ],
      ['read_csv', "SELECT * FROM read_csv('/etc/passwd')", 'read_csv'],
      [
        'read_csv_auto',
        "SELECT * FROM read_csv_auto('/etc/passwd')",
        'read_csv_auto',
      ],
      ['read_json', "SELECT * FROM read_json('/tmp/x.json')", 'read_json'],
      ['read_text', "SELECT * FROM read_text('/etc/passwd')", 'read_text'],
      ['read_blob', "SELECT * FROM read_blob('/etc/shadow')", 'read_blob'],
      ['glob', "SELECT * FROM glob('/*')", 'glob'],
      ['sniff_csv', "SELECT * FROM sniff_csv('/etc/passwd')", 'sniff_csv'],
      [
        'parquet_metadata',
        "SELECT * FROM parquet_metadata('x.parquet')",
        'parquet_metadata',
      ],
      [
        'query() running SQL text',
        "SELECT * FROM query('SELECT * FROM secret')",
        'query',
      ],
      ['query_table()', "SELECT * FROM query_table('orders')", 'query_table'],
      [
        'duckdb_settings()',
        'SELECT * FROM duckdb_settings()',
        'duckdb_settings',
      ],
      [
        'pragma_table_info()',
        "SELECT * FROM pragma_table_info('orders')",
        'pragma_table_info',
      ],
      ['json_each()', "SELECT * FROM json_each('[1]')", 'json_each'],
      [
        'a built-in table macro',
        'SELECT * FROM histogram(orders, amount)',
        'histogram',
      ],
      [
        'a table macro over the logs',
        "FROM duckdb_logs_parsed('x')",
        'duckdb_logs_parsed',
      ],
      ['repeat()', 'SELECT * FROM repeat(1, 3)', 'repeat'],
      ['checkpoint()', 'SELECT * FROM checkpoint()', 'checkpoint'],
      ['enable_logging()', 'SELECT * FROM enable_logging()', 'enable_logging'],
      ['upper case', "SELECT * FROM READ_PARQUET('x')", 'read_parquet'],
      ['mixed case', "SELECT * FROM ReAd_PaRqUeT('x.parquet')", 'read_parquet'],
      ['a quoted function name', `SELECT * FROM "read_csv"('x')`, 'read_csv'],
      [
        'a schema-qualified function',
        "SELECT * FROM main.read_csv('x')",
        'read_csv',
      ],
      [
        'a catalog-qualified function',
        "SELECT * FROM system.main.glob('*')",
        'glob',
      ],
      [
        'a LATERAL join',
        "SELECT * FROM orders o JOIN LATERAL read_text('/etc/passwd') t ON true",
        'read_text',
      ],
      [
        'a comma join beside a granted table',
        "SELECT * FROM orders, LATERAL read_csv('/etc/passwd')",
        'read_csv',
      ],
      [
        'beside an allowed series',
        "SELECT * FROM generate_series(1, 2), glob('*')",
        'glob',
      ],
      [
        'a CTE of the same name',
        "WITH read_parquet AS (SELECT 1) SELECT * FROM read_parquet('x')",
        'read_parquet',
      ],
    ])('refuses the table function %s', async (_what, sql, name) => {
      await expectRejected(sql, tableFunction(name));
    });

    it('refuses a table function that is also a denied scalar, naming both problems', async () => {
      await expectRejected(
        "SELECT * FROM json_execute_serialized_sql('x')",
        `${tableFunction('json_execute_serialized_sql')}; ${denied(
          'json_execute_serialized_sql',
        ).replace('Not allowed: ', '')}`,
      );
    });

    it.each([...SAFE_TABLE_FUNCTIONS])(
      'allows the computing table function %s',
      async name => {
        const args = name === 'unnest' ? '[1, 2]' : '1, 3';
        await expectAllowed(`SELECT * FROM ${name}(${args}) t(x)`, []);
      },
    );

    // Replacement scans: DuckDB reads a file for a table name it does not know.
    it.each([
      ['a Parquet file', "SELECT * FROM 'file.parquet'"],
      ['FROM-first syntax', "FROM 'file.parquet'"],
      ['an absolute path', "SELECT * FROM '/etc/passwd'"],
      ['a home-relative path', "SELECT * FROM '~/secret'"],
      ['a Windows path', "SELECT * FROM 'C:\\data\\x'"],
      ['a glob', "SELECT * FROM 'data/**/*.parquet'"],
      ['a bare wildcard', "SELECT * FROM 'data*'"],
      ['a ? wildcard', "SELECT * FROM 'x?'"],
      ['an https URL', "SELECT * FROM 'https://example.com/a.parquet'"],
      [
        'an s3 URL as a quoted identifier',
        'SELECT * FROM "s3://bucket/a.parquet"',
      ],
      ['a scheme without slashes', "SELECT * FROM 's3:bucket'"],
      ['a file as a quoted identifier', 'SELECT * FROM "file.parquet"'],
      ['a file in dollar quotes', 'SELECT * FROM $$file.parquet$$'],
      ['a path in tagged dollar quotes', 'SELECT * FROM $tag$/etc/passwd$tag$'],
      ['a path spelt with escapes', "SELECT * FROM E'\\x2fetc\\x2fpasswd'"],
      ['a dotted schema', 'SELECT * FROM "us.sales".orders'],
      [
        'a path after a granted schema',
        'SELECT * FROM us_sales_orders_source."orders.parquet"',
      ],
      [
        'a path in a nested derived table',
        "SELECT * FROM (SELECT * FROM (SELECT * FROM 'deep.csv'))",
      ],
      [
        'a path in EXISTS',
        "SELECT * FROM orders WHERE EXISTS (SELECT 1 FROM 'x.csv')",
      ],
      [
        'a path in UNION ALL BY NAME',
        "SELECT * FROM orders UNION ALL BY NAME SELECT * FROM '/x.parquet'",
      ],
      [
        'a path as unnest() input',
        "SELECT * FROM unnest((SELECT list(x) FROM 'f.csv'))",
      ],
      ['DESCRIBE of a path', "DESCRIBE '/etc/passwd'"],
      ['DESCRIBE of a file', "DESCRIBE 'x.parquet'"],
      ['SUMMARIZE of a path', "SUMMARIZE '/etc/passwd'"],
    ])('refuses %s as a table', async (_what, sql) => {
      await expectRejected(sql, FILE);
    });

    it('never echoes the path it refuses', async () => {
      const error = await refusal(
        'WITH "/srv/secret" AS (SELECT 1) SELECT * FROM "/srv/secret"',
      );
      expect(error.message).toBe(
        `${FILE_CTE}; ${FILE.replace('Not allowed: ', '')}`,
      );
      expect(error.message).not.toContain('/srv');
    });

    it('refuses a CTE named like a file even when nothing reads it', async () => {
      await expectRejected('WITH "x.parquet" AS (SELECT 1) SELECT 1', FILE_CTE);
    });
  });

  describe('forbidden things hidden in CTEs, subqueries and expressions', () => {
    it.each([
      [
        'a CTE',
        "WITH x AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM x",
        tableFunction('read_csv'),
      ],
      [
        'a CTE beside a derived table',
        "WITH x AS (SELECT 1) SELECT * FROM x, (SELECT * FROM glob('/*')) g",
        tableFunction('glob'),
      ],
      [
        'the seed of a recursive CTE',
        "WITH RECURSIVE r AS (SELECT * FROM read_parquet('x') UNION ALL SELECT * FROM r) SELECT * FROM r",
        tableFunction('read_parquet'),
      ],
      [
        'an IN subquery',
        "SELECT * FROM orders WHERE order_id IN (SELECT * FROM read_text('/etc/passwd'))",
        tableFunction('read_text'),
      ],
      [
        'the argument of range()',
        "SELECT * FROM range((SELECT count(*) FROM read_csv('x')))",
        tableFunction('read_csv'),
      ],
      [
        'SHOW of a query',
        "SHOW SELECT * FROM read_csv('/etc/passwd')",
        tableFunction('read_csv'),
      ],
      [
        'SUMMARIZE of a query',
        "SUMMARIZE SELECT * FROM read_text('/etc/passwd')",
        tableFunction('read_text'),
      ],
      [
        'EXPLAIN',
        "EXPLAIN SELECT * FROM read_csv('x')",
        tableFunction('read_csv'),
      ],
      ['a scalar subquery', "SELECT (SELECT getenv('HOME'))", denied('getenv')],
      [
        'a subquery in WHERE',
        "SELECT * FROM orders WHERE order_id = (SELECT current_setting('x'))",
        denied('current_setting'),
      ],
      [
        'a lambda',
        "SELECT list_transform([1, 2], x -> getenv('HOME'))",
        denied('getenv'),
      ],
      [
        'a COLUMNS lambda',
        "SELECT COLUMNS(c -> getenv('x')) FROM orders",
        denied('getenv'),
      ],
      [
        '* REPLACE',
        "SELECT * REPLACE (getenv('HOME') AS order_id) FROM orders",
        denied('getenv'),
      ],
      [
        'ORDER BY',
        "SELECT 1 FROM orders ORDER BY getenv('x')",
        denied('getenv'),
      ],
      [
        'a window partition',
        "SELECT sum(amount) OVER (PARTITION BY current_setting('x')) FROM orders",
        denied('current_setting'),
      ],
      [
        'DESCRIBE of a query',
        "DESCRIBE SELECT getenv('HOME')",
        denied('getenv'),
      ],
    ])('finds a forbidden call in %s', async (_what, sql, message) => {
      await expectRejected(sql, message);
    });

    it('names every problem once, in the order found', async () => {
      await expectRejected(
        "SELECT getenv('a'), getenv('b') FROM read_csv('x')",
        `${denied('getenv')}; ${tableFunction('read_csv').replace(
          'Not allowed: ',
          '',
        )}`,
      );
    });

    // A CTE only stands for a name where DuckDB would bind the name to it.
    it.each([
      [
        'a CTE shadowing a table inside its own definition',
        'WITH secret AS (SELECT * FROM secret) SELECT * FROM secret',
        'secret',
      ],
      [
        'RECURSIVE without a self-reference',
        'WITH RECURSIVE secret AS (SELECT * FROM secret) SELECT * FROM secret',
        'secret',
      ],
      [
        'a forward reference to a later CTE',
        'WITH a AS (SELECT * FROM secret), secret AS (SELECT 1 AS x) SELECT * FROM a',
        'secret',
      ],
      [
        'a subquery CTE used outside the subquery',
        'SELECT * FROM (WITH secret AS (SELECT 1 AS x) SELECT * FROM secret) s, secret',
        'secret',
      ],
      [
        'a CTE of one union branch used in the other',
        '(WITH secret AS (SELECT 1 AS x) SELECT * FROM secret) UNION ALL (SELECT 1 FROM secret)',
        'secret',
      ],
      [
        'main.<cte name>',
        'WITH t AS (SELECT 1 AS x) SELECT * FROM main.t',
        'main.t',
      ],
      [
        'a qualified name beside a CTE of the same table name',
        'WITH orders AS (SELECT 1 AS x) SELECT * FROM us_customer_crm_source.orders',
        'us_customer_crm_source.orders',
      ],
      [
        'a Kelvin sign folding a CTE onto a system view',
        'WITH "duc\u212Adb_views" AS (SELECT 1 AS sql) SELECT sql FROM duckdb_views',
        'duckdb_views',
      ],
    ])('refuses %s', async (_what, sql, name) => {
      await expectNotGranted(sql, notGranted(name));
    });
  });

  describe('scalar functions and parameters', () => {
    it.each([...DENIED_FUNCTIONS])('refuses %s()', async name => {
      await expectRejected(`SELECT ${name}('x')`, denied(name));
    });

    it.each([
      ['in upper case', "SELECT GETENV('HOME')"],
      ['quoted', `SELECT "getenv"('HOME')`],
      ['schema-qualified', "SELECT main.getenv('HOME')"],
      ['catalog-qualified', "SELECT system.main.getenv('HOME')"],
    ])('refuses getenv() %s', async (_what, sql) => {
      await expectRejected(sql, denied('getenv'));
    });

    it.each([
      ['$1', 'SELECT $1'],
      ['?', 'SELECT order_id FROM orders WHERE order_id = ?'],
      ['?1', 'SELECT ?1'],
      ['$name', 'SELECT $name'],
    ])('refuses the query parameter %s', async (_what, sql) => {
      await expectRejected(sql, PARAMETERS);
    });

    it(`allows built-in macros nested ${MAX_MACRO_NESTING} deep, side by side`, async () => {
      const nested = (arg: string) =>
        `${'nullif('.repeat(MAX_MACRO_NESTING)}${arg}${', 1)'.repeat(
          MAX_MACRO_NESTING,
        )}`;
      await expectAllowed(
        `SELECT ${nested('amount')} + ${nested('amount')} FROM orders`,
        [orders],
      );
    });

    it.each([
      [
        'nullif',
        `SELECT ${'nullif('.repeat(5)}amount${', 1)'.repeat(5)} FROM orders`,
        'nullif',
      ],
      [
        'split_part over nullif',
        "SELECT split_part(nullif(nullif(nullif(nullif(order_id, 'a'), 'b'), 'c'), 'd'), '-', 1) FROM orders",
        'nullif',
      ],
    ])(
      `refuses built-in macros (%s) nested more than ${MAX_MACRO_NESTING} deep`,
      async (_what, sql, name) => {
        await expectRejected(
          sql,
          `Not allowed: ${name}() and similar built-in macros nest more than ${MAX_MACRO_NESTING} deep; DuckDB copies their arguments at every level, so nest fewer (a CTE can hold a step)`,
        );
      },
    );

    it.each([
      ['U& identifiers', `SELECT U&"\\0067etenv"('HOME')`],
      ['a U& function name', `SELECT * FROM U&"r\\0065ad_csv"('x')`],
      ['a U& path', "SELECT * FROM U&'\\002fetc\\002fpasswd'"],
      ['a U& string', "SELECT U&'\\0041'"],
    ])(
      'refuses unicode escapes (%s): DuckDB cannot parse them',
      async (_what, sql) => {
        await expectRejected(sql, syntax('unicode_to_utf8 NOT IMPLEMENTED'));
      },
    );
  });

  describe('grants', () => {
    it.each([
      ['a table no grant holds', 'SELECT * FROM secret_table', 'secret_table'],
      ['a file-free quoted name', "SELECT * FROM 'passwd'", 'passwd'],
      ['a quoted identifier', 'SELECT * FROM "passwd"', 'passwd'],
      [
        'a granted schema with another table',
        'SELECT * FROM us_customer_crm_source.orders',
        'us_customer_crm_source.orders',
      ],
      [
        'an ungranted schema',
        'SELECT * FROM eu_sales.orders',
        'eu_sales.orders',
      ],
      [
        'another catalog',
        'SELECT * FROM other.us_sales_orders_source.orders',
        'other.us_sales_orders_source.orders',
      ],
      [
        'information_schema',
        'SELECT * FROM information_schema.tables',
        'information_schema.tables',
      ],
      [
        'pg_catalog',
        'SELECT * FROM pg_catalog.pg_tables',
        'pg_catalog.pg_tables',
      ],
      ['the main schema', 'SELECT * FROM main.orders', 'main.orders'],
      ['memory.main', 'SELECT * FROM Memory.Main.Orders', 'Memory.Main.Orders'],
      ['the temp catalog', 'SELECT * FROM temp.main.x', 'temp.main.x'],
      [
        'the system catalog',
        'SELECT * FROM system.main.duckdb_settings',
        'system.main.duckdb_settings',
      ],
      ['memory as a schema', 'SELECT * FROM memory.orders', 'memory.orders'],
      ['a system view by name', 'SELECT * FROM duckdb_tables', 'duckdb_tables'],
      ['sqlite_master', 'SELECT * FROM sqlite_master', 'sqlite_master'],
      [
        'DESCRIBE of an ungranted table',
        'DESCRIBE secret_table',
        'secret_table',
      ],
      [
        'DESCRIBE of information_schema',
        'DESCRIBE information_schema.tables',
        'information_schema.tables',
      ],
      ['DESCRIBE of a system view', 'DESCRIBE duckdb_views', 'duckdb_views'],
      [
        'an ungranted table in an IN subquery',
        'SELECT * FROM orders WHERE order_id IN (SELECT x FROM secret)',
        'secret',
      ],
      [
        'several ungranted tables, each named once',
        'SELECT * FROM orders, secret_a, secret_a, us_customer_crm_source.secret_b',
        'secret_a, us_customer_crm_source.secret_b',
      ],
    ])('refuses %s (403)', async (_what, sql, names) => {
      await expectNotGranted(sql, notGranted(names));
    });

    it('refuses every table when the use case holds no grant', async () => {
      await expectNotGranted('SELECT * FROM orders', notGranted('orders'), []);
      await expect(check('SELECT 1', [])).resolves.toMatchObject({
        tables: [],
      });
    });

    it('compares names in ASCII only, as DuckDB does', async () => {
      const kpis: QueryGrant = {
        datasetRef: 'dataset:default/kpis',
        glueDatabase: 'finance',
        tables: [{ name: 'kpis', columns: ['k'] }],
      };
      await expect(check('SELECT * FROM KPIS', [kpis])).resolves.toMatchObject({
        tables: [{ schema: 'finance', table: 'kpis' }],
      });
      // The Kelvin sign is not a K to DuckDB.
      await expectNotGranted(
        'SELECT * FROM "\u212Apis"',
        notGranted('\u212Apis'),
        [kpis],
      );
      expect(foldCase('Us_Sales.ORDERS')).toBe('us_sales.orders');
      expect(foldCase('\u212Apis')).toBe('\u212Apis');
      expect(foldCase('\u0130d')).toBe('\u0130d');
    });

    it('asks to qualify a table two granted datasets hold', async () => {
      const euOrders: QueryGrant = {
        datasetRef: 'dataset:default/eu-sales-orders-source',
        glueDatabase: 'eu_sales_orders_source',
        tables: [{ name: 'orders', columns: ['order_id'] }],
      };
      const error = await refusal('SELECT * FROM orders', [ORDERS, euOrders]);
      expect(error).toBeInstanceOf(SqlRejectedError);
      expect(error).toMatchObject({
        name: 'InputError',
        message:
          'Table orders is ambiguous: qualify it as us_sales_orders_source.orders or eu_sales_orders_source.orders',
      });
      await expect(
        check('SELECT * FROM eu_sales_orders_source.orders', [
          ORDERS,
          euOrders,
        ]),
      ).resolves.toMatchObject({
        tables: [{ schema: 'eu_sales_orders_source', table: 'orders' }],
      });
    });
  });

  describe('analyst queries that pass', () => {
    it.each<[string, string, TableReference[]]>([
      ['a constant', 'SELECT 1', []],
      ['VALUES', 'VALUES (1), (2)', []],
      ['set operations', 'SELECT 1 INTERSECT SELECT 1 EXCEPT SELECT 2', []],
      ['an unqualified granted table', 'SELECT * FROM orders', [orders]],
      [
        'a qualified granted table',
        'SELECT * FROM us_sales_orders_source.orders',
        [orders],
      ],
      [
        'the memory catalog',
        'SELECT * FROM memory.us_sales_orders_source.orders',
        [orders],
      ],
      [
        'the memory catalog, quoted in upper case',
        'SELECT * FROM "MEMORY".us_sales_orders_source.orders',
        [orders],
      ],
      [
        'quoted upper-case names',
        'SELECT * FROM "US_SALES_ORDERS_SOURCE"."ORDERS"',
        [orders],
      ],
      [
        'mixed-case keywords and names',
        'SeLeCt * FrOm Us_Sales_Orders_Source.Orders LiMiT 1',
        [orders],
      ],
      ['a granted table as a string', "SELECT * FROM 'orders'", [orders]],
      ['FROM-first', 'FROM orders SELECT order_id WHERE paid', [orders]],
      ['TABLE', 'TABLE orders', [orders]],
      [
        'ORDER BY and LIMIT',
        'SELECT * FROM orders ORDER BY 1 LIMIT 10',
        [orders],
      ],
      [
        'an aggregate with GROUP BY, HAVING, LIMIT and OFFSET',
        'SELECT paid, count(*), avg(amount) FROM orders GROUP BY paid HAVING count(*) > 1 ORDER BY 2 DESC LIMIT 5 OFFSET 1',
        [orders],
      ],
      [
        'GROUP BY ALL over a date',
        "SELECT date_trunc('month', order_ts) AS m, sum(amount) FROM orders GROUP BY ALL ORDER BY ALL",
        [orders],
      ],
      [
        'a window function',
        'SELECT o.order_id, sum(o.amount) OVER (PARTITION BY o.paid ORDER BY o.order_ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM us_sales_orders_source.orders o',
        [orders],
      ],
      [
        'QUALIFY',
        'SELECT * FROM orders QUALIFY row_number() OVER (ORDER BY order_id) = 1',
        [orders],
      ],
      [
        'a join of two datasets',
        'SELECT o.order_id, c.customer_id FROM orders o JOIN customers c ON o.order_id = c.customer_id',
        [orders, customers],
      ],
      [
        'a left join of qualified tables',
        'SELECT * FROM us_sales_orders_source.orders o LEFT JOIN us_sales_orders_source.order_items i USING (order_id)',
        [orders, orderItems],
      ],
      [
        'a self-join (each reference listed)',
        'SELECT * FROM orders a, orders b',
        [orders, orders],
      ],
      [
        'an ASOF join',
        'SELECT * FROM orders ASOF JOIN customers ON orders.order_id >= customers.customer_id',
        [orders, customers],
      ],
      [
        'a POSITIONAL join',
        'SELECT * FROM orders POSITIONAL JOIN customers',
        [orders, customers],
      ],
      [
        'a LATERAL subquery',
        'SELECT * FROM orders o, LATERAL (SELECT o.order_id) l',
        [orders],
      ],
      [
        'an IN subquery over another dataset',
        'SELECT * FROM orders WHERE order_id IN (SELECT customer_id FROM us_customer_crm_source.customers)',
        [orders, customers],
      ],
      [
        'a scalar subquery in WHERE',
        'SELECT 1 FROM orders WHERE amount > (SELECT avg(amount) FROM orders)',
        [orders, orders],
      ],
      ['a CTE', 'WITH a AS (SELECT * FROM orders) SELECT * FROM a', [orders]],
      [
        'chained CTEs',
        'WITH a AS (SELECT 1 AS x), b AS (SELECT * FROM a) SELECT * FROM b',
        [],
      ],
      [
        'a CTE read twice',
        'WITH t AS (SELECT * FROM orders) SELECT * FROM t JOIN (SELECT * FROM t) u USING (order_id)',
        [orders],
      ],
      [
        'a MATERIALIZED CTE',
        'WITH a AS MATERIALIZED (SELECT * FROM orders) SELECT * FROM a',
        [orders],
      ],
      [
        'a recursive CTE',
        'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r',
        [],
      ],
      [
        'a CTE named like a granted table',
        'WITH orders AS (SELECT 1 AS x) SELECT * FROM orders',
        [],
      ],
      [
        'a date spine joined to a table',
        'SELECT * FROM generate_series(1, 3) t(x) JOIN orders ON true',
        [orders],
      ],
      ['USING SAMPLE', 'SELECT * FROM orders USING SAMPLE 10%', [orders]],
      ['* EXCLUDE', 'SELECT * EXCLUDE (order_id) FROM orders', [orders]],
      [
        'COLUMNS with a regular expression',
        "SELECT COLUMNS('order.*') FROM orders",
        [orders],
      ],
      [
        'PIVOT with an IN list',
        'PIVOT orders ON paid IN (true, false) USING count(*)',
        [orders],
      ],
      [
        'a PIVOT clause',
        'SELECT * FROM orders PIVOT (count(*) FOR paid IN (true, false))',
        [orders],
      ],
      [
        'UNPIVOT',
        'UNPIVOT (SELECT 1 AS a, 2 AS b) ON a, b INTO NAME k VALUE v',
        [],
      ],
      [
        'DESCRIBE of a granted table',
        'DESCRIBE us_customer_crm_source.customers',
        [customers],
      ],
      ['SUMMARIZE of a granted table', 'SUMMARIZE orders', [orders]],
      [
        'paths and comment markers inside string literals',
        "SELECT '/etc/passwd' AS p, '/* no */' AS s, '-- nor' AS t, '; DROP TABLE x' AS u",
        [],
      ],
      [
        'a path filter on a column',
        "SELECT * FROM orders WHERE order_id LIKE '%.parquet'",
        [orders],
      ],
      [
        'a column named like a path',
        'SELECT "/etc/passwd" FROM orders',
        [orders],
      ],
      [
        'an alias named like a file',
        'SELECT * FROM orders AS "x.parquet"',
        [orders],
      ],
      [
        'column aliases named like paths',
        'SELECT * FROM orders t("a/b")',
        [orders],
      ],
      [
        'a doubled quote in an identifier',
        'SELECT "order""id" FROM orders',
        [orders],
      ],
      [
        'dollar-quoted strings',
        "SELECT $$it's$$ AS s, 'a' || $x$b$x$ AS t",
        [],
      ],
      ['an escape string', "SELECT E'\\'' AS q", []],
      [
        'a block comment holding a second statement',
        'SELECT 1 /* ; DROP TABLE x */',
        [],
      ],
      [
        'a line comment holding a second statement',
        "SELECT 1 FROM orders WHERE order_id = 'O1' -- '; DROP TABLE x",
        [orders],
      ],
      [
        'a nested block comment inside the statement',
        'SELECT 1 /* /* nested */ still a comment */',
        [],
      ],
    ])('allows %s', async (_what, sql, tables) => {
      await expectAllowed(sql, tables);
    });
  });

  describe('leading comments, terminators and EXPLAIN', () => {
    it.each([
      ['a leading line comment', '-- note\nSELECT 1', 'SELECT 1'],
      [
        'leading block and line comments',
        '/* a */ -- b\n  SELECT 1',
        'SELECT 1',
      ],
      ['a trailing semicolon', 'SELECT 1;', 'SELECT 1'],
      ['a semicolon and a newline', 'SELECT 1;\n', 'SELECT 1'],
      ['two semicolons', 'SELECT 1;;', 'SELECT 1'],
      ['spaced semicolons', 'SELECT 1 ; ; ', 'SELECT 1 '],
      ['a semicolon and a line comment', 'SELECT 1; -- done', 'SELECT 1'],
      [
        'a semicolon on its own line and a comment',
        'SELECT 1\n;\n-- done\n',
        'SELECT 1\n',
      ],
      ['a semicolon after a string', "SELECT ';' AS s;", "SELECT ';' AS s"],
      // Removing ";--'" would leave an open string: not the same statement, so it stays.
      ['a semicolon inside a closing string', "SELECT ';--'", "SELECT ';--'"],
      [
        'a trailing line comment without a semicolon',
        'SELECT 1 -- c',
        'SELECT 1 -- c',
      ],
      ['a semicolon and a block comment', 'SELECT 1; /* x */', 'SELECT 1'],
      ['a semicolon and two line comments', 'SELECT 1; -- a\n-- b', 'SELECT 1'],
      [
        'comments and semicolons mixed',
        'SELECT 1 /* a */ ; -- b\n; /* c */ ;',
        'SELECT 1 /* a */ ',
      ],
      [
        'a semicolon after a string holding --',
        "SELECT '--' AS s;",
        "SELECT '--' AS s",
      ],
    ])('runs %s as the bare statement', async (_what, sql, statement) => {
      await expect(check(sql)).resolves.toEqual({
        sql: statement,
        statement,
        explain: false,
        tables: [],
      });
    });

    it('finds the terminator in time linear in the text (a literal full of semicolons)', async () => {
      // A regular expression anchored at the end took 5 s on this 90,000-character text.
      const literal = `'${'; '.repeat(45_000)}'`;
      const started = Date.now();
      expect(withoutTerminator(`SELECT ${literal} AS x`)).toBe(
        `SELECT ${literal} AS x`,
      );
      expect(withoutTerminator(`SELECT ${literal} AS x ;`)).toBe(
        `SELECT ${literal} AS x `,
      );
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it.each([
      [
        'EXPLAIN',
        'EXPLAIN SELECT * FROM orders',
        'EXPLAIN',
        ' SELECT * FROM orders',
      ],
      [
        'EXPLAIN ANALYZE',
        'EXPLAIN ANALYZE SELECT * FROM orders',
        'EXPLAIN ANALYZE',
        ' SELECT * FROM orders',
      ],
      [
        'lower-case explain analyze',
        'explain analyze select * from orders',
        'explain analyze',
        ' select * from orders',
      ],
      [
        'EXPLAIN after a comment',
        '/* c */ EXPLAIN SELECT * FROM orders',
        'EXPLAIN',
        ' SELECT * FROM orders',
      ],
      [
        'EXPLAIN and a tab',
        'EXPLAIN\tSELECT * FROM orders',
        'EXPLAIN',
        '\tSELECT * FROM orders',
      ],
      [
        'EXPLAIN ANALYZE over lines',
        'EXPLAIN\nANALYZE\nSELECT * FROM orders',
        'EXPLAIN\nANALYZE',
        '\nSELECT * FROM orders',
      ],
      [
        'EXPLAIN of a terminated statement',
        'EXPLAIN SELECT * FROM orders;',
        'EXPLAIN',
        ' SELECT * FROM orders',
      ],
    ])(
      'separates %s from the statement the plan check binds',
      async (_what, sql, prefix, statement) => {
        await expect(check(sql)).resolves.toEqual({
          sql: `${prefix} ${statement}`,
          statement,
          explain: true,
          tables: [orders],
        });
      },
    );

    it('answers the same for a statement checked again (parse trees are cached)', async () => {
      const sql = 'SELECT * FROM orders o JOIN customers c ON true';
      const first = await check(sql);
      await expect(check(sql)).resolves.toEqual(first);
      await expectNotGranted(sql, notGranted('customers'), [ORDERS]);
    });
  });

  // What this layer lets through and the plan check (PlanGuard) refuses when DuckDB binds it
  // in the sandbox: built-in macros and SHOW read system table functions behind names the
  // parse tree does not show. Kept here so a change to either layer is seen.
  describe('left to the plan check', () => {
    it.each([
      ['SHOW TABLES', 'SHOW TABLES', []],
      ['SHOW ALL TABLES', 'SHOW ALL TABLES', []],
      ['SHOW DATABASES', 'SHOW DATABASES', []],
      ['SHOW of a granted table', 'SHOW orders', [orders]],
      ['a macro over duckdb_views()', 'SELECT pg_get_viewdef(1)', []],
      ['a macro over duckdb_types()', 'SELECT format_type(1, 1)', []],
      [
        'a macro over pragma_database_size()',
        "SELECT get_block_size('memory')",
        [],
      ],
      ['a macro calling current_database()', 'SELECT current_catalog', []],
    ])('passes %s', async (_what, sql, tables) => {
      await expectAllowed(sql, tables);
    });
  });

  describe('values the statement asks DuckDB to build', () => {
    // DuckDB evaluates constant calls while it plans, outside its memory limit and interrupt:
    // `SELECT len(range(300000000))` planned for 73 s in 20 GB.
    const notAllowed = (problem: string) => `Not allowed: ${problem}`;
    const length = (name: string) =>
      notAllowed(
        `${name}() takes its length as a number written in the statement, at most 100,000`,
      );
    const format = (name: string) =>
      notAllowed(
        `${name}() takes a format string written in the statement, with widths below 1,000,000`,
      );
    it.each([
      [
        'a scalar range',
        'SELECT len(range(300000000))',
        notAllowed(
          'range() as a list is not allowed: use it as a table (FROM range(n)) or unnest one',
        ),
      ],
      [
        'a scalar generate_series in a lambda',
        'SELECT list_transform([1], x -> generate_series(x))',
        notAllowed(
          'generate_series() as a list is not allowed: use it as a table (FROM generate_series(n)) or unnest one',
        ),
      ],
      [
        'a huge repeat',
        "SELECT length(repeat('x', 1000000000))",
        length('repeat'),
      ],
      [
        'a repeat sized by a cast',
        "SELECT repeat('x', 10::INTEGER)",
        length('repeat'),
      ],
      [
        'a repeat sized by a column',
        "SELECT repeat('x', order_id) FROM orders",
        length('repeat'),
      ],
      ['a huge lpad', "SELECT lpad('', 1500000000, 'x')", length('lpad')],
      ['a huge rpad', "SELECT rpad('', 100001, 'x')", length('rpad')],
      [
        'a huge list_resize',
        'SELECT len(list_resize([1], 300000000))',
        length('list_resize'),
      ],
      [
        'a huge array_resize',
        'SELECT array_resize([1], 300000000)',
        length('array_resize'),
      ],
      ['a huge to_base', 'SELECT to_base(1, 2, 1000000000)', length('to_base')],
      ['a huge bar', 'SELECT bar(1, 0, 1, 1000000000)', length('bar')],
      [
        'a huge printf width',
        "SELECT printf('%1500000000d', 1)",
        format('printf'),
      ],
      [
        'a printf width from an argument',
        "SELECT printf('%*d', 1000000000, 1)",
        format('printf'),
      ],
      [
        'a huge format width',
        "SELECT format('{:>1500000000}', 1)",
        format('format'),
      ],
      [
        'a format string from a column',
        'SELECT printf(order_id, 1) FROM orders',
        format('printf'),
      ],
    ])('refuses %s', async (_what, sql, message) => {
      await expectRejected(sql, message);
    });

    it.each([
      ['range as a table', 'SELECT * FROM range(3)'],
      ['generate_series as a table', 'SELECT * FROM generate_series(1, 3)'],
      ['a padded id', "SELECT lpad('7', 10, '0')"],
      ['a repeat at the bound', "SELECT repeat('-', 100000)"],
      ['a printf with a small width', "SELECT printf('%-10s|%5.2f', 'a', 1.5)"],
      ['a format with a small width', "SELECT format('{:>10}', 1)"],
    ])('allows %s', async (_what, sql) => {
      await expectAllowed(sql, []);
    });
  });

  describe('the statement the engine runs', () => {
    // current_query() is a built-in macro over system.main.current_query(): run by the engine
    // it answered the whole text DuckDB executes, `COPY (…) TO '<resultsDirectory>/.staging/
    // sandbox-…/<runId>.parquet' …`, a server path. Found by this suite; now denied.
    it.each([
      ['current_query()', 'SELECT current_query() AS q'],
      ['current_query() in upper case', 'SELECT CURRENT_QUERY()'],
    ])('refuses %s', async (_what, sql) => {
      await expectRejected(sql, denied('current_query'));
    });
  });
});
