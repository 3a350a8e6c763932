import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { runEvent } from '../__testUtils__/lineageFixtures';
import { isoTimestamp as iso } from '../database/isoTimestamp';
import { keyOf, LineageStore } from './LineageStore';
import type { RunEvent, RunEventType } from './openLineage';
import { TERMINAL_STATES } from './openLineage';
import { nextRunState } from './runState';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

it('runs the store tests against PostgreSQL in CI', () => {
  expect(databases.supports('POSTGRES_15') || !process.env.CI).toBe(true);
});

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const JOB = { namespace: 'spark-jobs', name: 'copy' };
const SOURCE = { namespace: 's3://source', name: 'signals' };
const TARGET = { namespace: 's3://target', name: 'trips' };

const event = (
  eventType: string,
  seconds: number,
  runId: string,
  extra: Partial<Parameters<typeof runEvent>[0]> = {},
) =>
  runEvent({
    eventType,
    eventTime: at(seconds),
    runId,
    job: JOB,
    inputs: [SOURCE],
    outputs: [TARGET],
    ...extra,
  }) as RunEvent;

/** Column lineage of `fields` output fields, each read from `inputs` input fields. */
const columnLineage = (fields: number, inputs: number) => ({
  columnLineage: {
    _producer: 'https://example.com/test',
    _schemaURL:
      'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
    fields: Object.fromEntries(
      Array.from({ length: fields }, (_, f) => [
        `out_${f}`,
        {
          inputFields: Array.from({ length: inputs }, (__, i) => ({
            ...SOURCE,
            field: `in_${i}`,
            transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
          })),
        },
      ]),
    ),
  },
});

/** A seeded random generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What applying each event on its own (the intake before it was set-based) leaves in
 * `lineage_runs` and `lineage_jobs`: every request's events sorted by job and run, then one
 * at a time.
 */
function reference(requests: RunEvent[][]) {
  const runs = new Map<string, Record<string, unknown>>();
  const jobs = new Map<string, Record<string, unknown>>();
  for (const request of requests) {
    const ordered = request
      .map(e => ({
        e,
        key: `${keyOf(e.job.namespace, e.job.name)}/${e.run.runId}`,
      }))
      .sort((a, b) => (a.key < b.key ? -1 : Number(a.key > b.key)))
      .map(({ e }) => e);
    for (const e of ordered) {
      const time = Date.parse(e.eventTime);
      const state = (e.eventType ?? 'OTHER') as RunEventType;
      const jobId = keyOf(e.job.namespace, e.job.name);
      const job = jobs.get(jobId);
      if (!job || (job.updatedAt as number) < time)
        jobs.set(jobId, {
          producer: e.producer,
          facets: e.job.facets ? JSON.stringify(e.job.facets) : null,
          updatedAt: time,
        });
      const run = runs.get(e.run.runId);
      if (!run) {
        runs.set(e.run.runId, {
          state,
          stateTime: time,
          startedAt: state === 'START' ? time : undefined,
          endedAt: TERMINAL_STATES.has(state) ? time : undefined,
          producer: e.producer,
        });
        continue;
      }
      const next = nextRunState(
        { state: run.state as RunEventType, at: run.stateTime as number },
        { state, at: time },
      );
      if (next.state !== run.state || next.at !== run.stateTime) {
        run.state = next.state;
        run.stateTime = next.at;
        run.endedAt = TERMINAL_STATES.has(next.state) ? next.at : undefined;
      }
      if (
        state === 'START' &&
        (run.startedAt === undefined || time < (run.startedAt as number))
      )
        run.startedAt = time;
    }
  }
  return { runs: Object.fromEntries(runs), jobs: Object.fromEntries(jobs) };
}

