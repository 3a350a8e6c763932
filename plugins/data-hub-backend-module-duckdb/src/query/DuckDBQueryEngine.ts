import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants, createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  QueryColumn,
  QueryEngine,
  QueryErrorKind,
  QueryGrant,
  QueryResultPage,
  QueryStartRequest,
  QueryStatus,
  QueryValue,
} from '@cloud-data-hub/data-hub-node';
import { literal, openDuckDB } from '../duckdb';
import type { LocalGrantStore } from '../grants/LocalGrantStore';
import { checkSql } from './SqlGuard';
import { QuerySandboxes, type Sandbox, type TableLocator } from './QuerySandboxes';
import { toQueryValue } from './queryValues';

/** Limits from `dataHub.duckdb.query`. */
export interface DuckDBQueryLimits {
  memoryLimit: string;
  threads: number;
  /** Rows kept for paging; the CSV download streams all of them. */
  maxRows: number;
  timeoutSeconds: number;
  /** Finished queries' rows are kept this long for paging. */
  resultRetentionMinutes: number;
  /** Most queries kept in memory at once (oldest finished ones are dropped first). */
  maxRetainedQueries: number;
}

interface RunningQuery {
  id: string;
  sql: string;
  explain: boolean;
  sandbox: Sandbox;
  connection?: DuckDBConnection;
  state: QueryStatus['state'];
  error?: QueryStatus['error'];
  columns: QueryColumn[];
  rows: QueryValue[][];
  truncated: boolean;
  startedAt: number;
  finishedAt?: number;
  timedOut: boolean;
  cancelled: boolean;
}

/** Sorts DuckDB's error text into what the API can answer with. */
export function classifyDuckDBError(message: string): QueryErrorKind {
  if (/^(Parser|Syntax) Error|Binder Error: Referenced column|Conversion Error/i.test(message)) return 'invalid';
  if (/Catalog Error|Binder Error|Permission Error/i.test(message)) return 'not-granted';
  if (/Out of Memory|INTERRUPT|Interrupted/i.test(message)) return 'limit';
  return 'engine';
}

/** Strips DuckDB's "Error: " prefix and its multi-line caret diagrams to a one-paragraph message. */
function cleanMessage(error: unknown): string {
  return String(error instanceof Error ? error.message : error).replace(/^Error:\s*/, '').trim();
}

/**
 * The embedded default's engine: DuckDB over the local lake, each query in its use case's
 * sandbox (see QuerySandboxes) on its own connection, so several users' queries run side by
 * side on DuckDB's threads and never block Node's event loop.
 */
export class DuckDBQueryEngine implements QueryEngine {
  readonly id = 'duckdb';
  private readonly queries = new Map<string, RunningQuery>();
  private readonly sandboxes: QuerySandboxes;
  private parser?: Promise<DuckDBConnection>;

  constructor(
    private readonly options: {
      grants: LocalGrantStore;
      locate: TableLocator;
      limits: DuckDBQueryLimits;
    },
  ) {
    this.sandboxes = new QuerySandboxes(options.limits, options.locate);
  }

  /** A connection to an empty database, used only to parse SQL. */
  private parserConnection() {
    if (!this.parser) this.parser = openDuckDB({ threads: 1 }).then(db => db.connect());
    return this.parser;
  }

  /**
   * What the use case may read: the store's live grants (expired ones are already gone from
   * them) narrowed to what the local granter recorded, column by column.
   */
  private async effectiveGrants(request: QueryStartRequest): Promise<QueryGrant[]> {
    const local = await this.options.grants.list(request.useCase.entityRef);
    const recorded = new Map(local.map(g => [`${g.glueDatabase}.${g.table}`, new Set(g.columns)]));
    return request.grants
      .map(grant => ({
        ...grant,
        tables: grant.tables
          .map(t => ({ name: t.name, columns: t.columns.filter(c => recorded.get(`${grant.glueDatabase}.${t.name}`)?.has(c)) }))
          .filter(t => t.columns.length > 0),
      }))
      .filter(grant => grant.tables.length > 0);
  }

  async start(request: QueryStartRequest): Promise<{ queryId: string; glueDatabases: string[] }> {
    const grants = await this.effectiveGrants(request);
    const checked = await checkSql(await this.parserConnection(), request.sql, grants);
    const sandbox = await this.sandboxes.get(request.useCase.entityRef, grants);
    const query: RunningQuery = {
      id: randomUUID(),
      sql: checked.sql,
      explain: checked.explain,
      sandbox,
      state: 'running',
      columns: [],
      rows: [],
      truncated: false,
      startedAt: Date.now(),
      timedOut: false,
      cancelled: false,
    };
    this.remember(query);
    void this.run(query);
    return { queryId: query.id, glueDatabases: [...new Set(checked.tables.map(t => t.schema))] };
  }

  private remember(query: RunningQuery) {
    const { resultRetentionMinutes, maxRetainedQueries } = this.options.limits;
    const now = Date.now();
    for (const [id, q] of this.queries) {
      if (q.finishedAt && now - q.finishedAt > resultRetentionMinutes * 60_000) this.queries.delete(id);
    }
    while (this.queries.size >= maxRetainedQueries) {
      const finished = [...this.queries.values()].find(q => q.finishedAt);
      if (!finished) break;
      this.queries.delete(finished.id);
    }
    this.queries.set(query.id, query);
  }

