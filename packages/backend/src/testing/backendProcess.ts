/**
 * The real demo backend (packages/backend/src/index.ts) as a separate OS process, for tests
 * that need more than one replica: started with node and Backstage's TypeScript transform
 * directly (no `backstage-cli package start`, so no file watcher and no restart on change),
 * in a process group of its own so it can be killed whole, its output kept in a log file.
 * Also: demo sign-in, JSON calls, and PostgreSQL administration of the plugin databases a
 * backend creates under a prefix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { Knex } from 'knex';
import type {
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface BackendProcess {
  name: string;
  port: number;
  /** `http://localhost:<port>/api` */
  api: string;
  pid: number;
  /** The log file's text (stdout and stderr of the process). */
  log(): string;
  /** Whether the process has exited. */
  exited(): boolean;
  /** Resolves once the process has exited. */
  exit: Promise<void>;
  /** Sends a signal to the whole process group. */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM (a graceful shutdown), SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node --require <Backstage's TS transform> src/index.ts --config ../../app-config.yaml
 * --config <each of configFiles>` in packages/backend, with NODE_ENV=development (as
 * `yarn start` sets it: the demo sign-in provider only works there).
 */
export function startBackendProcess(options: {
  name: string;
  /** packages/backend: the backend's working directory (app-config paths are relative to it). */
  cwd: string;
  port: number;
  configFiles: string[];
  logFile: string;
  env?: Record<string, string>;
}): BackendProcess {
  const out = fs.openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      ...options.configFiles.flatMap(f => ['--config', f]),
    ],
    {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        NODE_OPTIONS: '',
        ...options.env,
      },
    },
  );
  fs.closeSync(out);
  let done = false;
  const exit = new Promise<void>(resolve => {
    const ended = () => {
      done = true;
      resolve();
    };
    child.once('exit', ended);
    // Could not be started at all (the log file says nothing then).
    child.once('error', error => {
      fs.appendFileSync(options.logFile, `Could not start: ${error}\n`);
      ended();
    });
  });
  const signal = (s: NodeJS.Signals) => {
    if (done) return;
    try {
      process.kill(-child.pid!, s);
    } catch {
      // the group is gone already
    }
  };
  return {
    name: options.name,
    port: options.port,
    api: `http://localhost:${options.port}/api`,
    pid: child.pid!,
    log: () => {
      try {
        return fs.readFileSync(options.logFile, 'utf8');
      } catch {
        return '';
      }
    },
    exited: () => done,
    exit,
    signal,
    async stop(graceMs = 15_000) {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Waits until the backend answers Backstage's readiness check (all plugins started). */
export async function waitUntilReady(
  backend: BackendProcess,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.exited()) {
      throw new Error(
        `Backend ${backend.name} exited while starting:\n${backend
          .log()
          .slice(-5000)}`,
      );
    }
    const res = await fetch(
      `http://localhost:${backend.port}/.backstage/health/v1/readiness`,
    ).catch(() => undefined);
    if (res?.ok) return;
    await sleep(250);
  }
  throw new Error(
    `Backend ${backend.name} was not ready within ${timeoutMs} ms:\n${backend
      .log()
      .slice(-5000)}`,
  );
}

/** A Backstage token from the demo sign-in provider (retried while the catalog fills). */
export async function signIn(
  api: string,
  user: string,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    let res: Response;
    try {
      res = await fetch(`${api}/auth/demo/refresh`, {
        headers: { 'x-demo-user': user, 'X-Requested-With': 'XMLHttpRequest' },
      });
    } catch (error) {
      last = String(error);
      await sleep(500);
      continue;
    }
    if (res.ok) return ((await res.json()) as any).backstageIdentity.token;
    last = `${res.status} ${await res.text()}`;
    await sleep(500);
  }
  throw new Error(`Could not sign in as ${user} at ${api}: ${last}`);
}

export interface ApiResponse {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

/** One call of the backend's HTTP API as the token's user; JSON bodies parsed when they are JSON. */
export async function call(
  token: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<ApiResponse> {
  const res = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text, headers: res.headers };
}

/** The connection string with an `application_name`, so the server tells this process's sessions apart. */
export function withApplicationName(connection: string, name: string): string {
  const url = new URL(connection);
  url.searchParams.set('application_name', name);
  return url.toString();
}

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};
/** The client is destroyed by its user, not by a lifecycle. */
const noLifecycle: LifecycleService = {
  addStartupHook() {},
  addShutdownHook() {},
};

/**
 * A knex client of one PostgreSQL database (`postgres` for administration), through
 * Backstage's own database manager.
 */
export async function postgresClient(
  connection: string,
  database: string,
): Promise<Knex> {
  const manager = DatabaseManager.fromConfig(
    new ConfigReader({
      backend: {
        database: {
          client: 'pg',
          connection,
          plugin: { admin: { connection: { database }, ensureExists: false } },
        },
      },
    }),
  );
  return manager
    .forPlugin('admin', {
      logger: silentLogger,
      lifecycle: noLifecycle,
    })
    .getClient();
}

/** Drops every database whose name starts with the prefix (the plugin databases of a run). */
export async function dropDatabases(connection: string, prefix: string) {
  const admin = await postgresClient(connection, 'postgres');
  try {
    const { rows } = await admin.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${prefix.replace(/[\\%_]/g, c => `\\${c}`)}%`],
    );
    for (const { datname } of rows) {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

/** Whether PostgreSQL answers at the connection string. */
export async function postgresAnswers(connection: string): Promise<boolean> {
  let admin: Knex | undefined;
  try {
    admin = await postgresClient(connection, 'postgres');
    await admin.raw('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await admin?.destroy().catch(() => undefined);
  }
}
