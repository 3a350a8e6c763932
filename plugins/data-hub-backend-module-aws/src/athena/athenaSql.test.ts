import type { QueryGrant } from '@cloud-data-hub/data-hub-node';
import { checkAthenaSql } from './athenaSql';

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

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

function rejection(sql: string): { name: string; message: string } {
  try {
    check(sql);
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
    ])('%s', sql => {
      expect(() => check(sql)).not.toThrow();
    });
  });

  it('returns the statement to send without trailing semicolons and comments', () => {
    expect(check('  SELECT 1 ; -- done\n').queryString).toBe('SELECT 1');
    expect(check("SELECT ';' AS s;").queryString).toBe("SELECT ';' AS s");
    expect(check('-- why\nSELECT 1 /* end */').queryString).toBe(
      '-- why\nSELECT 1',
    );
  });

  it('names the databases the statement reads', () => {
    expect(
      check(
        'WITH t AS (SELECT * FROM "Vehicle_Trips_Prepared".trips) SELECT * FROM t JOIN warranty_claims_semantic.claims c ON true, vehicle_trips_prepared.vehicles',
      ).glueDatabases,
    ).toEqual(['vehicle_trips_prepared', 'warranty_claims_semantic']);
    expect(check('SELECT 1').glueDatabases).toEqual([]);
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
      ["SELECT 'unterminated", /unterminated string/],
      ['SELECT "unterminated', /unterminated quoted identifier/],
      ['SELECT 1 /* never closed', /unterminated \/\* comment/],
      ['; SELECT 1', /one statement/],
      ['* FROM t', /not a query/],
    ])('%s', (sql, message) => {
      const error = rejection(sql);
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
    ])('%s', (sql, message) => {
      const error = rejection(sql);
      expect(error.name).toBe('NotAllowedError');
      // A string is the whole message; a pattern the part that matters.
      expect(error.message).toMatch(
        typeof message === 'string' ? exactly(message) : message,
      );
    });

    it('refuses every table when the use case holds no grant at all', () => {
      expect(() =>
        checkAthenaSql('SELECT * FROM vehicle_trips_prepared.trips', []),
      ).toThrow(
        'The use case holds no grant on database "vehicle_trips_prepared" (granted: none)',
      );
    });
  });
});
