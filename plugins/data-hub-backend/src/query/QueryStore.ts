import type { Knex } from 'knex';
import type {
  Page,
  QueryRun,
  SavedQuery,
} from '@cloud-data-hub/data-hub-common';
import { isoTimestamp as iso } from '../database/isoTimestamp';

type Row = Record<string, any>;

const num = (value: unknown) =>
  value === null || value === undefined ? undefined : Number(value);

/** A dataset's table a run read, and the columns of it. */
export interface QueryRunRead {
  datasetRef: string;
  glueDatabase: string;
  table: string;
  columns: string[];
}

/**
 * A run as stored: the API shape plus what any replica needs to act on it — the engine's id,
 * the use case's hub and role when it started, the grants it ran under, the process running
 * it.
 */
export interface StoredQueryRun extends QueryRun {
  engineQueryId?: string;
  useCaseHub?: string;
  consumerRoleArn?: string;
  /** Absent on runs recorded before reads were (their output is not served again). */
  reads?: QueryRunRead[];
  grantIds?: string[];
  grantFingerprint?: string;
  /** The backend process executing an in-process run, and when it last said it still is. */
  runnerId?: string;
  heartbeatAt?: string;
}

const UNFINISHED = ['queued', 'running'];

/** A LIKE pattern matching `text` anywhere; `%` and `_` in it (refs may hold `_`) are literal. */
const containing = (text: string) =>
  `%${text.replace(/[\\%_]/g, c => `\\${c}`)}%`;

/** What usage figures count of a run: who, under which use case, how it ended, when. */
export interface QueryRunUsage {
  userRef: string;
  useCaseRef: string;
  state: string;
  createdAt: Date | string;
}

function toRun(row: Row): StoredQueryRun {
  return {
    id: row.id,
    userRef: row.user_ref,
    useCaseRef: row.use_case_ref,
    useCaseHub: row.use_case_hub ?? undefined,
    consumerRoleArn: row.consumer_role_arn ?? undefined,
    sql: row.sql,
    engine: row.engine,
    engineQueryId: row.engine_query_id ?? undefined,
    state: row.state,
    progress: num(row.progress),
    error: row.error ? JSON.parse(row.error) : undefined,
    datasets: row.datasets ? JSON.parse(row.datasets) : [],
    reads: row.reads ? JSON.parse(row.reads) : undefined,
    grantIds: row.grant_ids ? JSON.parse(row.grant_ids) : undefined,
    grantFingerprint: row.grant_fingerprint ?? undefined,
    runnerId: row.runner_id ?? undefined,
    heartbeatAt: iso(row.heartbeat_at),
    result: row.result_state ?? undefined,
    statistics: {
      rows: num(row.rows),
      bytesScanned: num(row.bytes_scanned),
      elapsedMs: num(row.elapsed_ms),
      costEstimateUsd: num(row.cost_usd),
      resultBytes: num(row.result_bytes),
    },
    createdAt: iso(row.created_at)!,
    finishedAt: iso(row.finished_at),
  };
}

/** The run as the API shows it: without the engine's id, the role and the process running it. */
export function toApiRun(run: StoredQueryRun): QueryRun {
  const {
    engineQueryId: _engineQueryId,
    useCaseHub: _useCaseHub,
    consumerRoleArn: _consumerRoleArn,
    grantIds: _grantIds,
    grantFingerprint: _grantFingerprint,
    runnerId: _runnerId,
    heartbeatAt: _heartbeatAt,
    ...api
  } = run;
  return api;
}

/** How a run ended, as recorded. */
export type RunEnd = Pick<QueryRun, 'state' | 'error' | 'statistics'>;

