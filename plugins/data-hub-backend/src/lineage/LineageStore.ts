import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { LineageRun } from '@cloud-data-hub/data-hub-common';
import type { OpenLineageDataset, RunEvent, RunEventType } from './openLineage';
import { TERMINAL_STATES } from './openLineage';
import { nextRunState } from './runState';
import { isoTimestamp as iso } from '../database/isoTimestamp';

type Row = Record<string, any>;

/** sha256 hex of the parts, joined by a separator no OpenLineage name contains. */
export function keyOf(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

export const datasetKey = (namespace: string, name: string) =>
  keyOf(namespace, name);

/** A job-to-dataset edge, aggregated over all runs of the job. */
export interface JobDatasetEdge {
  jobNamespace: string;
  jobName: string;
  direction: 'input' | 'output';
  namespace: string;
  name: string;
  lastSeenAt: string;
}

/** Datasets one run read and wrote, aggregated over the COMPLETE runs that reported them. */
export interface RunDatasetPair {
  input: { namespace: string; name: string };
  output: { namespace: string; name: string };
  lastSeenAt: string;
}

/** The latest run of some state that wrote a dataset. */
export interface DatasetWrite {
  namespace: string;
  name: string;
  runId: string;
  jobNamespace: string;
  jobName: string;
  at: string;
}

export interface StoredRunError {
  runId: string;
  eventTime: string;
  message: string;
  programmingLanguage?: string;
  stackTrace?: string;
}

export interface StoredColumnLineage {
  runId: string;
  outputNamespace: string;
  outputName: string;
  outputField: string;
  inputNamespace: string;
  inputName: string;
  inputField: string;
  transformationType?: string;
  transformationSubtype?: string;
  description?: string;
  masking?: boolean;
  eventTime: string;
}

/** A run as stored: the API shape. */
export type StoredRun = LineageRun;

/** A run-and-dataset row (`d.namespace`, `d.name`, `r.run_id`, `r.ended_at`, job columns) as a write. */
function datasetWriteOf(r: Row): DatasetWrite {
  return {
    namespace: r.namespace,
    name: r.name,
    runId: r.run_id,
    jobNamespace: r.job_namespace,
    jobName: r.job_name,
    at: iso(r.ended_at)!,
  };
}

/**
 * The most values one statement binds: under both SQLite's limit (32,766 in the better-sqlite3
 * build) and PostgreSQL's (65,535).
 */
const MAX_BINDINGS = 30_000;
/**
 * knex writes a multi-row insert on SQLite as `SELECT … UNION ALL SELECT …`, and SQLite takes
 * at most 500 terms in one compound SELECT.
 */
const MAX_SQLITE_ROWS = 500;

const TERMINAL_LIST = [...TERMINAL_STATES].map(s => `'${s}'`).join(', ');
/**
 * Whether the incoming (`excluded`) run state replaces the stored one: {@link nextRunState} in
 * SQL, against the stored row as it is when the upsert locks it.
 */
const INCOMING_STATE_WINS = `(excluded.state <> 'OTHER' AND (
  lineage_runs.state = 'OTHER'
  OR (excluded.state IN (${TERMINAL_LIST}) AND lineage_runs.state NOT IN (${TERMINAL_LIST}))
  OR ((excluded.state IN (${TERMINAL_LIST})) = (lineage_runs.state IN (${TERMINAL_LIST}))
    AND excluded.state_time >= lineage_runs.state_time)
))`;
/** The earliest START wins. */
const EARLIER_START = `(excluded.started_at IS NOT NULL
  AND (lineage_runs.started_at IS NULL OR excluded.started_at < lineage_runs.started_at))`;

/** A run column's value after the upsert: the incoming one when `condition` holds. */
const incomingWhen = (condition: string, column: string) =>
  `CASE WHEN ${condition} THEN excluded.${column} ELSE lineage_runs.${column} END`;

/** One run's events of a request folded into one row (see {@link nextRunState}). */
interface RunRow {
  run_id: string;
  job_id: string;
  state: RunEventType;
  state_time: Date;
  started_at: Date | null;
  ended_at: Date | null;
  producer: string;
  received_at: Date;
}

/**
 * Owns the observed lineage tables. Writes take whole batches of already validated events in
 * one transaction, so a batch is stored entirely or not at all; every write is an idempotent
 * upsert, so a sender that retries a batch after a timeout does not duplicate anything.
 */
export class LineageStore {
  private readonly maxRows: number;
  private readonly postgres: boolean;

  constructor(private readonly db: Knex) {
    const client = String(db.client.config?.client ?? '');
    this.maxRows = client.includes('sqlite')
      ? MAX_SQLITE_ROWS
      : Number.MAX_SAFE_INTEGER;
    this.postgres = client === 'pg' || client.includes('postgres');
  }

  /**
   * Set-based: the request's events are folded into the rows they leave behind (one per job,
   * run, run dataset, column edge and error) and each table gets one multi-row upsert (more only
   * when a statement would bind too many values), all in one transaction. On PostgreSQL the
   * upserts are the CTEs of a single statement (its own transaction: one round trip per request)
   * unless together they bind more than MAX_BINDINGS values; SQLite, and such large batches,
   * run them one by one in an explicit transaction.
   *
   * The outcome does not depend on the order events are applied in (see nextRunState): a run's
   * events of one request are folded in JS, and the folded state meets the stored one in the
   * upsert's `ON CONFLICT DO UPDATE`, which PostgreSQL evaluates against the row it has locked,
   * so concurrent requests about one run serialise there. Every table's rows are written in
   * key order, so concurrent requests take their row locks in the same order and cannot
   * deadlock each other.
   */
  async ingest(events: RunEvent[]): Promise<void> {
    const receivedAt = new Date();
    // Applied sorted by job and run (stable within a run), as the row-at-a-time intake did: ties
    // between equal eventTimes then resolve the same way.
    const ordered = events
      .map(event => {
        const jobId = keyOf(event.job.namespace, event.job.name);
        const runId = event.run.runId.toLowerCase();
        return { event, jobId, runId, key: `${jobId}/${runId}` };
      })
      .sort((a, b) => (a.key < b.key ? -1 : Number(a.key > b.key)));

    const jobs = new Map<string, Row>();
    const runs = new Map<string, RunRow>();
    const datasets = new Map<string, Row>();
    const columns = new Map<string, Row>();
    const errors = new Map<string, Row>();
    for (const { event, jobId, runId } of ordered) {
      const eventTime = new Date(event.eventTime);
      const state: RunEventType = event.eventType ?? 'OTHER';

      // The job's description follows its newest event; of equal eventTimes, the first.
      const job = jobs.get(jobId);
      if (!job || job.updated_at < eventTime) {
        jobs.set(jobId, {
          id: jobId,
          namespace: event.job.namespace,
          name: event.job.name,
          producer: event.producer,
          facets: event.job.facets ? JSON.stringify(event.job.facets) : null,
          updated_at: eventTime,
        });
      }

      const run = runs.get(runId);
      const startedAt = state === 'START' ? eventTime : null;
      if (!run) {
        runs.set(runId, {
          run_id: runId,
          job_id: jobId,
          state,
          state_time: eventTime,
          started_at: startedAt,
          ended_at: TERMINAL_STATES.has(state) ? eventTime : null,
          producer: event.producer,
          received_at: receivedAt,
        });
      } else {
        const next = nextRunState(
          { state: run.state, at: run.state_time.getTime() },
          { state, at: eventTime.getTime() },
        );
        if (next.state !== run.state || next.at !== run.state_time.getTime()) {
          run.state = next.state;
          run.state_time = new Date(next.at);
          run.ended_at = TERMINAL_STATES.has(next.state)
            ? new Date(next.at)
            : null;
        }
        if (startedAt && (!run.started_at || startedAt < run.started_at))
          run.started_at = startedAt;
      }

      for (const [direction, list] of [
        ['input', event.inputs],
        ['output', event.outputs],
      ] as const) {
        for (const d of list ?? []) {
          const key = datasetKey(d.namespace, d.name);
          const id = `${runId}/${direction}/${key}`;
          if (!datasets.has(id)) {
            datasets.set(id, {
              run_id: runId,
              direction,
              dataset_key: key,
              namespace: d.namespace,
              name: d.name,
            });
          }
        }
      }

      for (const output of event.outputs ?? []) {
        for (const row of columnRows(runId, output, eventTime))
          if (!columns.has(row.id)) columns.set(row.id, row);
      }

      const error = event.run.facets?.errorMessage;
      if (error) {
        const id = keyOf(runId, event.eventTime, error.message);
        if (!errors.has(id)) {
          errors.set(id, {
            id,
            run_id: runId,
            event_time: eventTime,
            message: error.message,
            programming_language: error.programmingLanguage ?? null,
            stack_trace: error.stackTrace ?? null,
          });
        }
      }
    }

    const statements = (q: Knex | Knex.Transaction) => [
      ...this.chunks(jobs, ['id']).map(chunk =>
        q('lineage_jobs')
          .insert(chunk)
          .onConflict('id')
          .merge(['producer', 'facets', 'updated_at'])
          .whereRaw('lineage_jobs.updated_at < excluded.updated_at'),
      ),
      ...this.chunks(runs, ['run_id']).map(chunk =>
        q('lineage_runs')
          .insert(chunk)
          .onConflict('run_id')
          .merge({
            state: q.raw(incomingWhen(INCOMING_STATE_WINS, 'state')),
            state_time: q.raw(incomingWhen(INCOMING_STATE_WINS, 'state_time')),
            ended_at: q.raw(incomingWhen(INCOMING_STATE_WINS, 'ended_at')),
            started_at: q.raw(incomingWhen(EARLIER_START, 'started_at')),
          })
          // Leaves a run alone (no new row version) unless the events change it: a retried
          // batch writes nothing. The same state at the same time is no change.
          .whereRaw(
            `(${INCOMING_STATE_WINS} AND (excluded.state <> lineage_runs.state
              OR excluded.state_time <> lineage_runs.state_time)) OR ${EARLIER_START}`,
          ),
      ),
      ...this.chunks(datasets, ['run_id', 'direction', 'dataset_key']).map(
        chunk =>
          q('lineage_run_datasets')
            .insert(chunk)
            .onConflict(['run_id', 'direction', 'dataset_key'])
            .ignore(),
      ),
      // A wide table's column lineage facet has thousands of edges: chunked by bound values.
      ...this.chunks(columns, ['id']).map(chunk =>
        q('lineage_column_lineage').insert(chunk).onConflict('id').ignore(),
      ),
      ...this.chunks(errors, ['id']).map(chunk =>
        q('lineage_run_errors').insert(chunk).onConflict('id').ignore(),
      ),
    ];

    if (this.postgres) {
      // PostgreSQL: the upserts as the data-modifying CTEs of one statement, which is one
      // transaction of its own — one round trip instead of BEGIN, one per table, COMMIT. The
      // CTEs run in the order written (they are not referenced), so row locks are still taken
      // table by table in key order.
      const built = statements(this.db).map(statement => statement.toSQL());
      const bindings = built.flatMap(b => b.bindings as Knex.Value[]);
      if (bindings.length <= MAX_BINDINGS) {
        await this.db.raw(
          `WITH ${built
            .map((b, i) => `w${i} AS (${b.sql})`)
            .join(',\n')} SELECT 1`,
          bindings,
        );
        return;
      }
    }
    await this.db.transaction(async tx => {
      for (const statement of statements(tx)) await statement;
    });
  }

  /**
   * A table's rows sorted by its primary key (the order row locks are taken in), in statements
   * that bind at most MAX_BINDINGS values (and, on SQLite, at most MAX_SQLITE_ROWS rows).
   */
  private chunks<T extends object>(rows: Map<string, T>, key: string[]): T[][] {
    if (!rows.size) return [];
    const sortKey = (row: T) =>
      key.map(k => String((row as Row)[k])).join('\u0000');
    const sorted = [...rows.values()]
      .map(row => ({ row, k: sortKey(row) }))
      .sort((a, b) => (a.k < b.k ? -1 : Number(a.k > b.k)))
      .map(({ row }) => row);
    const size = Math.max(
      1,
      Math.min(
        this.maxRows,
        Math.floor(MAX_BINDINGS / Object.keys(sorted[0]).length),
      ),
    );
    const chunks: T[][] = [];
    for (let i = 0; i < sorted.length; i += size)
      chunks.push(sorted.slice(i, i + size));
    return chunks;
  }

  async countRuns(): Promise<number> {
    const [{ n }] = await this.db('lineage_runs').count({ n: '*' });
    return Number(n);
  }

  async listRuns(filter: {
    jobNamespace?: string;
    jobName?: string;
    limit: number;
  }): Promise<StoredRun[]> {
    const query = this.db('lineage_runs as r')
      .join('lineage_jobs as j', 'j.id', 'r.job_id')
      .select('r.*', 'j.namespace as job_namespace', 'j.name as job_name')
      .orderBy('r.state_time', 'desc')
      .limit(filter.limit);
    if (filter.jobNamespace && filter.jobName)
      query.where('r.job_id', keyOf(filter.jobNamespace, filter.jobName));
    return (await query).map(toRun);
  }

  /** Every job's inputs and outputs over all its runs: the observed lineage graph. */
  async jobDatasetEdges(): Promise<JobDatasetEdge[]> {
    const rows = await this.db('lineage_run_datasets as d')
      .join('lineage_runs as r', 'r.run_id', 'd.run_id')
      .join('lineage_jobs as j', 'j.id', 'r.job_id')
      .groupBy(
        'j.id',
        'j.namespace',
        'j.name',
        'd.direction',
        'd.dataset_key',
        'd.namespace',
        'd.name',
      )
      .select(
        'j.namespace as job_namespace',
        'j.name as job_name',
        'd.direction',
        'd.namespace',
        'd.name',
      )
      .max({ last_seen: 'r.state_time' });
    return rows.map((r: Row) => ({
      jobNamespace: r.job_namespace,
      jobName: r.job_name,
      direction: r.direction,
      namespace: r.namespace,
      name: r.name,
      lastSeenAt: iso(r.last_seen)!,
    }));
  }

  /**
   * Input → output dataset pairs that one COMPLETE run reported both ends of, ended at or
   * after `since`, with the latest such end. Paired per run, not per job: a job that copies a
   * different table each run does not make every input an upstream of every output.
   */
  async completedRunPairs(since: Date): Promise<RunDatasetPair[]> {
    const rows = await this.db('lineage_run_datasets as i')
      .join('lineage_run_datasets as o', function joinOutputs() {
        this.on('o.run_id', '=', 'i.run_id').andOnVal(
          'o.direction',
          '=',
          'output',
        );
      })
      .join('lineage_runs as r', 'r.run_id', 'i.run_id')
      .where('i.direction', 'input')
      .andWhere('r.state', 'COMPLETE')
      .andWhere('r.ended_at', '>=', since)
      .groupBy(
        'i.dataset_key',
        'i.namespace',
        'i.name',
        'o.dataset_key',
        'o.namespace',
        'o.name',
      )
      .select(
        'i.namespace as input_namespace',
        'i.name as input_name',
        'o.namespace as output_namespace',
        'o.name as output_name',
      )
      .max({ last_seen: 'r.ended_at' });
    return rows.map((r: Row) => ({
      input: { namespace: r.input_namespace, name: r.input_name },
      output: { namespace: r.output_namespace, name: r.output_name },
      lastSeenAt: iso(r.last_seen)!,
    }));
  }

  /**
   * The newest runs in `state` that wrote each dataset, newest first.
   * One row per dataset: only the latest write of each matters to health.
   */
  async latestWrites(state: 'COMPLETE' | 'FAIL'): Promise<DatasetWrite[]> {
    const latest = this.db('lineage_run_datasets as d')
      .join('lineage_runs as r', 'r.run_id', 'd.run_id')
      .where('d.direction', 'output')
      .andWhere('r.state', state)
      .groupBy('d.dataset_key')
      .select('d.dataset_key')
      .max({ at: 'r.ended_at' });
    const rows = await this.db
      .from(latest.as('l'))
      .join('lineage_run_datasets as d', 'd.dataset_key', 'l.dataset_key')
      .join('lineage_runs as r', function on() {
        this.on('r.run_id', '=', 'd.run_id').andOn('r.ended_at', '=', 'l.at');
      })
      .join('lineage_jobs as j', 'j.id', 'r.job_id')
      .where('d.direction', 'output')
      .andWhere('r.state', state)
      .select(
        'd.dataset_key',
        'd.namespace',
        'd.name',
        'r.run_id',
        'r.ended_at',
        'j.namespace as job_namespace',
        'j.name as job_name',
      )
      .orderBy('r.ended_at', 'desc');
    const seen = new Set<string>();
    const writes: DatasetWrite[] = [];
    for (const r of rows as Row[]) {
      if (seen.has(r.dataset_key)) continue; // two runs ending at the same instant
      seen.add(r.dataset_key);
      writes.push(datasetWriteOf(r));
    }
    return writes;
  }

  /** The latest COMPLETE runs and what they wrote, newest first (recent ingests). */
  async recentCompleteWrites(limit: number): Promise<DatasetWrite[]> {
    const rows = await this.db('lineage_runs as r')
      .join('lineage_run_datasets as d', 'd.run_id', 'r.run_id')
      .join('lineage_jobs as j', 'j.id', 'r.job_id')
      .where('r.state', 'COMPLETE')
      .andWhere('d.direction', 'output')
      .select(
        'd.namespace',
        'd.name',
        'r.run_id',
        'r.ended_at',
        'j.namespace as job_namespace',
        'j.name as job_name',
      )
      .orderBy('r.ended_at', 'desc')
      .limit(limit);
    return rows.map(datasetWriteOf);
  }

  async errorsOf(runIds: string[]): Promise<Map<string, StoredRunError>> {
    const latest = new Map<string, StoredRunError>();
    if (!runIds.length) return latest;
    const rows = await this.db('lineage_run_errors')
      .whereIn('run_id', runIds)
      .orderBy('event_time', 'asc');
    for (const r of rows as Row[]) {
      latest.set(r.run_id, {
        runId: r.run_id,
        eventTime: iso(r.event_time)!,
        message: r.message,
        programmingLanguage: r.programming_language ?? undefined,
        stackTrace: r.stack_trace ?? undefined,
      });
    }
    return latest;
  }

  /** Column lineage of the given output datasets, newest facts first. */
  async columnLineage(outputKeys: string[]): Promise<StoredColumnLineage[]> {
    if (!outputKeys.length) return [];
    const rows = await this.db('lineage_column_lineage')
      .whereIn('output_key', outputKeys)
      .orderBy('event_time', 'desc')
      .limit(10_000);
    return rows.map((r: Row) => ({
      runId: r.run_id,
      outputNamespace: r.output_namespace,
      outputName: r.output_name,
      outputField: r.output_field,
      inputNamespace: r.input_namespace,
      inputName: r.input_name,
      inputField: r.input_field,
      transformationType: r.transformation_type ?? undefined,
      transformationSubtype: r.transformation_subtype ?? undefined,
      description: r.description ?? undefined,
      masking:
        r.masking === null || r.masking === undefined
          ? undefined
          : Boolean(r.masking),
      eventTime: iso(r.event_time)!,
    }));
  }
}

function toRun(r: Row): StoredRun {
  return {
    runId: r.run_id,
    jobNamespace: r.job_namespace,
    jobName: r.job_name,
    state: r.state,
    stateTime: iso(r.state_time)!,
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    producer: r.producer,
  };
}

/** One row per output field, input field and transformation of a ColumnLineageDatasetFacet. */
function columnRows(
  runId: string,
  output: OpenLineageDataset,
  eventTime: Date,
): Row[] {
  const facet = output.facets?.columnLineage;
  if (!facet?.fields) return [];
  const outputKey = datasetKey(output.namespace, output.name);
  const rows: Row[] = [];
  for (const [field, lineage] of Object.entries(facet.fields)) {
    for (const input of lineage.inputFields ?? []) {
      // Older producers give only the deprecated field-level transformationType.
      const transformations = input.transformations?.length
        ? input.transformations
        : [
            {
              type: lineage.transformationType,
              description: lineage.transformationDescription,
            } as any,
          ];
      for (const t of transformations) {
        rows.push({
          id: keyOf(
            runId,
            outputKey,
            field,
            input.namespace,
            input.name,
            input.field,
            t.type ?? '',
            t.subtype ?? '',
          ),
          run_id: runId,
          output_key: outputKey,
          output_namespace: output.namespace,
          output_name: output.name,
          output_field: field,
          input_namespace: input.namespace,
          input_name: input.name,
          input_field: input.field,
          transformation_type: t.type ? String(t.type).slice(0, 32) : null,
          transformation_subtype: t.subtype
            ? String(t.subtype).slice(0, 64)
            : null,
          description: t.description ?? null,
          masking: typeof t.masking === 'boolean' ? t.masking : null,
          event_time: eventTime,
        });
      }
    }
  }
  return rows;
}
