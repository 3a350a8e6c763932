import type { Knex } from 'knex';
import type { Page, QueryRun, SavedQuery } from '@cloud-data-hub/data-hub-common';
import { isoTimestamp as iso } from '../database/isoTimestamp';

type Row = Record<string, any>;

const num = (value: unknown) => (value === null || value === undefined ? undefined : Number(value));

/** A dataset's table a run read, and the columns of it. */
export interface QueryRunRead {
  datasetRef: string;
  glueDatabase: string;
  table: string;
  columns: string[];
}

/** A history row: the API shape plus the engine's own id and what the run read under which grants. */
export interface StoredQueryRun extends QueryRun {
  engineQueryId?: string;
  /** Absent on runs recorded before reads were (their output is not served again). */
  reads?: QueryRunRead[];
  grantIds?: string[];
}

function toRun(row: Row): StoredQueryRun {
  return {
    id: row.id,
    userRef: row.user_ref,
    useCaseRef: row.use_case_ref,
    sql: row.sql,
    engine: row.engine,
    engineQueryId: row.engine_query_id ?? undefined,
    state: row.state,
    error: row.error ? JSON.parse(row.error) : undefined,
    datasets: row.datasets ? JSON.parse(row.datasets) : [],
    reads: row.reads ? JSON.parse(row.reads) : undefined,
    grantIds: row.grant_ids ? JSON.parse(row.grant_ids) : undefined,
    statistics: {
      rows: num(row.rows),
      bytesScanned: num(row.bytes_scanned),
      elapsedMs: num(row.elapsed_ms),
      costEstimateUsd: num(row.cost_usd),
    },
    createdAt: iso(row.created_at)!,
    finishedAt: iso(row.finished_at),
  };
}

/** The run as the API shows it: without the engine's id and the grants it ran under. */
export function toApiRun(run: StoredQueryRun): QueryRun {
  const { engineQueryId: _engineQueryId, reads: _reads, grantIds: _grantIds, ...api } = run;
  return api;
}

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
    await this.db('query_history').insert({
      id: run.id,
      user_ref: run.userRef,
      use_case_ref: run.useCaseRef,
      sql: run.sql,
      engine: run.engine,
      engine_query_id: run.engineQueryId ?? null,
      state: run.state,
      error: run.error ? JSON.stringify(run.error) : null,
      datasets: JSON.stringify(run.datasets),
      reads: run.reads ? JSON.stringify(run.reads) : null,
      grant_ids: run.grantIds ? JSON.stringify(run.grantIds) : null,
      created_at: new Date(run.createdAt),
    });
  }

  async getRun(id: string): Promise<StoredQueryRun | undefined> {
    const row = await this.db('query_history').where({ id }).first();
    return row ? toRun(row) : undefined;
  }

  /** Records how a run ended; only the first report of an end counts. */
  async finishRun(id: string, run: Pick<QueryRun, 'state' | 'error' | 'statistics'>, finishedAt: string) {
    await this.db('query_history')
      .where({ id })
      .whereIn('state', ['queued', 'running'])
      .update({
        state: run.state,
        error: run.error ? JSON.stringify(run.error) : null,
        rows: run.statistics.rows ?? null,
        bytes_scanned: run.statistics.bytesScanned ?? null,
        elapsed_ms: run.statistics.elapsedMs ?? null,
        cost_usd: run.statistics.costEstimateUsd ?? null,
        finished_at: new Date(finishedAt),
      });
  }

  async listRuns(filter: { userRef: string; useCaseRef?: string; search?: string; limit: number; offset: number }): Promise<Page<QueryRun>> {
    const query = this.db('query_history').where('user_ref', filter.userRef);
    if (filter.useCaseRef) query.where('use_case_ref', filter.useCaseRef);
    if (filter.search) {
      // Case-insensitive on SQLite and PostgreSQL alike; LIKE wildcards in the search are literal.
      const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`;
      query.whereRaw(`lower(sql) like ? escape '\\'`, [pattern]);
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query.select('*').orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]).limit(filter.limit).offset(filter.offset);
    return { items: rows.map(row => toApiRun(toRun(row))), totalCount: Number(count) };
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

  async updateSaved(id: string, patch: Partial<Pick<SavedQuery, 'name' | 'description' | 'sql' | 'shared'>>, at: string) {
    await this.db('saved_queries')
      .where({ id })
      .update({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.sql !== undefined ? { sql: patch.sql } : {}),
        ...(patch.shared !== undefined ? { shared: patch.shared } : {}),
        updated_at: new Date(at),
      });
  }

  async deleteSaved(id: string) {
    await this.db('saved_queries').where({ id }).delete();
  }

  /** The user's own saved queries and those shared with use cases of their teams. */
  async listSaved(filter: { ownerRef: string; sharedUseCases: string[]; useCaseRef?: string }): Promise<SavedQuery[]> {
    const query = this.db('saved_queries').where(q =>
      q.where('owner_ref', filter.ownerRef).orWhere(inner =>
        inner.where('shared', true).whereIn('use_case_ref', filter.sharedUseCases),
      ),
    );
    if (filter.useCaseRef) query.where('use_case_ref', filter.useCaseRef);
    const rows = await query.orderBy([{ column: 'updated_at', order: 'desc' }, { column: 'id' }]).limit(500);
    return rows.map(toSaved);
  }
}