function toSaved(row: Row): SavedQuery {
  return {
    id: row.id,
    ownerRef: row.owner_ref,
    useCaseRef: row.use_case_ref,
    name: row.name,
    description: row.description ?? undefined,
    sql: row.sql,
    shared: Boolean(row.shared),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/** Owns the query history and saved queries. */
export class QueryStore {
  constructor(private readonly db: Knex) {}

  async insertRun(run: StoredQueryRun): Promise<void> {
    await this.db('query_runs').insert({
      id: run.id,
      user_ref: run.userRef,
      use_case_ref: run.useCaseRef,
      use_case_hub: run.useCaseHub ?? null,
      consumer_role_arn: run.consumerRoleArn ?? null,
      sql: run.sql,
      engine: run.engine,
      engine_query_id: run.engineQueryId ?? null,
      state: run.state,
      error: run.error ? JSON.stringify(run.error) : null,
      datasets: JSON.stringify(run.datasets),
      reads: run.reads ? JSON.stringify(run.reads) : null,
      grant_ids: run.grantIds ? JSON.stringify(run.grantIds) : null,
      grant_fingerprint: run.grantFingerprint ?? null,
      runner_id: run.runnerId ?? null,
      heartbeat_at: run.heartbeatAt ? new Date(run.heartbeatAt) : null,
      progress: run.progress ?? null,
      rows: run.statistics.rows ?? null,
      bytes_scanned: run.statistics.bytesScanned ?? null,
      elapsed_ms: run.statistics.elapsedMs ?? null,
      cost_usd: run.statistics.costEstimateUsd ?? null,
      result_bytes: run.statistics.resultBytes ?? null,
      result_state: run.result ?? null,
      created_at: new Date(run.createdAt),
      finished_at: run.finishedAt ? new Date(run.finishedAt) : null,
    });
  }

  async getRun(id: string): Promise<StoredQueryRun | undefined> {
    const row = await this.db('query_runs').where({ id }).first();
    return row ? toRun(row) : undefined;
  }

  /**
   * Records how a run ended. Only the first end counts (a cancel racing a success, two
   * replicas polling the same Athena run): false if it had already ended.
   */
  async finishRun(
    id: string,
    end: RunEnd,
    finishedAt: string,
  ): Promise<boolean> {
    const updated = await this.db('query_runs')
      .where({ id })
      .whereIn('state', UNFINISHED)
      .update({
        state: end.state,
        error: end.error ? JSON.stringify(end.error) : null,
        progress: end.state === 'succeeded' ? 1 : null,
        rows: end.statistics.rows ?? null,
        bytes_scanned: end.statistics.bytesScanned ?? null,
        elapsed_ms: end.statistics.elapsedMs ?? null,
        cost_usd: end.statistics.costEstimateUsd ?? null,
        result_bytes: end.statistics.resultBytes ?? null,
        result_state: end.state === 'succeeded' ? 'available' : null,
        finished_at: new Date(finishedAt),
      });
    return updated > 0;
  }

  /** A still unfinished run's state and progress as the engine reported them (Athena's queue). */
  async updateProgress(
    id: string,
    state: 'queued' | 'running',
    progress: number | undefined,
  ) {
    await this.db('query_runs')
      .where({ id })
      .whereIn('state', UNFINISHED)
      .update({ state, progress: progress ?? null });
  }

  /**
   * The process running these runs says they are alive; answers which of them someone asked
   * to cancel (through any replica).
   */
  async heartbeat(
    runnerId: string,
    ids: string[],
    at: Date,
  ): Promise<string[]> {
    if (!ids.length) return [];
    await this.db('query_runs')
      .whereIn('id', ids)
      .where('runner_id', runnerId)
      .whereIn('state', UNFINISHED)
      .update({ heartbeat_at: at });
    const rows = await this.db('query_runs')
      .whereIn('id', ids)
      .whereNotNull('cancel_requested_at')
      .select('id');
    return rows.map(r => r.id);
  }

  async requestCancel(id: string, at: Date) {
    await this.db('query_runs')
      .where({ id })
      .whereIn('state', UNFINISHED)
      .update({ cancel_requested_at: at });
  }

  /**
   * Ends in-process runs whose process stopped: no heartbeat since `staleBefore`, or the
   * given process (shutting down). Returns how many.
   */
  async interrupt(
    filter: { engine: string; staleBefore?: Date; runnerId?: string },
    message: string,
    at: Date,
  ): Promise<number> {
    const query = this.db('query_runs')
      .where('engine', filter.engine)
      .whereIn('state', UNFINISHED);
    if (filter.runnerId) query.where('runner_id', filter.runnerId);
    if (filter.staleBefore) {
      const before = filter.staleBefore;
      query.where(q =>
        q.where('heartbeat_at', '<', before).orWhereNull('heartbeat_at'),
      );
    }
    return query.update({
      state: 'interrupted',
      error: JSON.stringify({ kind: 'engine', message }),
      progress: null,
      finished_at: at,
    });
  }

  /** Unfinished runs of an engine (an engine's own service runs them: any replica polls them). */
  async unfinishedRuns(
    engine: string,
    limit: number,
  ): Promise<StoredQueryRun[]> {
    const rows = await this.db('query_runs')
      .where('engine', engine)
      .whereIn('state', UNFINISHED)
      .orderBy('created_at')
      .limit(limit);
    return rows.map(toRun);
  }

  /** Runs whose stored result outlived the retention. */
  async expiredResults(
    finishedBefore: Date,
    limit: number,
  ): Promise<StoredQueryRun[]> {
    const rows = await this.db('query_runs')
      .where('result_state', 'available')
      .where('finished_at', '<', finishedBefore)
      .orderBy('finished_at')
      .limit(limit);
    return rows.map(toRun);
  }

  /** The user's stored results beyond the newest `capBytes` of them, oldest last kept. */
  async resultsBeyondCap(
    userRef: string,
    capBytes: number,
  ): Promise<StoredQueryRun[]> {
    // The sum first (an index read): it runs after every run, and is almost always within.
    const sum = await this.db('query_runs')
      .where({ user_ref: userRef, result_state: 'available' })
      .sum({ total: 'result_bytes' })
      .first();
    if (Number(sum?.total ?? 0) <= capBytes) return [];
    const rows = await this.db('query_runs')
      .where({ user_ref: userRef, result_state: 'available' })
      .orderBy([{ column: 'finished_at', order: 'desc' }, { column: 'id' }])
      .select('*');
    let total = 0;
    const beyond: StoredQueryRun[] = [];
    for (const row of rows) {
      total += Number(row.result_bytes ?? 0);
      if (total > capBytes) beyond.push(toRun(row));
    }
    return beyond;
  }

  async markResultRemoved(id: string) {
    await this.db('query_runs')
      .where({ id })
      .update({ result_state: 'removed' });
  }

  async listRuns(filter: {
    userRef: string;
    useCaseRef?: string;
    search?: string;
    limit: number;
    offset: number;
  }): Promise<Page<QueryRun>> {
    const query = this.db('query_runs').where('user_ref', filter.userRef);
    if (filter.useCaseRef) query.where('use_case_ref', filter.useCaseRef);
    if (filter.search) {
      // Case-insensitive on SQLite and PostgreSQL alike; LIKE wildcards in the search are literal.
      query.whereRaw(`lower(sql) like ? escape '\\'`, [
        containing(filter.search.toLowerCase()),
      ]);
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query
      .select('*')
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }])
      .limit(filter.limit)
      .offset(filter.offset);
    return {
      items: rows.map(row => toApiRun(toRun(row))),
      totalCount: Number(count),
    };
  }

  /**
   * Runs since `since` that read the dataset, newest first, at most `limit`. A run keeps the
   * datasets it read as a JSON text array, which SQLite and PostgreSQL query differently;
   * matching the quoted ref with LIKE works on both.
   */
  async runsReading(
    datasetRef: string,
    since: Date,
    limit: number,
  ): Promise<QueryRunUsage[]> {
    const rows = await this.db('query_runs')
      .select('user_ref', 'use_case_ref', 'state', 'created_at')
      .where('created_at', '>=', since)
      .andWhereRaw(`LOWER(datasets) LIKE ? ESCAPE '\\'`, [
        containing(JSON.stringify(datasetRef.toLocaleLowerCase('en-US'))),
      ])
      .orderBy('created_at', 'desc')
      .limit(limit);
    return rows.map(r => ({
      userRef: r.user_ref,
      useCaseRef: r.use_case_ref,
      state: r.state,
      createdAt: r.created_at,
    }));
  }

  /** Who ran each run since `since` and the datasets it read, newest first, at most `limit`. */
  async datasetsReadSince(
    since: Date,
    limit: number,
  ): Promise<Array<{ userRef: string; datasets: string[] }>> {
    const rows = await this.db('query_runs')
      .select('user_ref', 'datasets')
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .limit(limit);
    return rows.map(r => {
      let refs: unknown;
      try {
        refs = r.datasets ? JSON.parse(r.datasets) : [];
      } catch {
        refs = []; // a history row from before datasets were recorded
      }
      return {
        userRef: r.user_ref,
        datasets: Array.isArray(refs)
          ? refs.filter((x): x is string => typeof x === 'string')
          : [],
      };
    });
  }

  async insertSaved(saved: SavedQuery): Promise<void> {
    await this.db('saved_queries').insert({
      id: saved.id,
      owner_ref: saved.ownerRef,
      use_case_ref: saved.useCaseRef,
      name: saved.name,
      description: saved.description ?? null,
      sql: saved.sql,
      shared: saved.shared,
      created_at: new Date(saved.createdAt),
      updated_at: new Date(saved.updatedAt),
    });
  }

  async getSaved(id: string): Promise<SavedQuery | undefined> {
    const row = await this.db('saved_queries').where({ id }).first();
    return row ? toSaved(row) : undefined;
  }

  async updateSaved(
    id: string,
    patch: Partial<Pick<SavedQuery, 'name' | 'description' | 'sql' | 'shared'>>,
    at: string,
  ) {
    await this.db('saved_queries')
      .where({ id })
      .update({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined
          ? { description: patch.description }
          : {}),
        ...(patch.sql !== undefined ? { sql: patch.sql } : {}),
        ...(patch.shared !== undefined ? { shared: patch.shared } : {}),
        updated_at: new Date(at),
      });
  }

  async deleteSaved(id: string) {
    await this.db('saved_queries').where({ id }).delete();
  }

  /** The user's own saved queries and those shared with use cases of their teams. */
  async listSaved(filter: {
    ownerRef: string;
    sharedUseCases: string[];
    useCaseRef?: string;
  }): Promise<SavedQuery[]> {
    const query = this.db('saved_queries').where(q =>
      q
        .where('owner_ref', filter.ownerRef)
        .orWhere(inner =>
          inner
            .where('shared', true)
            .whereIn('use_case_ref', filter.sharedUseCases),
        ),
    );
    if (filter.useCaseRef) query.where('use_case_ref', filter.useCaseRef);
    const rows = await query
      .orderBy([{ column: 'updated_at', order: 'desc' }, { column: 'id' }])
      .limit(500);
    return rows.map(toSaved);
  }
}
