/**
 * bench/glue-ingest: the Glue entity provider's real code over a synthetic Glue catalog of
 * 2,000 databases x 10 tables x 40 columns, served in pages of 100 over HTTP by a separate
 * process, compared with merely paging through the same responses with the same client.
 *
 *   yarn bench:glue-ingest
 *
 * Prints wall time, ms per 1,000 tables, the provider's peak RSS and the ratio
 * provider / paging (goal <= 1.3x, peak RSS <= 1 GB).
 */
import { fork } from 'node:child_process';
import pMap from 'p-map';
import { GlueCatalogReader } from '../plugins/catalog-backend-module-data-hub/src/providers/glue/GlueCatalogReader';
import { GlueDatasetEntityProvider } from '../plugins/catalog-backend-module-data-hub/src/providers/glue/GlueDatasetEntityProvider';
import { FakeGlueServer } from '../plugins/catalog-backend-module-data-hub/src/providers/glue/testing/FakeGlueServer';
import { syntheticGlue } from '../plugins/catalog-backend-module-data-hub/src/providers/glue/testing/syntheticGlue';

const DATABASES = 2000;
const TABLES = 10;
const COLUMNS = 40;
const CONCURRENCY = 8;

async function serve() {
  const server = new FakeGlueServer();
  const glue = syntheticGlue(DATABASES, TABLES, COLUMNS);
  server.databases = glue.databases;
  server.tables = glue.tables;
  process.send!({ endpoint: await server.start() });
}

const hub = {
  name: 'us',
  title: 'US',
  region: 'us-east-1',
  accountId: '222222222222',
  consumesFrom: ['us'],
};
const silent = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return silent;
  },
} as any;

function config(endpoint: string) {
  return {
    hub,
    region: hub.region,
    endpoint,
    schedule: { frequency: { minutes: 30 }, timeout: { minutes: 30 } },
    concurrency: CONCURRENCY,
    fullRefreshHours: 6,
  };
}

/** Only paging: the same client and requests, nothing done with the answers. */
async function pageOnly(endpoint: string) {
  const reader = GlueCatalogReader.forHub(config(endpoint));
  const started = performance.now();
  const databases = await reader.listDatabases();
  const counts = await pMap(
    databases,
    async db => (await reader.listTables(db.Name!)).length,
    { concurrency: CONCURRENCY },
  );
  return {
    ms: performance.now() - started,
    tables: counts.reduce((a, b) => a + b, 0),
  };
}

/** The provider's full refresh: paging, mapping to entities, applying a full mutation. */
async function provider(endpoint: string) {
  const cfg = config(endpoint);
  const p = new GlueDatasetEntityProvider(
    cfg,
    GlueCatalogReader.forHub(cfg),
    silent,
  );
  let applied = 0;
  await p.connect({
    async applyMutation(m: any) {
      applied = m.entities.length;
    },
    async refresh() {},
  });
  const started = performance.now();
  const stats = await p.refresh();
  const ms = performance.now() - started;
  // The next scheduled run with nothing changed: databases are listed by table name only.
  const again = performance.now();
  const incremental = await p.refresh();
  return {
    ms,
    tables: stats.tables,
    applied,
    incrementalMs: performance.now() - again,
    nameOnlyReads: incremental.nameOnlyReads,
  };
}

async function main() {
  process.env.AWS_ACCESS_KEY_ID ??= 'bench';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';
  const child = fork(__filename, ['serve'], { execArgv: process.execArgv });
  // (the TypeScript loader also talks over this channel: wait for our message)
  const endpoint = await new Promise<string>(resolve =>
    child.on('message', (m: any) => m?.endpoint && resolve(m.endpoint)),
  );
  if (!endpoint) throw new Error('the Glue test server did not start');
  try {
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);

    // Warm up both paths once, then alternate and keep each one's best of three.
    await pageOnly(endpoint);
    const paging: number[] = [];
    const providing: number[] = [];
    let last = { tables: 0, applied: 0, incrementalMs: 0, nameOnlyReads: 0 };
    for (let i = 0; i < 3; i++) {
      paging.push((await pageOnly(endpoint)).ms);
      const run = await provider(endpoint);
      providing.push(run.ms);
      last = run;
    }
    clearInterval(sampler);

    const best = (xs: number[]) => Math.min(...xs);
    const p = best(providing);
    const b = best(paging);
    console.log(
      `glue-ingest: ${DATABASES} databases x ${TABLES} tables x ${COLUMNS} columns, pages of 100, concurrency ${CONCURRENCY}`,
    );
    console.log(
      `  datasets applied:      ${last.applied} (${last.tables} tables)`,
    );
    console.log(
      `  provider wall time:    ${(p / 1000).toFixed(
        2,
      )} s (best of 3; all: ${providing
        .map(x => (x / 1000).toFixed(2))
        .join(', ')} s)`,
    );
    console.log(
      `  ms per 1,000 tables:   ${((p / last.tables) * 1000).toFixed(1)}`,
    );
    console.log(
      `  paging only:           ${(b / 1000).toFixed(
        2,
      )} s (best of 3; all: ${paging
        .map(x => (x / 1000).toFixed(2))
        .join(', ')} s)`,
    );
    console.log(
      `  ratio provider/paging: ${(p / b).toFixed(2)}x (goal <= 1.3x)`,
    );
    console.log(
      `  unchanged re-run:      ${(last.incrementalMs / 1000).toFixed(2)} s (${
        last.nameOnlyReads
      } databases listed by table name only)`,
    );
    console.log(
      `  peak RSS:              ${(peak / 2 ** 20).toFixed(
        0,
      )} MB (goal <= 1024 MB; ${(rssBefore / 2 ** 20).toFixed(0)} MB at start)`,
    );
  } finally {
    child.kill();
  }
}

if (process.argv[2] === 'serve') {
  serve();
} else {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
}
