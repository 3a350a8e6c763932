/**
 * SQL macros the demo lake's column expressions use. Every value derives from the row
 * number `i` through DuckDB's hash(), so a generation is deterministic: the same lake
 * on every machine and in every test, without a random seed to keep in sync.
 */
// The demo's data spans the two weeks from 2026-10-19 (a Monday) to 2026-11-01, fixed so
// that every generation is identical.
const DAY0 = `DATE '2026-10-19'`;

export const DEMO_LAKE_MACROS = [
  // uniform number in [0, 1)
  `CREATE OR REPLACE MACRO u(i, salt) AS (hash(i, salt) % 1000000) / 1000000.0`,
  // deterministic choice from a list
  `CREATE OR REPLACE MACRO pick(xs, i, salt) AS xs[1 + (hash(i, salt) % len(xs))::BIGINT]`,
  // integer in [lo, hi]
  `CREATE OR REPLACE MACRO rint(i, salt, lo, hi) AS (lo + hash(i, salt) % (hi - lo + 1))::BIGINT`,
  // id of one of the fleet's vehicles, so VINs join across datasets
  `CREATE OR REPLACE MACRO vehicle_id(i, salt) AS (hash(i, salt) % 200000)::BIGINT`,
  // a 17-character VIN for a vehicle id (manufacturer prefix, check block, serial)
  `CREATE OR REPLACE MACRO vin(n) AS 'WBA' || upper(substr(md5(n::VARCHAR), 1, 6)) || lpad(n::VARCHAR, 8, '0')`,
  `CREATE OR REPLACE MACRO first_name(i, salt) AS pick(['James','Mary','Robert','Patricia','John','Jennifer','Michael','Linda','David','Elizabeth','William','Barbara','Richard','Susan','Joseph','Jessica','Thomas','Sarah','Chris','Karen','Daniel','Lisa','Matthew','Nancy','Anthony','Sandra','Mark','Ashley','Wei','Li','Jun','Mei','Hao','Xin','Yan','Lei'], i, salt)`,
  `CREATE OR REPLACE MACRO last_name(i, salt) AS pick(['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez','Martinez','Hernandez','Lopez','Gonzalez','Wilson','Anderson','Thomas','Taylor','Moore','Jackson','Martin','Lee','Wang','Zhang','Liu','Chen','Yang','Huang','Zhao','Wu','Zhou'], i, salt)`,
  `CREATE OR REPLACE MACRO model(i, salt) AS pick(['i4 eDrive40','iX xDrive50','X5 xDrive40i','3 Series 330i','5 Series 530e','X3 xDrive30e','i7 xDrive60','X1 sDrive18i','2 Series 220i','MINI Cooper SE'], i, salt)`,
  // a day of the demo's two weeks
  `CREATE OR REPLACE MACRO demo_day(i, salt) AS ${DAY0} + (hash(i, salt) % 14)::INTEGER`,
  // a moment (second precision) of the demo's two weeks
  `CREATE OR REPLACE MACRO demo_ts(i, salt) AS (${DAY0}::TIMESTAMP + to_seconds((hash(i, salt) % 1209600)::BIGINT))`,
  // the Monday of one of the 52 weeks up to and including the demo's first week
  `CREATE OR REPLACE MACRO demo_week(i, salt) AS ${DAY0} - 7 * (hash(i, salt) % 52)::INTEGER`,
  `CREATE OR REPLACE MACRO us_state(i, salt) AS pick(['CA','TX','NY','FL','WA','IL','NJ','GA','MA','AZ','CO','NC'], i, salt)`,
  `CREATE OR REPLACE MACRO cn_city(i, salt) AS pick(['Shanghai','Beijing','Shenzhen','Guangzhou','Chengdu','Hangzhou','Wuhan','Nanjing'], i, salt)`,
  `CREATE OR REPLACE MACRO eu_city(i, salt) AS pick(['Munich','Berlin','Hamburg','Stuttgart','Frankfurt','Cologne','Vienna','Zurich','Milan','Paris'], i, salt)`,
];
