import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { postgresAvailableOrNotCi } from './testing/pluginDatabases';
import {
  type ApiResponse,
  type BackendProcess,
  call,
  dropDatabases,
  freePort,
  postgresClient,
  signIn,
  sleep,
  startBackendProcess,
  waitUntilReady,
  withApplicationName,
} from './testing/backendProcess';

/*
 * Two replicas of the real backend (separate OS processes running packages/backend/src/index.ts)
 * on one PostgreSQL (the same plugin databases, under a fresh prefix dropped afterwards) and one
 * shared DuckDB results folder, driven only through the HTTP API with demo sign-in tokens: a
 * query run lives in the database and the shared folder, not in the process that ran it. Short
 * timings: heartbeat 1 s, interrupt after 3 s, scheduler rounds every second.
 *
 * Takes about 90 s on 2 cores (three backend starts). Skipped outside CI when no PostgreSQL
 * answers at BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING; set
 * CDH_REPLICAS_KEEP_FOLDER=1 to keep the replicas' logs and configs after the run.
 */

const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

/** Connects to argv[1]:argv[2]; exit code 0 when something accepts the connection. */
const TCP_PROBE = `
const socket = require('node:net').connect(Number(process.argv[2]), process.argv[1], () => process.exit(0));
socket.on('error', () => process.exit(1));
setTimeout(() => process.exit(1), 3000);`;

/**
 * Whether something accepts connections at the connection string's host and port. Synchronous
 * (a child process), since whether to skip is decided while jest collects the tests.
 */
function postgresReachable(connection: string | undefined): boolean {
  if (!connection) return false;
  const url = new URL(connection);
  const probe = spawnSync(
    process.execPath,
    ['-e', TCP_PROBE, url.hostname, url.port || '5432'],
    { timeout: 5000 },
  );
  return probe.status === 0;
}
const postgres = postgresReachable(PG) ? PG : undefined;

const HEARTBEAT_SECONDS = 1;
const INTERRUPT_AFTER_SECONDS = 3;
const WATCH_INTERVAL_SECONDS = 1;
const DEMO_LAKE_SCALE = 0.01; // 4,000 orders: every row fits in a few pages

const USE_CASE = 'system:default/us-marketing-360';
const DATASET = 'dataset:default/us-sales-orders-source';
/** A second grant, only for the expiry: alice's other team on a dataset owned by bob's team. */
const FLEET_USE_CASE = 'system:default/global-fleet-insights';
const VEHICLES = 'dataset:default/vehicle-master-source';

/** Every row of a granted table, in a known order. */
const ALL_ORDERS =
  'SELECT order_id, list_price_usd FROM orders ORDER BY order_id';
/** 4,000³ rows through one DuckDB thread: minutes, so it runs until it is cancelled or its process goes. */
const LONG_QUERY =
  'SELECT count(*) AS n, sum(a.list_price_usd - b.discount_usd + c.list_price_usd) AS s FROM orders a, orders b, orders c';

const DATA_HUB_TASKS = [
  'data-hub-access-expiry',
  'data-hub-access-reconcile',
  'data-hub-access-use-case-owners',
  'data-hub-query-results',
  'data-hub-query-runs',
];

jest.setTimeout(120_000);

/** Polls `probe` until it answers something other than undefined. */
async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

function expectStatus(res: ApiResponse, status: number) {
  if (res.status !== status) {
    throw new Error(
      `Expected HTTP ${status}, got ${res.status}: ${res.text.slice(0, 1000)}`,
    );
  }
}

it('runs against PostgreSQL in CI', () => {
  expect(postgresAvailableOrNotCi()).toBe(true);
  // The variable alone is not enough: in CI the server it names must answer too.
  expect(postgres !== undefined || !process.env.CI).toBe(true);
});

const describeWithPostgres = postgres ? describe : describe.skip;

