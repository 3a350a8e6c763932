import type { QueryGrant } from '@cloud-data-hub/data-hub-node';
import { checkAthenaSql, defaultTrinoAnalyser } from './athenaSql';

const grants: QueryGrant[] = [
  {
    datasetRef: 'dataset:default/vehicle-trips-prepared',
    glueDatabase: 'vehicle_trips_prepared',
    tables: [
      { name: 'trips', columns: ['trip_id', 'distance_km'] },
      { name: 'vehicles', columns: ['vin'] },
    ],
  },
  {
    datasetRef: 'dataset:default/warranty-claims-semantic',
    glueDatabase: 'warranty_claims_semantic',
    tables: [{ name: 'claims', columns: ['claim_id'] }],
  },
];

function check(sql: string) {
  return checkAthenaSql(sql, grants);
}

afterAll(() => defaultTrinoAnalyser().close());

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

async function rejection(
  sql: string,
): Promise<{ name: string; message: string }> {
  try {
    await check(sql);
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error(`accepted: ${sql}`);
}

describe('checkAthenaSql', () => {
  describe('accepts one read-only statement on granted tables', () => {
    it.each([
      'SELECT trip_id FROM vehicle_trips_prepared.trips',
      'select * from "vehicle_trips_prepared"."trips" limit 10',
      'SELECT * FROM AwsDataCatalog.vehicle_trips_prepared.trips',
      'SELECT * FROM "VEHICLE_TRIPS_PREPARED".Trips',
      'WITH t AS (SELECT * FROM vehicle_trips_prepared.trips) SELECT count(*) FROM t',
      'WITH t (a) AS (SELECT trip_id FROM vehicle_trips_prepared.trips), u AS (SELECT a FROM t) SELECT * FROM u JOIN t ON t.a = u.a',
      'EXPLAIN SELECT * FROM vehicle_trips_prepared.trips',
      'EXPLAIN ANALYZE SELECT 1',
      'EXPLAIN (TYPE DISTRIBUTED, FORMAT JSON) SELECT * FROM vehicle_trips_prepared.trips',
      '(SELECT 1) UNION ALL (SELECT 2)',
      'VALUES (1, 2), (3, 4)',
      'SELECT 1',
      // alias.column, EXTRACT/TRIM with FROM, IS DISTINCT FROM, ARRAY[a.b, c.d]: no tables
      "SELECT t.trip_id, extract(year FROM t.started_at), trim(both 'x' FROM v.vin) FROM vehicle_trips_prepared.trips t, vehicle_trips_prepared.vehicles v WHERE t.a IS NOT DISTINCT FROM v.b",
      'SELECT * FROM vehicle_trips_prepared.trips t JOIN vehicle_trips_prepared.vehicles v ON t.ids = ARRAY[v.x, v.y], warranty_claims_semantic.claims',
      'SELECT * FROM vehicle_trips_prepared.trips CROSS JOIN UNNEST(trips.stops) AS s (stop)',
      'SELECT * FROM (vehicle_trips_prepared.trips t JOIN warranty_claims_semantic.claims c ON t.vin = c.vin)',
      'SELECT (SELECT max(x) FROM warranty_claims_semantic.claims), c.d FROM vehicle_trips_prepared.trips c',
      // comments and strings are not statements or tables
      "SELECT 'DROP TABLE x; FROM other.t' AS s -- ; DELETE FROM other.t\n FROM vehicle_trips_prepared.trips /* ; DROP TABLE other.t */",
      'SELECT 1;',
      'SELECT 1 ; ; -- trailing',
    ])('%s', async sql => {
      await expect(check(sql)).resolves.toBeDefined();
    });
  });

  it('returns the statement to send without trailing semicolons and comments', async () => {
    expect((await check('  SELECT 1 ; -- done\n')).queryString).toBe(
      'SELECT 1',
    );
    expect((await check("SELECT ';' AS s;")).queryString).toBe(
      "SELECT ';' AS s",
    );
    expect((await check('-- why\nSELECT 1 /* end */')).queryString).toBe(
      '-- why\nSELECT 1',
    );
  });

  it('names the databases the statement reads', async () => {
    expect(
      (
        await check(
          'WITH t AS (SELECT * FROM "Vehicle_Trips_Prepared".trips) SELECT * FROM t JOIN warranty_claims_semantic.claims c ON true, vehicle_trips_prepared.vehicles',
        )
      ).glueDatabases,
    ).toEqual(['vehicle_trips_prepared', 'warranty_claims_semantic']);
    expect((await check('SELECT 1')).glueDatabases).toEqual([]);
  });

  it('names the tables the statement reads, each once, lower-cased as in the grants', async () => {
    expect(
      (
        await check(
          'SELECT * FROM "Vehicle_Trips_Prepared"."TRIPS" t JOIN AwsDataCatalog.warranty_claims_semantic.claims c ON true, vehicle_trips_prepared.trips',
        )
      ).reads,
    ).toEqual([
      { glueDatabase: 'vehicle_trips_prepared', table: 'trips' },
      { glueDatabase: 'warranty_claims_semantic', table: 'claims' },
    ]);
    expect((await check('VALUES 1')).reads).toEqual([]);
  });

  describe('resolves WITH query names with Trino’s scoping', () => {
    async function reads(sql: string) {
      return (await check(sql)).reads.map(t => `${t.glueDatabase}.${t.table}`);
    }

    it('lets a WITH query hide a one-part name in its own query, quoted or not', async () => {
      expect(
        await reads(
          'WITH trips AS (SELECT * FROM vehicle_trips_prepared.trips) SELECT * FROM trips',
        ),
      ).toEqual(['vehicle_trips_prepared.trips']);
      expect(
        await reads(
          'WITH "Trips" AS (SELECT * FROM vehicle_trips_prepared.trips) SELECT * FROM TRIPS',
        ),
      ).toEqual(['vehicle_trips_prepared.trips']);
      // … but never db.t
      expect(
        await rejection(
          'WITH salaries AS (SELECT 1 AS x) SELECT * FROM salaries, finance_raw.salaries',
        ),
      ).toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(/database "finance_raw"/),
      });
    });

    it('takes a plain WITH query’s own name in its definition for what the name means outside', async () => {
      expect(
        await rejection(
          'WITH trips AS (SELECT * FROM trips) SELECT * FROM trips',
        ),
      ).toEqual({
        name: 'NotAllowedError',
        message:
          'Table "trips" has no database, so Athena looks for it in "default", which the use case holds no grant on: write "vehicle_trips_prepared"."trips"',
      });
      expect(
        await reads(
          'WITH x AS (SELECT * FROM vehicle_trips_prepared.trips) SELECT * FROM (WITH x AS (SELECT * FROM x) SELECT * FROM x)',
        ),
      ).toEqual(['vehicle_trips_prepared.trips']);
    });

    it('takes a WITH RECURSIVE query’s own name for itself', async () => {
      expect(
        await reads(
          'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t',
        ),
      ).toEqual([]);
    });

    it('shows a WITH query to later WITH queries and its query’s subqueries, nowhere else', async () => {
      expect(
        await reads(
          'WITH a AS (SELECT * FROM vehicle_trips_prepared.trips), b AS (SELECT * FROM a) SELECT * FROM (SELECT * FROM b) WHERE vin IN (SELECT vin FROM a) AND EXISTS (TABLE b)',
        ),
      ).toEqual(['vehicle_trips_prepared.trips']);
      for (const [sql, name] of [
        [
          'WITH a AS (SELECT * FROM b), b AS (SELECT 1 AS x) SELECT * FROM a',
          'b',
        ],
        ['SELECT * FROM (WITH t AS (SELECT 1 AS x) SELECT * FROM t) s, t', 't'],
        ['SELECT (WITH t AS (SELECT 1 AS x) SELECT max(x) FROM t) FROM t', 't'],
        [
          'SELECT * FROM vehicle_trips_prepared.trips WHERE vin IN (WITH t AS (SELECT 1 AS x) SELECT x FROM t) UNION ALL SELECT * FROM t',
          't',
        ],
      ]) {
        expect(await rejection(sql)).toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringMatching(`^Table "${name}" has no database`),
        });
      }
    });

    it('refuses a name declared twice in one WITH, as Trino does', async () => {
      expect(
        await rejection(
          'WITH t AS (SELECT 1), T AS (SELECT 2) SELECT * FROM t',
        ),
      ).toEqual({
        name: 'InputError',
        message:
          'WITH query name "t" is defined more than once: rename one of them',
      });
    });
  });

  describe('reads comments, strings and names exactly as Athena (Trino) does', () => {
    it.each([
      // only -- and /* */ are comments: // and # are not (MySQL-style parsers differ here)
      [
        'SELECT * FROM vehicle_trips_prepared.trips // , finance_raw.salaries',
        'InputError',
        /^The query is not valid Athena SQL \(Trino\): line 1:44: /,
      ],
      [
        'SELECT * FROM vehicle_trips_prepared.trips # , finance_raw.salaries',
        'InputError',
        /^The query has a character Athena's SQL does not allow at line 1:44: "#" \(only -- and \/\* \*\/ start comments/,
      ],
      // -- ends at a line feed or a carriage return
      ['SELECT 1 -- x\r; DROP TABLE t', 'InputError', /one statement/],
      [
        'SELECT * FROM vehicle_trips_prepared.trips -- x\r, finance_raw.salaries',
        'NotAllowedError',
        /database "finance_raw"/,
      ],
      // block comments do not nest: the first */ ends one
      [
        'SELECT * FROM vehicle_trips_prepared.trips /* /* */ , finance_raw.salaries /* */',
        'NotAllowedError',
        /database "finance_raw"/,
      ],
      // a backslash escapes nothing in a string: the string ends at the next quote
      [
        "SELECT 'a\\' AS s, x FROM finance_raw.salaries -- '",
        'NotAllowedError',
        /database "finance_raw"/,
      ],
      // a quoted name with a dot is one name, not database and table
      [
        'SELECT * FROM "vehicle_trips_prepared.trips"',
        'NotAllowedError',
        /^Table "vehicle_trips_prepared.trips" has no database/,
      ],
      [
        'SELECT * FROM "finance_raw.salaries"."x"',
        'NotAllowedError',
        /no grant on database "finance_raw.salaries"/,
      ],
      [
        'SELECT * FROM vehicle_trips_prepared."trips.x"',
        'NotAllowedError',
        /no grant on table "vehicle_trips_prepared"."trips.x"/,
      ],
      // "" in a quoted name is a quote, part of the name
      [
        'SELECT * FROM vehicle_trips_prepared."trips"""',
        'NotAllowedError',
        /no grant on table "vehicle_trips_prepared"."trips""/,
      ],
      // Unicode escapes are for strings (U&'…'), not names
      [
        'SELECT * FROM U&"finance\\005fraw".salaries',
        'InputError',
        /at line 1:16: "&"/,
      ],
      // unquoted names are ASCII
      [
        'SELECT * FROM vehicle_trips_prepared.tripś',
        'InputError',
        /at line 1:42: "ś"/,
      ],
      [
        'SELECT * FROM "lambda:finance".vehicle_trips_prepared.trips',
        'NotAllowedError',
        /Catalog "lambda:finance" is not available/,
      ],
      ['SELECT * FROM a.b.c.d', 'InputError', /not valid Athena SQL/],
      [
        'SELECT 1 SELECT * FROM finance_raw.salaries',
        'InputError',
        /line 1:10: unexpected 'SELECT' after the end of the statement$/,
      ],
      [
        'SELECT `vin` FROM vehicle_trips_prepared.trips',
        'InputError',
        /^Backquoted names are not Athena SQL: write "vin" instead of `vin`$/,
      ],
      [
        'SELECT 1x FROM vehicle_trips_prepared.trips',
        'InputError',
        /^Names must not start with a digit: write "1x" in double quotes$/,
      ],
    ])('%s', async (sql, name, message) => {
      const error = await rejection(sql);
      expect(error.name).toBe(name);
      expect(error.message).toMatch(message);
    });

    it('reads "db"."table", db.table and the Glue catalog’s names for it alike', async () => {
      for (const sql of [
        'SELECT * FROM vehicle_trips_prepared.trips',
        'SELECT * FROM "vehicle_trips_prepared"."trips"',
        'SELECT * FROM VEHICLE_TRIPS_PREPARED."Trips"',
        'SELECT * FROM awsdatacatalog.vehicle_trips_prepared.trips',
        'SELECT * FROM "AwsDataCatalog"."vehicle_trips_prepared"."trips"',
      ]) {
        expect((await check(sql)).reads).toEqual([
          { glueDatabase: 'vehicle_trips_prepared', table: 'trips' },
        ]);
      }
    });

    it('keeps what strings and comments hold out of the statement', async () => {
      for (const sql of [
        "SELECT U&'\\0027; DROP TABLE x' AS s FROM vehicle_trips_prepared.trips",
        "SELECT 'it''s; -- /*' AS s FROM vehicle_trips_prepared.trips",
        "SELECT X'00' AS b, 'a' || '-- b' FROM vehicle_trips_prepared.trips -- , finance_raw.salaries",
        'SELECT "FROM finance_raw.salaries" FROM vehicle_trips_prepared.trips',
      ]) {
        expect((await check(sql)).reads).toEqual([
          { glueDatabase: 'vehicle_trips_prepared', table: 'trips' },
        ]);
      }
    });

    it('cuts the text to send in characters, and reports positions as written', async () => {
      expect(
        (
          await check(
            "SELECT '😀' AS e FROM vehicle_trips_prepared.trips ; -- 😀",
          )
        ).queryString,
      ).toBe("SELECT '😀' AS e FROM vehicle_trips_prepared.trips");
      expect(
        await rejection('\n\n  SELECT * FORM vehicle_trips_prepared.trips'),
      ).toEqual({
        name: 'InputError',
        message:
          "The query is not valid Athena SQL (Trino): line 3:12: unexpected 'FORM' after the end of the statement",
      });
    });
  });

  describe('refuses table functions, and checks what UNNEST, LATERAL, TABLE and time travel read', () => {
    it.each([
      [
        "SELECT * FROM TABLE(system.query(query => 'SELECT * FROM finance_raw.salaries'))",
        'InputError',
        /^Table functions \(FROM TABLE\(…\)\) are not allowed/,
      ],
      [
        'SELECT * FROM TABLE(exclude_columns(input => TABLE(vehicle_trips_prepared.trips), columns => DESCRIPTOR(vin)))',
        'InputError',
        /^Table functions/,
      ],
      [
        'WITH FUNCTION f() RETURNS int RETURN 1 SELECT f()',
        'InputError',
        /^Inline functions \(WITH FUNCTION …\) are not allowed/,
      ],
      [
        'SELECT * FROM UNNEST((SELECT array_agg(vin) FROM finance_raw.salaries)) AS u (v)',
        'NotAllowedError',
        /database "finance_raw"/,
      ],
      [
        'SELECT * FROM vehicle_trips_prepared.trips t, LATERAL (SELECT * FROM finance_raw.salaries s WHERE s.vin = t.vin)',
        'NotAllowedError',
        /database "finance_raw"/,
      ],
      [
        'SELECT * FROM vehicle_trips_prepared.trips FOR VERSION AS OF (SELECT max(v) FROM finance_raw.salaries)',
        'NotAllowedError',
        /database "finance_raw"/,
      ],
      [
        'TABLE finance_raw.salaries',
        'NotAllowedError',
        /database "finance_raw"/,
      ],
      [
        'SELECT * FROM awsdatacatalog.information_schema.columns',
        'NotAllowedError',
        /database "information_schema"/,
      ],
      [
        'SELECT * FROM system.runtime.queries',
        'NotAllowedError',
        /Catalog "system" is not available/,
      ],
    ])('%s', async (sql, name, message) => {
      const error = await rejection(sql);
      expect(error.name).toBe(name);
      expect(error.message).toMatch(message);
    });

    it('accepts UNNEST, LATERAL, TABLE and time travel on granted tables', async () => {
      expect(
        (
          await check(
            'SELECT * FROM vehicle_trips_prepared.trips t CROSS JOIN UNNEST(t.stops) WITH ORDINALITY AS s (stop, i), LATERAL (SELECT * FROM vehicle_trips_prepared.vehicles v WHERE v.vin = t.vin)',
          )
        ).reads,
      ).toEqual([
        { glueDatabase: 'vehicle_trips_prepared', table: 'trips' },
        { glueDatabase: 'vehicle_trips_prepared', table: 'vehicles' },
      ]);
      for (const sql of [
        "SELECT * FROM vehicle_trips_prepared.trips FOR TIMESTAMP AS OF TIMESTAMP '2024-01-01 00:00:00 UTC'",
        'TABLE vehicle_trips_prepared.trips',
      ]) {
        expect((await check(sql)).reads).toEqual([
          { glueDatabase: 'vehicle_trips_prepared', table: 'trips' },
        ]);
      }
    });
  });

  describe('refuses what is too long or too slow to analyse', () => {
    it('refuses queries longer than Athena takes, before parsing', async () => {
      expect(await rejection(`SELECT 1 -- ${'x'.repeat(262144)}`)).toEqual({
        name: 'InputError',
        message:
          'The query is 262156 characters long; Athena takes at most 262144: shorten it',
      });
    });

    it('refuses a statement that would block the parser for seconds, within the budget, with the event loop free', async () => {
      // One ANTLR prediction over 1000 nested brackets runs for seconds without a pause;
      // warm up first, so that starting the worker does not count.
      await check('SELECT 1');
      const sql = `SELECT ${'('.repeat(1000)}1${')'.repeat(1000)}`;
      let ticks = 0;
      let longestGap = 0;
      let last = Date.now();
      const ticker = setInterval(() => {
        ticks++;
        longestGap = Math.max(longestGap, Date.now() - last);
        last = Date.now();
      }, 10);
      const started = Date.now();
      try {
        expect(await rejection(sql)).toEqual({
          name: 'InputError',
          message:
            'The query is too complex to analyse within 2 s: simplify it (fewer nested brackets or subqueries) or split it into smaller queries',
        });
      } finally {
        clearInterval(ticker);
      }
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(2000);
      expect(elapsed).toBeLessThan(3000);
      expect(ticks).toBeGreaterThan(50);
      expect(longestGap).toBeLessThan(500);
      // the next statement gets a new worker
      expect(
        (await check('SELECT * FROM vehicle_trips_prepared.trips')).reads,
      ).toHaveLength(1);
    });
  });

  describe('refuses everything but a single query (InputError)', () => {
    it.each([
      ['', /empty/],
      ['  -- only a comment', /empty/],
      ['SELECT 1; SELECT 2', /one statement at a time/],
      ['SELECT 1; DROP TABLE vehicle_trips_prepared.trips', /one statement/],
      ["SELECT 'a'';' ; DROP TABLE x", /one statement/],
      ['SELECT 1 /* x */; /* y */ DELETE FROM t', /one statement/],
      [
        'DROP TABLE vehicle_trips_prepared.trips',
        /DROP statements are refused/,
      ],
      [
        'INSERT INTO vehicle_trips_prepared.trips SELECT 1',
        /INSERT statements/,
      ],
      ['  /* hi */ insert into t values (1)', /INSERT statements/],
      [
        'CREATE TABLE x AS SELECT * FROM vehicle_trips_prepared.trips',
        /CREATE statements/,
      ],
      [
        "UNLOAD (SELECT * FROM vehicle_trips_prepared.trips) TO 's3://x/' WITH (format = 'PARQUET')",
        /UNLOAD statements/,
      ],
      ['ALTER TABLE t ADD COLUMNS (c int)', /ALTER statements/],
      ['MSCK REPAIR TABLE t', /MSCK statements/],
      ['SHOW TABLES IN vehicle_trips_prepared', /SHOW statements/],
      ['DESCRIBE vehicle_trips_prepared.trips', /DESCRIBE statements/],
      [
        "USING EXTERNAL FUNCTION f(x int) RETURNS int LAMBDA 'fn' SELECT f(1)",
        /USING statements/,
      ],
      ['EXPLAIN ANALYZE INSERT INTO t SELECT 1', /EXPLAIN of INSERT/],
      ['PREPARE p FROM SELECT 1', /PREPARE statements/],
      ['GRANT SELECT ON t TO x', /GRANT statements/],
      ['DELETE FROM vehicle_trips_prepared.trips', /DELETE statements/],
      [
        'UPDATE vehicle_trips_prepared.trips SET vin = NULL',
        /UPDATE statements/,
      ],
      [
        'MERGE INTO vehicle_trips_prepared.trips t USING vehicle_trips_prepared.vehicles v ON t.vin = v.vin WHEN MATCHED THEN DELETE',
        /MERGE statements/,
      ],
      ['TRUNCATE TABLE vehicle_trips_prepared.trips', /TRUNCATE statements/],
      [
        "CREATE TABLE x WITH (format = 'PARQUET') AS WITH t AS (SELECT 1) SELECT * FROM t",
        /CREATE statements/,
      ],
      [
        'CREATE VIEW v AS SELECT * FROM vehicle_trips_prepared.trips',
        /CREATE statements/,
      ],
      [
        "CALL system.sync_partition_metadata('a', 'b', 'FULL')",
        /CALL statements/,
      ],
      ['EXECUTE p USING 1', /EXECUTE statements/],
      ["SET SESSION query_max_run_time = '1h'", /SET statements/],
      ['USE vehicle_trips_prepared', /USE statements/],
      [
        'EXPLAIN (TYPE IO) CREATE TABLE x AS SELECT 1',
        /^EXPLAIN of CREATE statements are refused/,
      ],
      ["EXPLAIN UNLOAD (SELECT 1) TO 's3://x/'", /not valid Athena SQL/],
      ["SELECT 'unterminated", /unterminated string/],
      ['SELECT "unterminated', /unterminated quoted identifier/],
      ['SELECT 1 /* never closed', /unterminated \/\* comment/],
      ['; SELECT 1', /one statement/],
      ['* FROM t', /not a query/],
    ])('%s', async (sql, message) => {
      const error = await rejection(sql);
      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(message);
    });
  });

  describe('refuses tables outside the grants (NotAllowedError)', () => {
    it.each([
      [
        'SELECT * FROM finance_raw.salaries',
        'The use case holds no grant on database "finance_raw" (granted: "vehicle_trips_prepared", "warranty_claims_semantic"); request access to its dataset first',
      ],
      [
        'SELECT * FROM "finance_raw"."salaries"',
        /no grant on database "finance_raw"/,
      ],
      [
        'SELECT * FROM vehicle_trips_prepared.trips JOIN finance_raw.salaries s ON true',
        /database "finance_raw"/,
      ],
      [
        'SELECT * FROM vehicle_trips_prepared.trips, finance_raw.salaries',
        /database "finance_raw"/,
      ],
      [
        'SELECT * FROM vehicle_trips_prepared.trips WHERE vin IN (SELECT vin FROM finance_raw.salaries)',
        /database "finance_raw"/,
      ],
      [
        'WITH x AS (SELECT * FROM finance_raw.salaries) SELECT * FROM x',
        /database "finance_raw"/,
      ],
      [
        'SELECT * FROM vehicle_trips_prepared.trips WHERE EXISTS (SELECT 1 FROM finance_raw.salaries)',
        /database "finance_raw"/,
      ],
      [
        'SELECT table_name FROM information_schema.tables',
        /database "information_schema"/,
      ],
      [
        'SELECT * FROM vehicle_trips_prepared.drivers',
        'The use case holds no grant on table "vehicle_trips_prepared"."drivers" (granted in "vehicle_trips_prepared": "trips", "vehicles"); request access to it first',
      ],
      [
        'SELECT * FROM trips',
        'Table "trips" has no database, so Athena looks for it in "default", which the use case holds no grant on: write "vehicle_trips_prepared"."trips"',
      ],
      ['SELECT * FROM salaries', /write "database"."table"/],
      [
        'SELECT * FROM other_catalog.vehicle_trips_prepared.trips',
        /Catalog "other_catalog" is not available/,
      ],
      ['EXPLAIN SELECT * FROM finance_raw.salaries', /database "finance_raw"/],
    ])('%s', async (sql, message) => {
      const error = await rejection(sql);
      expect(error.name).toBe('NotAllowedError');
      // A string is the whole message; a pattern the part that matters.
      expect(error.message).toMatch(
        typeof message === 'string' ? exactly(message) : message,
      );
    });

    it('refuses every table when the use case holds no grant at all', async () => {
      await expect(
        checkAthenaSql('SELECT * FROM vehicle_trips_prepared.trips', []),
      ).rejects.toThrow(
        'The use case holds no grant on database "vehicle_trips_prepared" (granted: none)',
      );
    });
  });
});