  private columnsOf(result: { columnNames(): string[]; columnTypes(): Array<{ toString(): string }> }): QueryColumn[] {
    const types = result.columnTypes();
    return result.columnNames().map((name, i) => ({ name, type: types[i].toString() }));
  }

  private async run(query: RunningQuery) {
    const { maxRows, timeoutSeconds } = this.options.limits;
    const connection = await query.sandbox.instance.connect();
    query.connection = connection;
    const timer = setTimeout(() => {
      query.timedOut = true;
      connection.interrupt();
    }, timeoutSeconds * 1000);
    try {
      const result = await connection.stream(query.sql);
      query.columns = this.columnsOf(result);
      for await (const rows of result.yieldConvertedRows(toQueryValue)) {
        const room = maxRows - query.rows.length;
        for (let i = 0; i < Math.min(room, rows.length); i++) query.rows.push(rows[i]);
        if (rows.length > room) {
          // Paging keeps the first maxRows; the CSV download streams everything.
          query.truncated = true;
          break;
        }
      }
      query.state = 'succeeded';
    } catch (error) {
      if (query.cancelled) {
        query.state = 'cancelled';
      } else {
        query.state = 'failed';
        const message = cleanMessage(error);
        query.error = query.timedOut
          ? { kind: 'limit', message: `The query ran longer than ${timeoutSeconds} s and was stopped; narrow it or download the CSV` }
          : { kind: classifyDuckDBError(message), message };
      }
    } finally {
      clearTimeout(timer);
      query.finishedAt = Date.now();
      query.connection = undefined;
      connection.closeSync();
    }
  }

  private get(queryId: string): RunningQuery {
    const query = this.queries.get(queryId);
    if (!query) {
      const error = new Error(`No query ${queryId} in the DuckDB engine (results are kept ${this.options.limits.resultRetentionMinutes} minutes); run it again`);
      error.name = 'NotFoundError';
      throw error;
    }
    return query;
  }

  async status(queryId: string): Promise<QueryStatus> {
    const query = this.get(queryId);
    let progress: number | undefined;
    if (query.state === 'running' && query.connection) {
      const percentage = query.connection.progress.percentage;
      progress = percentage >= 0 ? percentage / 100 : undefined;
    }
    return {
      state: query.state,
      progress: query.state === 'succeeded' ? 1 : progress,
      error: query.error,
      statistics: {
        rows: query.rows.length,
        rowsTruncated: query.truncated,
        elapsedMs: (query.finishedAt ?? Date.now()) - query.startedAt,
        costEstimateUsd: 0,
      },
    };
  }

  async page(queryId: string, offset: number, limit: number): Promise<QueryResultPage> {
    const query = this.get(queryId);
    return {
      columns: query.columns,
      rows: query.rows.slice(offset, offset + limit),
      hasMore: offset + limit < query.rows.length,
    };
  }

  /** Re-runs the checked statement on its own connection and yields DuckDB's chunks as they come. */
  async *stream(queryId: string, signal?: AbortSignal) {
    const query = this.get(queryId);
    const connection = await query.sandbox.instance.connect();
    const abort = () => connection.interrupt();
    signal?.addEventListener('abort', abort);
    try {
      const result = await connection.stream(query.sql);
      const columns = this.columnsOf(result);
      yield { columns, rows: [] as QueryValue[][] };
      for await (const rows of result.yieldConvertedRows(toQueryValue)) {
        if (signal?.aborted) return;
        yield { columns, rows: rows as QueryValue[][] };
      }
    } finally {
      signal?.removeEventListener('abort', abort);
      connection.closeSync();
    }
  }

  /**
   * The CSV written by DuckDB itself: `COPY (<checked statement>) TO` a named pipe in the
   * sandbox's own export folder, read as a stream. Formatting in DuckDB's threads instead of
   * converting every value in JavaScript makes a download several times faster, and the pipe
   * keeps memory flat whatever the size. Timestamps use the API's ISO format.
   */
  async streamCsv(queryId: string, signal?: AbortSignal): Promise<NodeJS.ReadableStream> {
    const query = this.get(queryId);
    if (query.explain) {
      const error = new Error('An EXPLAIN has no rows to download');
      error.name = 'InputError';
      throw error;
    }
    const pipe = path.join(query.sandbox.exportDirectory, `${randomUUID()}.csv`);
    await promisify(execFile)('mkfifo', ['-m', '600', pipe]);
    const connection = await query.sandbox.instance.connect();
    const stream = createReadStream(pipe);
    // If DuckDB fails (or is interrupted) before it opened the pipe, the reader would wait
    // for a writer forever: open and close the writing end to give it its end of file.
    const release = () =>
      fs.open(pipe, constants.O_WRONLY | constants.O_NONBLOCK).then(h => h.close(), () => undefined);
    const abort = () => connection.interrupt();
    signal?.addEventListener('abort', abort);
    stream.on('close', abort);
    connection
      .run(`COPY (${query.sql}) TO ${literal(pipe)} (FORMAT csv, HEADER, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S.%gZ')`)
      .catch(async error => {
        stream.destroy(new Error(cleanMessage(error)));
        await release();
      })
      .finally(async () => {
        signal?.removeEventListener('abort', abort);
        connection.closeSync();
        await fs.rm(pipe, { force: true });
      });
    return stream;
  }

  async cancel(queryId: string): Promise<void> {
    const query = this.get(queryId);
    if (query.state !== 'running') return;
    query.cancelled = true;
    query.connection?.interrupt();
  }

  close() {
    this.sandboxes.close();
  }
}
