import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants, createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  QueryColumn,
  QueryEngine,
  QueryGrant,
  QueryReadContext,
  QueryResultPage,
  QueryStartRequest,
  QueryStatus,
  QueryTableRead,
  QueryValue,
} from '@cloud-data-hub/data-hub-node';
import { literal, openDuckDB } from '../duckdb';
import type { LocalGrantStore } from '../grants/LocalGrantStore';
import { checkSql } from './SqlGuard';
import { checkPlan } from './PlanGuard';
import { QuerySandboxes, type Sandbox, type TableLocator } from './QuerySandboxes';
import { toQueryValue } from './queryValues';
import { convertChunkRows } from './rowConversion';
import { classifyDuckDBError, engineMessage, withoutPaths } from './engineErrors';
import { ResultMemory, rowBytes } from './ResultMemory';

export { classifyDuckDBError } from './engineErrors';

/** Limits from `dataHub.duckdb.query`. */
export interface DuckDBQueryLimits {
  memoryLimit: string;
  threads: number;
  /** Rows kept for paging; the CSV download streams all of them. */
  maxRows: number;
  /** Bytes of rows kept for paging per query (estimated as JavaScript holds them). */
  maxResultBytes: number;
  /** Bytes of rows kept for paging by all queries together. */
  maxRetainedBytes: number;
  timeoutSeconds: number;
  /** A CSV download running longer is stopped. */
  downloadTimeoutSeconds: number;
  /** Finished queries' rows are kept this long for paging. */
  resultRetentionMinutes: number;
  /** Most queries kept in memory at once (oldest finished ones are dropped first). */
  maxRetainedQueries: number;
}

interface RunningQuery {
  id: string;
  useCaseRef: string;
  /** What the person sent: a download checks it again under the grants live then. */
  requestSql: string;
  sql: string;
  explain: boolean;
  connection?: DuckDBConnection;
  state: QueryStatus['state'];
  error?: QueryStatus['error'];
  columns: QueryColumn[];
  rows: QueryValue[][];
  /** Rows kept for paging (also once they gave way to newer results). */
  rowCount: number;
  truncated: boolean;
  /** Its rows gave way to newer results (memory cap). */
  dropped?: boolean;
  startedAt: number;
  finishedAt?: number;
  timedOut: boolean;
  cancelled: boolean;
}

function limitError(message: string) {
  const error = new Error(message);
  error.name = 'InputError';
  return error;
}

/**
 * The embedded default's engine: DuckDB over the local lake, each query in its use case's
 * sandbox (see QuerySandboxes) on its own connection, so several users' queries run side by
 * side on DuckDB's threads and never block Node's event loop. Every statement passes two
 * independent checks before it runs: the SQL guard over DuckDB's parse tree, and the plan
 * guard over what DuckDB bound in the sandbox.
 */
export class DuckDBQueryEngine implements QueryEngine {
  readonly id = 'duckdb';
  private readonly queries = new Map<string, RunningQuery>();
  private readonly sandboxes: QuerySandboxes;
  private readonly memory: ResultMemory<RunningQuery>;
  private parser?: Promise<DuckDBConnection>;

