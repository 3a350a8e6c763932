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
 * Owns the observed lineage tables. Writes take whole batches of already validated events in
 * one transaction, so a batch is stored entirely or not at all; every write is an idempotent
 * upsert, so a sender that retries a batch after a timeout does not duplicate anything.
 */
export class LineageStore {
  private readonly lockRows: boolean;

  constructor(private readonly db: Knex) {
    // Row locks serialise concurrent events of one run on PostgreSQL; SQLite has a single
    // writer anyway and knex warns on FOR UPDATE there.
    this.lockRows = !String(db.client.config?.client ?? '').includes('sqlite');
  }

  async ingest(events: RunEvent[]): Promise<void> {
    const receivedAt = new Date();
    // The outcome does not depend on the order events are applied in (see nextRunState), so
    // they are applied sorted by job and run: concurrent batches then take their row locks in
    // the same order and cannot deadlock each other.
    const ordered = events
      .map(event => ({
        event,
        key: `${keyOf(
          event.job.namespace,
          event.job.name,
        )}/${event.run.runId.toLowerCase()}`,
      }))
      .sort((a, b) => (a.key < b.key ? -1 : Number(a.key > b.key)))
      .map(({ event }) => event);
    await this.db.transaction(async tx => {
      for (const event of ordered) {
        await this.ingestOne(tx, event, receivedAt);
      }
    });
  }

  private async ingestOne(
    tx: Knex.Transaction,
    event: RunEvent,
    receivedAt: Date,
  ): Promise<void> {
    const eventTime = new Date(event.eventTime);
    const state: RunEventType = event.eventType ?? 'OTHER';
    const jobId = keyOf(event.job.namespace, event.job.name);
    const runId = event.run.runId.toLowerCase();

    await tx('lineage_jobs')
      .insert({
        id: jobId,
        namespace: event.job.namespace,
        name: event.job.name,
        producer: event.producer,
        facets: event.job.facets ? JSON.stringify(event.job.facets) : null,
        updated_at: eventTime,
      })
      .onConflict('id')
      .ignore();
    // The job's description follows its newest event, whatever order events arrive in.
    await tx('lineage_jobs')
      .where({ id: jobId })
      .andWhere('updated_at', '<', eventTime)
      .update({
        producer: event.producer,
        facets: event.job.facets ? JSON.stringify(event.job.facets) : null,
        updated_at: eventTime,
      });

    // Insert-or-ignore first, so that two transactions racing on a new run meet on the row lock.
    const terminal = TERMINAL_STATES.has(state);
    await tx('lineage_runs')
      .insert({
        run_id: runId,
        job_id: jobId,
        state,
        state_time: eventTime,
        started_at: state === 'START' ? eventTime : null,
        ended_at: terminal ? eventTime : null,
        producer: event.producer,
        received_at: receivedAt,
      })
      .onConflict('run_id')
      .ignore();
    const query = tx('lineage_runs').where({ run_id: runId });
    const row: Row = await (this.lockRows ? query.forUpdate() : query).first();
    const current = {
      state: row.state as RunEventType,
      at: new Date(row.state_time).getTime(),
    };
    const next = nextRunState(current, { state, at: eventTime.getTime() });
    const patch: Row = {};
    if (next.state !== current.state || next.at !== current.at) {
      patch.state = next.state;
      patch.state_time = new Date(next.at);
      patch.ended_at = TERMINAL_STATES.has(next.state)
        ? new Date(next.at)
        : null;
    }
    const startedAt =
      row.started_at === null || row.started_at === undefined
        ? undefined
        : new Date(row.started_at);
    if (state === 'START' && (!startedAt || eventTime < startedAt))
      patch.started_at = eventTime;
    if (Object.keys(patch).length)
      await tx('lineage_runs').where({ run_id: runId }).update(patch);

    const datasets = [
      ...(event.inputs ?? []).map(d => ({ d, direction: 'input' })),
      ...(event.outputs ?? []).map(d => ({ d, direction: 'output' })),
    ];
    if (datasets.length) {
      await tx('lineage_run_datasets')
        .insert(
          uniqueBy(
            datasets.map(({ d, direction }) => ({
              run_id: runId,
              direction,
              dataset_key: datasetKey(d.namespace, d.name),
              namespace: d.namespace,
              name: d.name,
            })),
            r => `${r.direction}/${r.dataset_key}`,
          ),
        )
        .onConflict(['run_id', 'direction', 'dataset_key'])
        .ignore();
    }

    const columns = (event.outputs ?? []).flatMap(output =>
      columnRows(runId, output, eventTime),
    );
    // Chunked: a wide table's facet has thousands of edges, more than one statement may bind.
    for (let i = 0; i < columns.length; i += 200) {
      await tx('lineage_column_lineage')
        .insert(columns.slice(i, i + 200))
        .onConflict('id')
        .ignore();
    }

    const error = event.run.facets?.errorMessage;
    if (error) {
      await tx('lineage_run_errors')
        .insert({
          id: keyOf(runId, event.eventTime, error.message),
          run_id: runId,
          event_time: eventTime,
          message: error.message,
          programming_language: error.programmingLanguage ?? null,
          stack_trace: error.stackTrace ?? null,
        })
        .onConflict('id')
        .ignore();
    }
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

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
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
  return uniqueBy(rows, r => r.id);
}
