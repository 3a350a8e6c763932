import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { QueryGrant, QueryStartRequest } from '@cloud-data-hub/data-hub-node';
import { openDuckDB } from '../duckdb';
import { LocalGrantStore } from '../grants/LocalGrantStore';
import { DuckDBQueryEngine } from './DuckDBQueryEngine';
import { ORDERS, createTestLake } from '../__testUtils__/testLake';
import { checkSql } from './SqlGuard';

jest.setTimeout(600_000);
const USE_CASE = 'system:default/us-marketing-360';
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const LIMITS = {
  memoryLimit: '256MB', threads: 2, maxRows: 1000, maxResultBytes: 64 * 1024 * 1024, maxRetainedBytes: 256 * 1024 * 1024,
  timeoutSeconds: Number(process.env.ZZ_TIMEOUT ?? 5), downloadTimeoutSeconds: 30, resultRetentionMinutes: 5, maxRetainedQueries: 50,
};

it('attacks', async () => {
  const testLake = await createTestLake();
  const lake = testLake.lake;
  const knex = await databases.init('SQLITE_3');
  const store = await LocalGrantStore.create(knex, resolvePackagePath('@cloud-data-hub/data-hub-backend-module-duckdb', 'migrations'));
  await store.replace(USE_CASE, 'us_sales_orders_source', ORDERS.tables, 'g1');
  const engine = new DuckDBQueryEngine({ grants: store, locate: testLake.locate, limits: LIMITS });
  const parserDb = await openDuckDB({ threads: 1 });
  const parser = await parserDb.connect();
  const input = JSON.parse(fs.readFileSync(process.env.ZZ_IN ?? '/tmp/zz/attacks.json', 'utf8')) as Array<{ name: string; sql?: string; probe?: string; js?: string }>;
  const file = testLake.orderFiles[0];
  const dir = path.join(lake, 'us_sales_orders_source/orders');
  const sub = (s: string) => s.replace(/FILE/g, file).replace(/DIR/g, dir).replace(/LAKE/g, lake);
  const out: any[] = [];
  const request = (sql: string, grants: QueryGrant[] = [ORDERS]): QueryStartRequest => ({ sql, grants, userRef: 'user:default/alice', useCase: { entityRef: USE_CASE, hub: 'us' } });
  for (const item of input) {
    const r: any = { name: item.name };
    if (item.probe !== undefined) {
      try {
        const rd = await parser.runAndReadAll(sub(item.probe));
        r.probe = JSON.stringify(rd.getRowsJson()).slice(0, 40000);
      } catch (e: any) { r.probeError = String(e.message).slice(0, 1000); }
      out.push(r); console.log(JSON.stringify(r)); continue;
    }
    let sql = item.js ? String(eval(item.js)) : sub(item.sql!);
    r.sqlLen = sql.length;
    const t0 = Date.now();
    try {
      await checkSql(parser, sql, [ORDERS]);
      r.sqlGuard = 'pass';
    } catch (e: any) { r.sqlGuard = `${e.name}: ${String(e.message).slice(0, 300)}`; }
    r.sqlGuardMs = Date.now() - t0;
    const t1 = Date.now();
    let maxGap = 0; let last = Date.now();
    const ticker = setInterval(() => { maxGap = Math.max(maxGap, Date.now() - last); last = Date.now(); }, 5);
    const cap = Number(process.env.ZZ_CAP ?? 60000);
    try {
      const started: any = await Promise.race([engine.start(request(sql)), new Promise((_, rej) => setTimeout(() => rej(new Error('HARNESS: start() did not return within ' + cap + ' ms')), cap))]);
      r.reads = started.reads;
      for (const t2 = Date.now();;) {
        if (Date.now() - t2 > cap) { r.state = 'HARNESS: still running after cap'; break; }
        const status = await engine.status(started.queryId);
        if (status.state !== 'running' && status.state !== 'queued') { r.state = status.state; r.error = status.error; break; }
        await new Promise(res => setTimeout(res, 20));
      }
      if (r.state === 'succeeded') {
        const page = await engine.page(started.queryId, 0, 8);
        r.columns = page.columns.map(c => c.name);
        r.rows = JSON.stringify(page.rows).slice(0, Number(process.env.ZZ_ROWLEN ?? 1500));
        r.leak = /WBA|secret|cdh-query|\.parquet|allowed/.test(JSON.stringify(page.rows));
      }
    } catch (e: any) {
      r.startError = `${e.name}: ${String(e.message).slice(0, 400)}`;
      if (item.sql && r.sqlGuard === 'pass') r.DIFFERENTIAL = /would read/.test(e.message);
    }
    clearInterval(ticker);
    r.maxEventLoopGapMs = maxGap;
    r.ms = Date.now() - t1;
    r.heapMB = Math.round(process.memoryUsage().heapUsed / 1e6);
    r.rssMB = Math.round(process.memoryUsage().rss / 1e6);
    out.push(r); console.log(JSON.stringify(r));
  }
  fs.writeFileSync(process.env.ZZ_OUT ?? '/tmp/zz/out.json', JSON.stringify(out, null, 1));
  parser.closeSync(); parserDb.closeSync();
  engine.close();
  await testLake.remove();
});