  constructor(
    private readonly options: {
      grants: LocalGrantStore;
      locate: TableLocator;
      limits: DuckDBQueryLimits;
    },
  ) {
    this.sandboxes = new QuerySandboxes(options.limits, options.locate);
    this.memory = new ResultMemory(options.limits.maxRetainedBytes);
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
  private async effectiveGrants(useCaseRef: string, grants: QueryGrant[]): Promise<QueryGrant[]> {
    const local = await this.options.grants.list(useCaseRef);
    const recorded = new Map(local.map(g => [`${g.glueDatabase}.${g.table}`, new Set(g.columns)]));
    return grants
      .map(grant => ({
        ...grant,
        tables: grant.tables
          .map(t => ({ name: t.name, columns: t.columns.filter(c => recorded.get(`${grant.glueDatabase}.${t.name}`)?.has(c)) }))
          .filter(t => t.columns.length > 0),
      }))
      .filter(grant => grant.tables.length > 0);
  }

  /**
   * Both checks, under the given grants, on a connection of the sandbox the statement will
   * run in. The caller owns the returned lease and connection.
   */
  private async prepare(useCaseRef: string, sql: string, liveGrants: QueryGrant[]) {
    const grants = await this.effectiveGrants(useCaseRef, liveGrants);
    const checked = await checkSql(await this.parserConnection(), sql, grants);
    const sandbox = await this.sandboxes.acquire(useCaseRef, grants);
    let connection: DuckDBConnection | undefined;
    try {
      connection = await sandbox.instance.connect();
      const reads = await checkPlan(connection, checked.statement, sandbox.files, this.options.limits.timeoutSeconds * 1000);
      return { checked, sandbox, connection, reads };
    } catch (error) {
      connection?.closeSync();
      sandbox.release();
      throw error;
    }
  }

  async start(request: QueryStartRequest): Promise<{ queryId: string; glueDatabases: string[]; reads: QueryTableRead[] }> {
    const { checked, sandbox, connection, reads } = await this.prepare(request.useCase.entityRef, request.sql, request.grants);
    const query: RunningQuery = {
      id: randomUUID(),
      useCaseRef: request.useCase.entityRef,
      requestSql: request.sql,
      sql: checked.sql,
      explain: checked.explain,
      state: 'running',
      columns: [],
      rows: [],
      rowCount: 0,
      truncated: false,
      startedAt: Date.now(),
      timedOut: false,
      cancelled: false,
    };
    this.remember(query);
    void this.run(query, sandbox, connection);
    return { queryId: query.id, glueDatabases: [...new Set(reads.map(r => r.glueDatabase))], reads };
  }

  private forget(query: RunningQuery) {
    this.queries.delete(query.id);
    this.memory.free(query);
  }

  /** Frees a finished query's rows but keeps its state, so its page says what happened. */
  private drop(query: RunningQuery) {
    this.memory.free(query);
    query.rows = [];
    query.dropped = true;
  }

  private remember(query: RunningQuery) {
    const { resultRetentionMinutes, maxRetainedQueries } = this.options.limits;
    const now = Date.now();
    for (const q of [...this.queries.values()]) {
      if (q.finishedAt && now - q.finishedAt > resultRetentionMinutes * 60_000) this.forget(q);
    }
    while (this.queries.size >= maxRetainedQueries) {
      const finished = [...this.queries.values()].find(q => q.finishedAt);
      if (!finished) break;
      this.forget(finished);
    }
    this.queries.set(query.id, query);
  }

  /** Makes room for `bytes` more by dropping the oldest finished results; false if it cannot. */
  private makeRoom(bytes: number): boolean {
    while (!this.memory.fits(bytes)) {
      const finished = [...this.queries.values()].find(q => q.finishedAt && this.memory.heldBy(q) > 0);
      if (!finished) return false;
      this.drop(finished);
    }
    return true;
  }

  private columnsOf(result: { columnNames(): string[]; columnTypes(): Array<{ toString(): string }> }): QueryColumn[] {
    const types = result.columnTypes();
    return result.columnNames().map((name, i) => ({ name, type: types[i].toString() }));
  }

  /**
   * Keeps a row for paging within the row and byte caps; false once the result is cut (the CSV
   * download streams everything). Throws when all queries together hold the total cap and no
   * finished result can give way.
   */
  private keep(query: RunningQuery, converted: QueryValue[]): boolean {
    const { maxRows, maxResultBytes, maxRetainedBytes } = this.options.limits;
    // EXPLAIN ANALYZE names the files it scanned: the plan is the person's, the paths are not.
    const row = query.explain ? converted.map(v => (typeof v === 'string' ? withoutPaths(v) : v)) : converted;
    const bytes = rowBytes(row);
    if (query.rows.length >= maxRows || this.memory.heldBy(query) + bytes > maxResultBytes) {
      query.truncated = true;
      return false;
    }
    if (!this.makeRoom(bytes)) {
      throw limitError(
        `The portal is holding as many query results in memory as it may (${formatBytes(maxRetainedBytes)}); try again in a few minutes, or download the CSV`,
      );
    }
    this.memory.take(query, bytes);
    query.rows.push(row);
    query.rowCount++;
    return true;
  }

  private async run(query: RunningQuery, sandbox: Sandbox, connection: DuckDBConnection) {
    const { timeoutSeconds } = this.options.limits;
    query.connection = connection;
    const timer = setTimeout(() => {
      query.timedOut = true;
      connection.interrupt();
    }, timeoutSeconds * 1000);
    try {
      const result = await connection.stream(query.sql);
      query.columns = this.columnsOf(result);
      // Row by row, so the caps apply before the next value is converted, not after a whole
      // chunk of 2,048 rows has become JavaScript.
      let more = true;
      while (more) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        for (const row of convertChunkRows(chunk)) {
          more = this.keep(query, row);
          if (!more) break;
        }
      }
      query.state = 'succeeded';
    } catch (error) {
      if (query.cancelled) {
        query.state = 'cancelled';
      } else {
        query.state = 'failed';
        const message = engineMessage(error);
        if (query.timedOut) {
          query.error = { kind: 'limit', message: `The query ran longer than ${timeoutSeconds} s and was stopped; narrow it or download the CSV` };
        } else if (error instanceof Error && error.name === 'InputError') {
          query.error = { kind: 'limit', message };
        } else {
          query.error = { kind: classifyDuckDBError(message), message };
        }
        this.memory.free(query);
        query.rows = [];
        query.rowCount = 0;
      }
    } finally {
      clearTimeout(timer);
      query.finishedAt = Date.now();
      query.connection = undefined;
      connection.closeSync();
      sandbox.release();
    }
  }

