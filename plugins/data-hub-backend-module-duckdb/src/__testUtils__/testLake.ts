import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { QueryGrant } from '@cloud-data-hub/data-hub-node';
import { literal, openDuckDB } from '../duckdb';

/** Orders without the PII column `vin` (and without `big`): what the tests' use case holds. */
export const ORDERS: QueryGrant = {
  datasetRef: 'dataset:default/us-sales-orders-source',
  glueDatabase: 'us_sales_orders_source',
  tables: [
    {
      name: 'orders',
      columns: ['order_id', 'amount', 'paid', 'order_ts', 'dt'],
    },
  ],
};

/** A small lake: `<lake>/<glue database>/<table>/<partition>/*.parquet`. */
export async function createTestLake() {
  const lake = await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-query-'));
  const db = await openDuckDB();
  const c = await db.connect();
  for (const [dir, partition, sql] of [
    [
      'us_sales_orders_source/orders',
      'dt',
      `SELECT 'O' || i AS order_id, 'WBA' || i AS vin, (i * 1.25)::DECIMAL(10,2) AS amount, i % 2 = 0 AS paid, TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (i) MINUTE AS order_ts, CASE WHEN i % 10 = 0 THEN NULL ELSE i * 1000000000000 END AS big, DATE '2026-01-01' + (i % 3)::INTEGER AS dt FROM range(1500) t(i)`,
    ],
    [
      'us_customer_crm_source/customers',
      'customer_id',
      `SELECT 'C' || i AS customer_id, 'secret' || i AS email FROM range(10) t(i)`,
    ],
  ]) {
    await fs.mkdir(path.join(lake, dir), { recursive: true });
    await c.run(
      `COPY (${sql}) TO ${literal(
        path.join(lake, dir),
      )} (FORMAT parquet, PARTITION_BY (${partition}), OVERWRITE_OR_IGNORE)`,
    );
  }
  c.closeSync();
  db.closeSync();
  const files = async (dir: string) =>
    (await fs.readdir(path.join(lake, dir), { recursive: true }))
      .filter(f => f.endsWith('.parquet'))
      .map(f => path.join(lake, dir, f));
  return {
    lake,
    locate: (glueDatabase: string, table: string) =>
      path.join(lake, glueDatabase, table),
    orderFiles: await files('us_sales_orders_source/orders'),
    customerFiles: await files('us_customer_crm_source/customers'),
    remove: () => fs.rm(lake, { recursive: true, force: true }),
  };
}