describe.each(databases.eachSupportedId())('LineageStore on %s', databaseId => {
  let knex: Knex;
  let store: LineageStore;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({
      directory: path.resolve(__dirname, '../../migrations'),
      tableName: 'data_hub_knex_migrations',
    });
    store = new LineageStore(knex);
  });

  const stored = async () => {
    const runs = await knex('lineage_runs');
    const jobs = await knex('lineage_jobs');
    const ms = (v: unknown) => {
      const s = iso(v);
      return s === undefined ? undefined : Date.parse(s);
    };
    return {
      runs: Object.fromEntries(
        runs.map(r => [
          r.run_id,
          {
            state: r.state,
            stateTime: ms(r.state_time),
            startedAt: ms(r.started_at),
            endedAt: ms(r.ended_at),
            producer: r.producer,
          },
        ]),
      ),
      jobs: Object.fromEntries(
        jobs.map(j => [
          j.id,
          {
            producer: j.producer,
            facets: j.facets,
            updatedAt: ms(j.updated_at),
          },
        ]),
      ),
    };
  };

  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  it('writes one multi-row statement per table for a whole batch, in one transaction', async () => {
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    knex.on('query', onQuery);
    try {
      const batch = Array.from({ length: 50 }, (_, i) => [
        event(
          'START',
          i,
          `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        ),
        event(
          'FAIL',
          i + 1,
          `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          {
            outputs: [{ ...TARGET, facets: columnLineage(3, 2) }],
            runFacets: {
              errorMessage: {
                _producer: 'https://example.com/test',
                _schemaURL:
                  'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet',
                message: `failed ${i}`,
                programmingLanguage: 'JAVA',
              },
            },
          },
        ),
      ]).flat();
      await store.ingest(batch);
      await store.ingest([event('COMPLETE', 1, 'one-run')]);
    } finally {
      knex.off('query', onQuery);
    }
    const tables = (sql: string) =>
      [...sql.matchAll(/insert into [`"]?(\w+)/gi)].map(m => m[1]);
    // jobs, runs, run datasets, column lineage, errors for the batch; no errors for the single.
    expect(statements.flatMap(tables)).toEqual([
      'lineage_jobs',
      'lineage_runs',
      'lineage_run_datasets',
      'lineage_column_lineage',
      'lineage_run_errors',
      'lineage_jobs',
      'lineage_runs',
      'lineage_run_datasets',
    ]);
    // PostgreSQL: one statement per request, the upserts as CTEs (a transaction of its own);
    // SQLite: one statement per table, in one transaction.
    const postgres = databaseId === 'POSTGRES_15';
    expect(statements.filter(s => /^with /i.test(s))).toHaveLength(
      postgres ? 2 : 0,
    );
    expect(statements.filter(s => /^\s*insert/i.test(s))).toHaveLength(
      postgres ? 0 : 8,
    );
    expect(await count('lineage_runs')).toBe(51);
    expect(await count('lineage_run_datasets')).toBe(102);
    expect(await count('lineage_column_lineage')).toBe(50 * 6);
    expect(await count('lineage_run_errors')).toBe(50);
    const failed = await knex('lineage_runs').where({ state: 'FAIL' });
    expect(failed).toHaveLength(50);
    expect(iso(failed[0].started_at)).toBeDefined();
  });

  it('keeps the run state machine: a late START neither reopens a run nor loses its start', async () => {
    const run = '11111111-1111-4111-8111-111111111111';
    await store.ingest([event('COMPLETE', 10, run)]);
    await store.ingest([event('START', 0, run), event('RUNNING', 5, run)]);
    // START and COMPLETE of one run in one batch, the COMPLETE first.
    const other = '22222222-2222-4222-8222-222222222222';
    await store.ingest([
      event('COMPLETE', 10, other),
      event('START', 0, other),
    ]);
    // OTHER never changes the state; a later FAIL replaces a COMPLETE (both terminal).
    const third = '33333333-3333-4333-8333-333333333333';
    await store.ingest([event('OTHER', 1, third)]);
    await store.ingest([event('START', 2, third), event('OTHER', 3, third)]);
    await store.ingest([event('COMPLETE', 4, third)]);
    await store.ingest([event('FAIL', 5, third), event('RUNNING', 6, third)]);
    const { runs } = await stored();
    expect(runs[run]).toEqual({
      state: 'COMPLETE',
      stateTime: T0 + 10_000,
      startedAt: T0,
      endedAt: T0 + 10_000,
      producer: expect.any(String),
    });
    expect(runs[other]).toMatchObject({
      state: 'COMPLETE',
      startedAt: T0,
      endedAt: T0 + 10_000,
    });
    expect(runs[third]).toMatchObject({
      state: 'FAIL',
      stateTime: T0 + 5_000,
      startedAt: T0 + 2_000,
      endedAt: T0 + 5_000,
    });
  });

  it('stores the same runs and jobs as applying every event on its own would, for random batches', async () => {
    const next = random(20260101);
    const pick = <T>(items: readonly T[]) =>
      items[Math.floor(next() * items.length)];
    const states = ['START', 'RUNNING', 'COMPLETE', 'FAIL', 'ABORT', 'OTHER'];
    const runIds = Array.from(
      { length: 12 },
      (_, i) => `44444444-4444-4444-8444-${String(i).padStart(12, '0')}`,
    );
    const events: RunEvent[] = Array.from({ length: 240 }, () =>
      event(pick(states), Math.floor(next() * 8), pick(runIds), {
        job: pick([JOB, { namespace: 'airflow', name: 'dag.task' }]),
        producer: pick(['https://a.example', 'https://b.example']),
      }),
    );
    // Job facets that differ per event show which event a job's description came from.
    events.forEach((e, i) => {
      e.job.facets = { test: { i } };
    });
    const requests: RunEvent[][] = [];
    for (let i = 0; i < events.length; ) {
      const size = 1 + Math.floor(next() * 20);
      requests.push(events.slice(i, i + size));
      i += size;
    }
    for (const request of requests) await store.ingest(request);
    expect(await stored()).toEqual(reference(requests));
    // A retried request changes nothing.
    await store.ingest(requests[3]);
    expect(await stored()).toEqual(reference(requests));
  });

  it('splits statements that would bind too many values, and keeps batches of 1,000 events whole', async () => {
    // 3,000 column edges of one event: more rows than SQLite takes in one statement, and more
    // values than one statement may bind.
    const wide = event('COMPLETE', 1, '55555555-5555-4555-8555-555555555555', {
      outputs: [{ ...TARGET, facets: columnLineage(1000, 3) }],
    });
    await store.ingest([wide]);
    expect(await count('lineage_column_lineage')).toBe(3000);

    const batch = Array.from({ length: 1000 }, (_, i) =>
      event(
        i % 2 ? 'COMPLETE' : 'START',
        i % 2,
        `66666666-6666-4666-8666-${String(Math.floor(i / 2)).padStart(
          12,
          '0',
        )}`,
        {
          job: { namespace: 'spark-jobs', name: `job_${i % 700}` },
          inputs: [SOURCE, { namespace: 's3://other', name: `in_${i}` }],
        },
      ),
    );
    await store.ingest(batch);
    expect(await count('lineage_runs')).toBe(501);
    expect(await count('lineage_jobs')).toBe(701);
    expect(
      Number(
        (
          await knex('lineage_runs')
            .where({ state: 'COMPLETE' })
            .whereNotNull('started_at')
            .count({ n: '*' })
        )[0].n,
      ),
    ).toBe(500);
    // 500 runs × (2 inputs per event, 1 shared) + 1 output; the wide run's 2.
    expect(await count('lineage_run_datasets')).toBe(500 * 4 + 2);
  });

  it('serialises concurrent requests about the same runs without deadlocks', async () => {
    const runIds = Array.from(
      { length: 20 },
      (_, i) => `77777777-7777-4777-8777-${String(i).padStart(12, '0')}`,
    );
    // Each request carries some runs' START or COMPLETE, in a different order.
    const requests = Array.from({ length: 16 }, (_, r) =>
      runIds
        .filter((__, i) => (i + r) % 3 !== 0)
        .map(id => event(r % 2 ? 'COMPLETE' : 'START', r % 2 ? 10 : 0, id))
        .reverse(),
    );
    await Promise.all(requests.map(events => store.ingest(events)));
    const runs = await knex('lineage_runs');
    expect(runs).toHaveLength(20);
    for (const r of runs) {
      expect(r.state).toBe('COMPLETE');
      expect(iso(r.started_at)).toBe(at(0));
      expect(iso(r.ended_at)).toBe(at(10));
    }
  });
});
