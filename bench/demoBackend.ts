/**
 * What the benches share: the real demo backend (`yarn workspace backend start`) on port 7017
 * with a database of its own — SQLite files in a temporary folder, or a fresh set of PostgreSQL
 * databases dropped afterwards — demo sign-in, and a live grant made the way a person makes one:
 * a request by alice-analyst, approved by bob-owner.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';

/** 7017 like the other benches; `BENCH_PORT` moves it when another bench holds that port. */
export const PORT = Number(process.env.BENCH_PORT ?? 7017);
export const BASE = `http://localhost:${PORT}/api`;
export const root = path.resolve(__dirname, '..');
export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
export const PG =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres:postgres@127.0.0.1:5432';

export async function signIn(user: string): Promise<string> {
  for (let i = 0; i < 180; i++) {
    const res = await fetch(`${BASE}/auth/demo/refresh`, {
      headers: { 'x-demo-user': user, 'X-Requested-With': 'XMLHttpRequest' },
    }).catch(() => undefined);
    if (res?.ok) return ((await res.json()) as any).backstageIdentity.token;
    await sleep(1000);
  }
  throw new Error(`Could not sign in as ${user}`);
}

export async function call(
  token: string,
  method: string,
  url: string,
  body?: unknown,
) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: any = await res.json().catch(() => undefined);
  return { status: res.status, body: json };
}

export interface BackendOptions {
  /** `sqlite` (default): files in a temporary folder; `postgres`: databases named by a fresh prefix. */
  database?: 'sqlite' | 'postgres';
  /** More YAML lines under `backend:` (indented by two spaces), e.g. `auth.externalAccess`. */
  backend?: string[];
  /** More top-level YAML lines, e.g. catalog locations. */
  config?: string[];
}

/**
 * A config on top of app-config.yaml: port 7017, a database of the bench's own (so a portal
 * running on 7007 keeps its database to itself), and the search indexers pushed out of the
 * measured minutes (they would otherwise share the 2 cores with the work measured).
 */
async function writeConfig(
  dir: string,
  options: BackendOptions,
  prefix: string,
) {
  const file = path.join(dir, 'app-config.bench.yaml');
  const database =
    options.database === 'postgres'
      ? [
          '    client: pg',
          `    connection: ${JSON.stringify(PG)}`,
          `    prefix: ${prefix}`,
        ]
      : [
          '    client: better-sqlite3',
          `    connection: { directory: ${JSON.stringify(
            path.join(dir, 'database'),
          )} }`,
        ];
  await fs.writeFile(
    file,
    [
      'backend:',
      `  baseUrl: http://localhost:${PORT}`,
      `  listen: { port: ${PORT} }`,
      '  database:',
      ...database,
      ...(options.backend ?? []),
      'search:',
      '  collators:',
      '    catalog:',
      '      schedule: { frequency: { hours: 6 }, timeout: { minutes: 15 }, initialDelay: { hours: 1 } }',
      '    dataHubDatasets:',
      '      schedule: { frequency: { hours: 6 }, timeout: { minutes: 15 }, initialDelay: { hours: 1 } }',
      ...(options.config ?? []),
    ].join('\n'),
  );
  return file;
}

/** Removes the PostgreSQL databases a backend created (one per plugin, named by the prefix). */
async function dropDatabases(prefix: string) {
  const db = knexFactory({ client: 'pg', connection: PG });
  try {
    const { rows } = await db.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows)
      await db.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await db.destroy();
  }
}

export interface Backend {
  /** PostgreSQL database prefix (postgres only). */
  prefix: string;
  log(): string;
  /** The backend's own node process (a descendant of the spawned yarn). */
  pid(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the demo backend as its own process group, so it can be stopped whole. */
export async function startBackend(
  options: BackendOptions = {},
): Promise<Backend> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-bench-'));
  const prefix = `cdh_bench_${Date.now()}_`;
  const config = await writeConfig(dir, options, prefix);
  const child = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      config,
    ],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        // BENCH_LOG_LEVEL=info logs every request, to count the calls behind each one.
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        NODE_OPTIONS: process.env.BENCH_BACKEND_NODE_OPTIONS ?? '',
      },
    },
  );
  let log = '';
  child.stdout!.on('data', d => (log = (log + d).slice(-20_000)));
  child.stderr!.on('data', d => (log = (log + d).slice(-20_000)));
  return {
    prefix,
    log: () => log,
    pid: () => listeningPid(child.pid!, PORT),
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        // gone already
      }
      for (
        let i = 0;
        i < 50 && child.exitCode === null && child.signalCode === null;
        i++
      )
        await sleep(200);
      await fs.rm(dir, { recursive: true, force: true });
      if (options.database === 'postgres') await dropDatabases(prefix);
    },
  };
}