describeWithPostgres(
  postgres
    ? 'two backend replicas on one PostgreSQL'
    : 'two backend replicas on one PostgreSQL (skipped: no PostgreSQL answers at BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING; CI requires it)',
  () => {
    const connection = postgres!;
    const prefix = `cdh_replicas_${Date.now()}_`;
    let tmp: string;
    let resultsDirectory: string;
    const backends: BackendProcess[] = [];
    let a: BackendProcess;
    let b: BackendProcess;
    let portA: number;
    let configA: string;
    let logA: string;
    let db: Knex | undefined;
    let alice: string;
    let bob: string;
    /** A run that succeeded on A (test 1), read again after A died and after it restarted. */
    let finishedOnA:
      | { id: string; rows: number; pages: unknown[][] }
      | undefined;
    let finishedBeforeKill: string | undefined;
    let finishedOnBWhileADown: string | undefined;
    let interruptedRun: string | undefined;
    let killedAt: Date | undefined;
    let restartedAt: Date | undefined;
    let stoppedBAt: Date | undefined;

    const api = (backend: BackendProcess) => `${backend.api}/data-hub`;
    const killAll = () => backends.forEach(p => p.signal('SIGKILL'));

    function writeConfig(name: string, port: number): string {
      const file = path.join(tmp, `app-config.${name}.yaml`);
      const config = {
        backend: {
          baseUrl: `http://localhost:${port}`,
          listen: { port },
          database: {
            client: 'pg',
            // Both replicas share every plugin database; the name tells their sessions apart.
            connection: withApplicationName(connection, `cdh_replica_${name}`),
            prefix,
          },
        },
        // Keep the search indexers out of the test's minutes (they would share the 2 cores).
        search: {
          collators: {
            catalog: { schedule: { initialDelay: { hours: 1 } } },
            dataHubDatasets: { schedule: { initialDelay: { hours: 1 } } },
          },
        },
        dataHub: {
          lineage: { demoReplay: false },
          access: { expiryIntervalSeconds: 1 },
          query: {
            heartbeatSeconds: HEARTBEAT_SECONDS,
            interruptAfterSeconds: INTERRUPT_AFTER_SECONDS,
            watchIntervalSeconds: WATCH_INTERVAL_SECONDS,
          },
          scaffolder: { localGitDirectory: path.join(tmp, 'git') },
          duckdb: {
            lakeDirectory: path.join(tmp, 'lake'),
            demoLake: { scale: DEMO_LAKE_SCALE },
            // One thread per run: the long query leaves a core to the other replica and to jest.
            query: { resultsDirectory, threads: 1, timeoutSeconds: 90 },
          },
        },
      };
      // JSON is YAML.
      fs.writeFileSync(file, JSON.stringify(config, null, 2));
      return file;
    }

    function start(
      name: string,
      port: number,
      config: string,
      logFile: string,
    ) {
      const backend = startBackendProcess({
        name,
        cwd: path.resolve(__dirname, '..'),
        port,
        configFiles: [config],
        logFile,
        // Temporary files of the process (DuckDB's pipe folders) go with the test's folder.
        env: { TMPDIR: path.join(tmp, 'os-tmp') },
      });
      backends.push(backend);
      return backend;
    }

    /** The task runs recorded by the trigger installed in beforeAll. */
    async function taskRuns(): Promise<
      Array<{
        task_id: string;
        ticket: string;
        runner: string;
        claimed_at: Date;
        released_at: Date | null;
      }>
    > {
      return db!('cdh_test_task_runs').select('*').orderBy('claimed_at');
    }

    /** No two runs of a task overlap, and each run was claimed by one replica. */
    async function expectRunsOnceAcrossReplicas() {
      const runs = await taskRuns();
      const tickets = runs.map(r => r.ticket);
      expect(new Set(tickets).size).toBe(tickets.length);
      for (const task of DATA_HUB_TASKS) {
        const own = runs.filter(r => r.task_id === task);
        for (let i = 1; i < own.length; i++) {
          // The previous run was released before the next one was claimed.
          expect(own[i - 1].released_at).not.toBeNull();
          expect(own[i - 1].released_at!.getTime()).toBeLessThanOrEqual(
            own[i].claimed_at.getTime(),
          );
        }
      }
      return runs;
    }

    beforeAll(async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdh-replicas-'));
      resultsDirectory = path.join(tmp, 'query-results');
      fs.mkdirSync(path.join(tmp, 'os-tmp'));
      portA = await freePort();
      let portB = await freePort();
      while (portB === portA) portB = await freePort();
      configA = writeConfig('a', portA);
      logA = path.join(tmp, 'a.log');

      // A first: it creates the plugin databases, runs the migrations and generates the demo
      // lake; B then starts on what A made (two fresh starts at once would race on those).
      a = start('a', portA, configA, logA);
      await waitUntilReady(a, 90_000);
      db = await postgresClient(connection, `${prefix}data-hub`);
      // Every claim and release of a scheduled task of the data hub, with the replica that made it.
      await db.raw(`
        CREATE TABLE cdh_test_task_runs (
          task_id text NOT NULL, ticket text NOT NULL, runner text NOT NULL,
          claimed_at timestamptz NOT NULL, released_at timestamptz)`);
      await db.raw(`
        CREATE FUNCTION cdh_test_record_task_run() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.current_run_ticket IS NOT NULL AND OLD.current_run_ticket IS NULL THEN
            INSERT INTO cdh_test_task_runs VALUES
              (NEW.id, NEW.current_run_ticket, current_setting('application_name'), clock_timestamp(), NULL);
          ELSIF OLD.current_run_ticket IS NOT NULL AND NEW.current_run_ticket IS NULL THEN
            UPDATE cdh_test_task_runs SET released_at = clock_timestamp() WHERE ticket = OLD.current_run_ticket;
          END IF;
          RETURN NEW;
        END $$`);
      await db.raw(`
        CREATE TRIGGER cdh_test_task_runs AFTER UPDATE ON backstage_backend_tasks__tasks
        FOR EACH ROW WHEN (NEW.id LIKE 'data-hub-%') EXECUTE FUNCTION cdh_test_record_task_run()`);

      b = start('b', portB, writeConfig('b', portB), path.join(tmp, 'b.log'));
      await waitUntilReady(b, 90_000);

      // Signed in on one replica, the tokens are good on the other (the signing keys are shared).
      alice = await signIn(a.api, 'alice-analyst');
      bob = await signIn(b.api, 'bob-owner');
      await until(
        'the catalog to know the datasets and use cases',
        60_000,
        async () => {
          const res = await call(
            alice,
            'GET',
            `${api(b)}/access/use-cases?datasetRef=${DATASET}`,
          );
          return res.status === 200 &&
            res.body.items.some((u: any) => u.useCaseRef === USE_CASE)
            ? true
            : undefined;
        },
      );

      // The demo ships no grant: alice asks on A, bob approves on B.
      const before = await call(
        alice,
        'GET',
        `${api(a)}/grants?useCaseRef=${USE_CASE}&state=live`,
      );
      if (before.body.items.length) {
        throw new Error(`Expected no grant yet, got ${before.text}`);
      }
      const requested = await call(alice, 'POST', `${api(a)}/access-requests`, {
        datasetRef: DATASET,
        useCaseRef: USE_CASE,
        justification: 'Campaign attribution across replicas',
        durationDays: 30,
      });
      expectStatus(requested, 201);
      const approved = await call(
        bob,
        'POST',
        `${api(b)}/access-requests/${requested.body.id}/approve`,
        {},
      );
      expectStatus(approved, 200);
      if (approved.body.state !== 'granted') {
        throw new Error(`The approval did not grant: ${approved.text}`);
      }
    }, 240_000);

    // Every step runs whatever failed before it; the first error is reported.
    afterAll(async () => {
      const errors: unknown[] = [];
      const step = (fn: () => Promise<unknown> | unknown) =>
        Promise.resolve()
          .then(fn)
          .catch(error => errors.push(error));
      await step(() => Promise.all(backends.map(p => p.stop(10_000))));
      await step(() => db?.destroy());
      await step(() => dropDatabases(connection, prefix));
      await step(() => {
        if (!tmp) return;
        if (process.env.CDH_REPLICAS_KEEP_FOLDER) {
          process.stdout.write(`Replica logs and configs kept in ${tmp}\n`);
        } else {
          fs.rmSync(tmp, { recursive: true, force: true });
        }
      });
      if (errors.length) throw errors[0];
    }, 60_000);

    // If jest goes away without afterAll (a crash), the backends must not outlive it.
    process.once('exit', killAll);

    it('serves a run submitted on A through B: status, every page, the CSV, and a cancel', async () => {
      const submitted = await call(alice, 'POST', `${api(a)}/queries`, {
        sql: ALL_ORDERS,
        useCaseRef: USE_CASE,
      });
      expectStatus(submitted, 201);
      const id = submitted.body.id;
      // Polled through B until it ended (it usually has by the time the submit answers).
      const run = await until('the run to end', 30_000, async () => {
        const res = await call(alice, 'GET', `${api(b)}/queries/${id}`);
        expectStatus(res, 200);
        return ['queued', 'running'].includes(res.body.state)
          ? undefined
          : res.body;
      });
      expect(run).toMatchObject({
        id,
        state: 'succeeded',
        result: 'available',
        datasets: [DATASET],
      });
      const rows = run.statistics.rows;
      expect(rows).toBe(Math.round(400_000 * DEMO_LAKE_SCALE));
      // The result is a file in the shared folder, which is how B can read it.
      expect(
        fs.existsSync(path.join(resultsDirectory, id, 'result.parquet')),
      ).toBe(true);

      // Every page through B.
      const pages: unknown[][] = [];
      for (let offset = 0; ; ) {
        const page = await call(
          alice,
          'GET',
          `${api(b)}/queries/${id}/results?offset=${offset}&limit=1000`,
        );
        expectStatus(page, 200);
        expect(page.body.columns.map((c: any) => c.name)).toEqual([
          'order_id',
          'list_price_usd',
        ]);
        expect(page.body.offset).toBe(offset);
        pages.push(...page.body.rows);
        offset += page.body.rows.length;
        if (!page.body.hasMore) break;
        expect(page.body.rows.length).toBe(1000);
      }
      expect(pages).toHaveLength(rows);
      const ids = pages.map(r => r[0] as string);
      expect(ids).toEqual([...ids].sort());
      // A pages the same rows.
      const pageOnA = await call(
        alice,
        'GET',
        `${api(a)}/queries/${id}/results?offset=1000&limit=5`,
      );
      expect(pageOnA.body.rows).toEqual(pages.slice(1000, 1005));

      // The CSV through B holds every row, in order.
      const csv = await call(
        alice,
        'GET',
        `${api(b)}/queries/${id}/results.csv`,
      );
      expectStatus(csv, 200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const lines = csv.text.trim().split('\n');
      expect(lines[0]).toBe('order_id,list_price_usd');
      expect(lines).toHaveLength(rows + 1);
      expect(lines.slice(1).map(l => l.split(',')[0])).toEqual(ids);
      finishedOnA = { id, rows, pages };

      // A long run on A: B sees it running past the interrupt window (A's heartbeats keep it
      // alive), refuses its results while it runs, and cancels it through the database.
      const long = await call(alice, 'POST', `${api(a)}/queries`, {
        sql: LONG_QUERY,
        useCaseRef: USE_CASE,
      });
      expectStatus(long, 201);
      expect(long.body.state).toBe('running');
      const watchedUntil = Date.now() + (INTERRUPT_AFTER_SECONDS + 1.5) * 1000;
      while (Date.now() < watchedUntil) {
        const res = await call(
          alice,
          'GET',
          `${api(b)}/queries/${long.body.id}`,
        );
        expect(res.body.state).toBe('running');
        await sleep(500);
      }
      const early = await call(
        alice,
        'GET',
        `${api(b)}/queries/${long.body.id}/results`,
      );
      expectStatus(early, 409);
      expect(early.body.error.message).toMatch(/still running/);

      const cancelAsked = Date.now();
      const cancelled = await call(
        alice,
        'POST',
        `${api(b)}/queries/${long.body.id}/cancel`,
      );
      expectStatus(cancelled, 200);
      // A sees the request at its next heartbeat; the cancel answers once the run ended.
      expect(cancelled.body.state).toBe('cancelled');
      expect(Date.now() - cancelAsked).toBeLessThan(5_000);
      for (const backend of [a, b]) {
        const res = await call(
          alice,
          'GET',
          `${api(backend)}/queries/${long.body.id}`,
        );
        expect(res.body).toMatchObject({ state: 'cancelled' });
        expect(res.body.finishedAt).toBeDefined();
      }
      const none = await call(
        alice,
        'GET',
        `${api(b)}/queries/${long.body.id}/results`,
      );
      expectStatus(none, 400);
      expect(none.body.error.message).toMatch(/cancelled; it has no results/);
    });

    it('runs scheduled work once across both replicas: an expiring grant ends with exactly one record', async () => {
      // Each scheduled task of the data hub is one row of the scheduler's table in the shared
      // database (global tasks, not one per process).
      const tasks = await db!('backstage_backend_tasks__tasks')
        .where('id', 'like', 'data-hub-%')
        .select('id');
      expect(tasks.map(t => t.id).sort()).toEqual(DATA_HUB_TASKS);

      // A live grant for alice's other team, requested on B, approved on A.
      const requested = await call(alice, 'POST', `${api(b)}/access-requests`, {
        datasetRef: VEHICLES,
        useCaseRef: FLEET_USE_CASE,
        justification: 'Fleet analytics, expiring soon',
        durationDays: 1,
      });
      expectStatus(requested, 201);
      const approved = await call(
        bob,
        'POST',
        `${api(a)}/access-requests/${requested.body.id}/approve`,
        {},
      );
      expect(approved.body.state).toBe('granted');
      const grantId = approved.body.grantId;
      const run = await call(alice, 'POST', `${api(b)}/queries`, {
        sql: 'SELECT count(*) AS n FROM vehicles',
        useCaseRef: FLEET_USE_CASE,
      });
      expectStatus(run, 201);
      expect(run.body.state).toBe('succeeded');

      // A grant's shortest duration is a day: let its time run out in the database instead of
      // waiting. The expiry job (every second, on whichever replica claims it) ends it.
      await db!('access_grants')
        .where({ id: grantId })
        .update({ expires_at: new Date(Date.now() + 1000) });
      const expired = await until('the grant to expire', 20_000, async () => {
        const res = await call(
          alice,
          'GET',
          `${api(a)}/grants?useCaseRef=${FLEET_USE_CASE}`,
        );
        const grant = res.body.items.find((g: any) => g.id === grantId);
        return grant?.state === 'expired' ? grant : undefined;
      });
      expect(expired.endedBy).toBe('system:data-hub/expiry');
      // Several more rounds of the job on both replicas change nothing.
      await sleep(3_000);
      const audit = await call(
        alice,
        'GET',
        `${api(b)}/audit?requestId=${requested.body.id}&limit=100`,
      );
      expectStatus(audit, 200);
      expect(
        audit.body.items.filter((e: any) => e.action === 'grant.expired'),
      ).toHaveLength(1);
      const logged = (a.log() + b.log()).match(/Expired 1 grant\(s\)/g) ?? [];
      expect(logged).toHaveLength(1);
      // The run's output is no longer served, by either replica.
      for (const backend of [a, b]) {
        const res = await call(
          alice,
          'GET',
          `${api(backend)}/queries/${run.body.id}/results`,
        );
        expectStatus(res, 403);
        expect(res.body.error.message).toMatch(
          /has ended \(revoked or expired\)/,
        );
      }

      // The scheduler's own record of the runs: never two at once, each by one replica, and
      // about one per second for the 1-second jobs (each replica running its own would double it).
      const runs = await expectRunsOnceAcrossReplicas();
      const expiryRuns = runs.filter(
        r => r.task_id === 'data-hub-access-expiry',
      );
      const seconds = (Date.now() - expiryRuns[0].claimed_at.getTime()) / 1000;
      expect(expiryRuns.length).toBeGreaterThan(seconds / 4);
      expect(expiryRuns.length).toBeLessThanOrEqual(seconds + 2);
      // A ran the data hub's jobs alone before B started.
      expect(runs.some(r => r.runner === 'cdh_replica_a')).toBe(true);
    });

    it('when A is killed, B reports its running query interrupted and still serves what A finished', async () => {
      expect(finishedOnA).toBeDefined();
      const finished = await call(alice, 'POST', `${api(a)}/queries`, {
        sql: ALL_ORDERS,
        useCaseRef: USE_CASE,
      });
      expect(finished.body.state).toBe('succeeded');
      finishedBeforeKill = finished.body.id;
      const long = await call(alice, 'POST', `${api(a)}/queries`, {
        sql: LONG_QUERY,
        useCaseRef: USE_CASE,
      });
      expectStatus(long, 201);
      expect(long.body.state).toBe('running');
      interruptedRun = long.body.id;
      await sleep(HEARTBEAT_SECONDS * 1500);

      // SIGKILL: no shutdown hook runs, the run is simply no longer reported alive.
      killedAt = new Date();
      a.signal('SIGKILL');
      await a.exit;
      // Did A die holding the watch job? Backstage's scheduler then keeps that job claimed
      // until its timeout, and only a read of the run (which checks its heartbeat too) ends
      // it within the window. Otherwise nobody reads it: B's scheduled job alone must end it.
      const watchHeldByA = await db!('cdh_test_task_runs')
        .where({ task_id: 'data-hub-query-runs', runner: 'cdh_replica_a' })
        .whereNull('released_at')
        .first();
      await until(
        'the run to end',
        (INTERRUPT_AFTER_SECONDS + 10) * 1000,
        async () => {
          if (watchHeldByA) {
            const res = await call(
              alice,
              'GET',
              `${api(b)}/queries/${interruptedRun}`,
            );
            expectStatus(res, 200);
            return res.body.state === 'running' ? undefined : true;
          }
          const row = await db!('query_runs')
            .where({ id: interruptedRun })
            .first();
          return row.state === 'running' ? undefined : true;
        },
        100,
      );
      const after = Date.now() - killedAt.getTime();
      // Not before the window (the last heartbeat was at most a beat before the kill), and
      // within it: the last heartbeat plus the window, plus a round of the job.
      expect(after).toBeGreaterThanOrEqual(
        (INTERRUPT_AFTER_SECONDS - HEARTBEAT_SECONDS) * 1000 - 1000,
      );
      expect(after).toBeLessThanOrEqual(
        (INTERRUPT_AFTER_SECONDS + WATCH_INTERVAL_SECONDS) * 1000 + 2000,
      );
      // B reports it, with what happened and what to do.
      const ended = await call(
        alice,
        'GET',
        `${api(b)}/queries/${interruptedRun}`,
      );
      expectStatus(ended, 200);
      expect(ended.body.state).toBe('interrupted');
      expect(ended.body.error.message).toBe(
        'The backend process running this query stopped (a restart or a crash) before it ended; run it again',
      );
      expect(ended.body.finishedAt).toBeDefined();
      const noResults = await call(
        alice,
        'GET',
        `${api(b)}/queries/${interruptedRun}/results`,
      );
      expectStatus(noResults, 400);
      expect(noResults.body.error.message).toMatch(
        /interrupted; it has no results: run it again/,
      );

      // What A finished is still paged and downloaded, through B.
      for (const id of [finishedOnA!.id, finishedBeforeKill!]) {
        const page = await call(
          alice,
          'GET',
          `${api(b)}/queries/${id}/results?offset=3990&limit=100`,
        );
        expectStatus(page, 200);
        expect(page.body.rows).toEqual(finishedOnA!.pages.slice(3990));
        expect(page.body.hasMore).toBe(false);
        const csv = await call(
          alice,
          'GET',
          `${api(b)}/queries/${id}/results.csv`,
        );
        expectStatus(csv, 200);
        expect(csv.text.trim().split('\n')).toHaveLength(finishedOnA!.rows + 1);
      }
      // B goes on running queries alone.
      const onB = await call(alice, 'POST', `${api(b)}/queries`, {
        sql: ALL_ORDERS,
        useCaseRef: USE_CASE,
      });
      expect(onB.body.state).toBe('succeeded');
      finishedOnBWhileADown = onB.body.id;

      // B took over the scheduled jobs (all but one A may have held at the kill).
      await sleep(2 * WATCH_INTERVAL_SECONDS * 1000);
      const runs = await expectRunsOnceAcrossReplicas();
      const takenOver = (task: string) =>
        runs.some(
          r =>
            r.task_id === task &&
            r.runner === 'cdh_replica_b' &&
            r.claimed_at > killedAt!,
        );
      // The watch job (unless A died holding it), and at least one of the 1-second jobs.
      expect(Boolean(watchHeldByA) || takenOver('data-hub-query-runs')).toBe(
        true,
      );
      expect(
        takenOver('data-hub-query-runs') || takenOver('data-hub-access-expiry'),
      ).toBe(true);
    });

    it('a restarted A serves the runs finished before the kill too', async () => {
      expect(interruptedRun).toBeDefined();
      a = start('a', portA, configA, logA);
      await waitUntilReady(a, 90_000);
      restartedAt = new Date();
      // The token alice got from A before it died is still good.
      for (const id of [
        finishedOnA!.id,
        finishedBeforeKill!,
        finishedOnBWhileADown!,
      ]) {
        const status = await call(alice, 'GET', `${api(a)}/queries/${id}`);
        expectStatus(status, 200);
        expect(status.body).toMatchObject({
          state: 'succeeded',
          result: 'available',
        });
        const pages: unknown[][] = [];
        for (let offset = 0; ; ) {
          const page = await call(
            alice,
            'GET',
            `${api(a)}/queries/${id}/results?offset=${offset}&limit=2000`,
          );
          expectStatus(page, 200);
          pages.push(...page.body.rows);
          offset += page.body.rows.length;
          if (!page.body.hasMore) break;
        }
        expect(pages).toEqual(finishedOnA!.pages);
        const csv = await call(
          alice,
          'GET',
          `${api(a)}/queries/${id}/results.csv`,
        );
        expectStatus(csv, 200);
        expect(csv.text.trim().split('\n')).toHaveLength(finishedOnA!.rows + 1);
      }
      // The interrupted run stays interrupted.
      const interrupted = await call(
        alice,
        'GET',
        `${api(a)}/queries/${interruptedRun}`,
      );
      expect(interrupted.body.state).toBe('interrupted');
      // And the history, on either replica, is the same list.
      const historyA = await call(alice, 'GET', `${api(a)}/queries?limit=50`);
      const historyB = await call(alice, 'GET', `${api(b)}/queries?limit=50`);
      expect(historyA.body).toEqual(historyB.body);
    });

    it('a replica shutting down ends its running query as interrupted at once', async () => {
      expect(restartedAt).toBeDefined();
      const long = await call(alice, 'POST', `${api(b)}/queries`, {
        sql: LONG_QUERY,
        useCaseRef: USE_CASE,
      });
      expectStatus(long, 201);
      expect(long.body.state).toBe('running');
      stoppedBAt = new Date();
      await b.stop();
      const res = await call(alice, 'GET', `${api(a)}/queries/${long.body.id}`);
      expect(res.body.state).toBe('interrupted');
      expect(res.body.error.message).toBe(
        'The backend restarted while this query ran; run it again',
      );
      // Marked by B's shutdown, not by A after the interrupt window.
      expect(
        new Date(res.body.finishedAt).getTime() - stoppedBAt.getTime(),
      ).toBeLessThan(INTERRUPT_AFTER_SECONDS * 1000);

      // A runs the jobs alone now, and over the whole test no run of a job overlapped another.
      await sleep(2 * WATCH_INTERVAL_SECONDS * 1000);
      const runs = await expectRunsOnceAcrossReplicas();
      const aloneOnA = ['data-hub-query-runs', 'data-hub-access-expiry'].filter(
        task =>
          runs.some(
            r =>
              r.task_id === task &&
              r.runner === 'cdh_replica_a' &&
              r.claimed_at > stoppedBAt!,
          ),
      );
      expect(aloneOnA.length).toBeGreaterThan(0);
    });
  },
);