  private get(queryId: string): RunningQuery {
    const query = this.queries.get(queryId);
    if (!query) {
      const error = new Error(
        `No results of query ${queryId} in the DuckDB engine any more (they are kept ${this.options.limits.resultRetentionMinutes} minutes, and older ones give way when memory is short); run it again`,
      );
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
        rows: query.rowCount,
        rowsTruncated: query.truncated,
        elapsedMs: (query.finishedAt ?? Date.now()) - query.startedAt,
        costEstimateUsd: 0,
      },
    };
  }

  async page(queryId: string, offset: number, limit: number): Promise<QueryResultPage> {
    const query = this.get(queryId);
    if (query.dropped) {
      const error = new Error(
        `The rows of query ${queryId} gave way to newer results (the portal keeps ${formatBytes(this.options.limits.maxRetainedBytes)} of results in memory); run it again, or download the CSV`,
      );
      error.name = 'NotFoundError';
      throw error;
    }
    return {
      columns: query.columns,
      rows: query.rows.slice(offset, offset + limit),
      hasMore: offset + limit < query.rows.length,
    };
  }

  /**
   * A download recomputes the result, so it is checked again — both checks, in a sandbox of
   * the grants live now — and runs under the download time limit. A revoke, an expiry or a
   * narrower extension since the query ran ends in 403, not in the old rows.
   */
  private async rerun(queryId: string, read: QueryReadContext) {
    const query = this.get(queryId);
    if (query.explain) throw limitError('An EXPLAIN has no rows to download');
    const prepared = await this.prepare(query.useCaseRef, query.requestSql, read.grants);
    const { connection } = prepared;
    const seconds = this.options.limits.downloadTimeoutSeconds;
    let timedOut = false;
    const stop = () => connection.interrupt();
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, seconds * 1000);
    read.signal?.addEventListener('abort', stop);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      read.signal?.removeEventListener('abort', stop);
      connection.closeSync();
      prepared.sandbox.release();
    };
    const failure = (error: unknown) =>
      new Error(timedOut ? `The download ran longer than ${seconds} s and was stopped; narrow the query` : engineMessage(error));
    return { ...prepared, stop, finish, failure };
  }

  /** Re-runs the checked statement on its own connection and yields DuckDB's chunks as they come. */
  async *stream(queryId: string, read: QueryReadContext) {
    const run = await this.rerun(queryId, read);
    try {
      const result = await run.connection.stream(run.checked.sql).catch(error => {
        throw run.failure(error);
      });
      const columns = this.columnsOf(result);
      yield { columns, rows: [] as QueryValue[][] };
      try {
        for await (const rows of result.yieldConvertedRows(toQueryValue)) {
          if (read.signal?.aborted) return;
          yield { columns, rows: rows as QueryValue[][] };
        }
      } catch (error) {
        throw run.failure(error);
      }
    } finally {
      run.finish();
    }
  }

  /**
   * The CSV written by DuckDB itself: `COPY (<checked statement>) TO` a named pipe in the
   * sandbox's own export folder, read as a stream. Formatting in DuckDB's threads instead of
   * converting every value in JavaScript makes a download several times faster, and the pipe
   * keeps memory flat whatever the size. Timestamps use the API's ISO format.
   */
  async streamCsv(queryId: string, read: QueryReadContext): Promise<NodeJS.ReadableStream> {
    const run = await this.rerun(queryId, read);
    const pipe = path.join(run.sandbox.exportDirectory, `${randomUUID()}.csv`);
    try {
      await promisify(execFile)('mkfifo', ['-m', '600', pipe]);
    } catch (error) {
      run.finish();
      throw error;
    }
    const pipeReader = createReadStream(pipe);
    // The download ends only when DuckDB says the COPY succeeded: an interrupted or failed COPY
    // closes the pipe too, and its end of file must not pass for a complete CSV.
    const output = new PassThrough();
    pipeReader.pipe(output, { end: false });
    pipeReader.on('error', error => output.destroy(error));
    const pipeDone = new Promise<void>(resolve => pipeReader.on('close', () => resolve()));
    // If DuckDB fails (or is interrupted) before it opened the pipe, the reader would wait
    // for a writer forever: open and close the writing end to give it its end of file.
    const release = () =>
      fs.open(pipe, constants.O_WRONLY | constants.O_NONBLOCK).then(h => h.close(), () => undefined);
    // The reader went away: stop DuckDB, and close the pipe so a write blocked on it fails.
    output.on('close', () => {
      run.stop();
      pipeReader.destroy();
    });
    run.connection
      .run(`COPY (${run.checked.sql}) TO ${literal(pipe)} (FORMAT csv, HEADER, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S.%gZ')`)
      .then(
        async () => {
          await pipeDone;
          output.end();
        },
        async error => {
          output.destroy(run.failure(error));
          await release();
          pipeReader.destroy();
        },
      )
      .finally(async () => {
        run.finish();
        await fs.rm(pipe, { force: true });
      });
    return output;
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

function formatBytes(bytes: number) {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}