async function descendants(pid: number): Promise<number[]> {
  const all: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    const tasks = await fs
      .readdir(`/proc/${parent}/task`)
      .catch(() => [] as string[]);
    for (const task of tasks) {
      const children = await fs
        .readFile(`/proc/${parent}/task/${task}/children`, 'utf8')
        .catch(() => '');
      for (const c of children.split(' ').filter(Boolean).map(Number)) {
        all.push(c);
        queue.push(c);
      }
    }
  }
  return all;
}

/**
 * The descendant of `rootPid` that listens on `port`: the socket's inode from /proc/net/tcp(6),
 * then the process holding it among the descendants.
 */
async function listeningPid(rootPid: number, port: number): Promise<number> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await fs.readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is ip:port, st 0A is LISTEN, inode is the 10th field.
      if (f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A') inodes.add(f[9]);
    }
  }
  for (const pid of await descendants(rootPid)) {
    const fds = await fs.readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return pid;
    }
  }
  throw new Error(`No descendant of ${rootPid} listens on port ${port}`);
}

/** VmRSS of a process in bytes. */
export async function rssOf(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

/** Waits until the catalog has the dataset and the use case (the demo lake registers after start). */
export async function waitForCatalog(
  token: string,
  datasetName: string,
  useCaseName: string,
) {
  for (let i = 0; i < 600; i++) {
    const res = await fetch(
      `${BASE}/catalog/entities/by-query?filter=kind=dataset,metadata.name=${datasetName}&filter=kind=system,metadata.name=${useCaseName}&limit=10`,
      { headers: { Authorization: `Bearer ${token}` } },
    ).catch(() => undefined);
    const items = res?.ok ? ((await res.json()) as any).items : [];
    if (items.length === 2) return;
    await sleep(1000);
  }
  throw new Error(
    `The catalog did not register ${datasetName} and ${useCaseName} in time`,
  );
}

/**
 * A live grant of the use case on the dataset: requested by alice-analyst (with `tables`, PII
 * columns named explicitly; default: every non-PII column) and approved by bob-owner.
 */
export async function grant(
  tokens: { alice: string; bob: string },
  datasetRef: string,
  useCaseRef: string,
  tables?: Array<{ name: string; columns?: string[] }>,
) {
  const created = await call(
    tokens.alice,
    'POST',
    '/data-hub/access-requests',
    {
      datasetRef,
      useCaseRef,
      tables,
      justification: 'Benchmark of the query API',
      durationDays: 30,
    },
  );
  if (created.status !== 201)
    throw new Error(
      `Access request: ${created.status} ${created.body?.error?.message}`,
    );
  const approved = await call(
    tokens.bob,
    'POST',
    `/data-hub/access-requests/${created.body.id}/approve`,
    {},
  );
  if (approved.status !== 200 || approved.body.state !== 'granted') {
    throw new Error(
      `Approval: ${approved.status} ${
        approved.body?.error?.message ?? approved.body?.grantError
      }`,
    );
  }
  return approved.body;
}

/** Submits a query and polls it until it ends; throws with the backend's message on failure. */
export async function runQuery(token: string, sql: string, useCaseRef: string) {
  let run = await call(token, 'POST', '/data-hub/queries', { sql, useCaseRef });
  if (run.status !== 201)
    throw new Error(`Submit: ${run.status} ${run.body?.error?.message}`);
  while (run.body.state === 'running' || run.body.state === 'queued') {
    await sleep(100);
    run = await call(token, 'GET', `/data-hub/queries/${run.body.id}`);
  }
  if (run.body.state !== 'succeeded')
    throw new Error(`Query ${run.body.state}: ${run.body.error?.message}`);
  return run.body;
}

export function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/** CPU seconds a process has used (utime + stime from /proc/<pid>/stat). */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks of 10 ms
}

/**
 * Waits (up to 3 minutes) until the backend uses under 10% of a core over 2 seconds. Asks for
 * its process each time: `backstage-cli package start` restarts it when a source file changes.
 */
export async function waitForIdle(pid: () => Promise<number>) {
  for (let i = 0; i < 90; i++) {
    try {
      const id = await pid();
      const before = await cpuSeconds(id);
      await sleep(2000);
      if ((await cpuSeconds(id)) - before < 0.2) return;
    } catch {
      await sleep(2000); // restarting
    }
  }
  console.log('  (the backend did not go idle in 3 minutes; measuring anyway)');
}
