import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  constants,
  createReadStream,
  promises as fs,
  mkdirSync,
  mkdtempSync,
  rmSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type {
  QueryColumn,
  QueryResultPage,
  QueryValue,
} from '@cloud-data-hub/data-hub-node';
import { literal, openDuckDB } from '../duckdb';
import { engineMessage } from './engineErrors';
import { FIRST_PAGE_ROWS, FirstPageCache } from './FirstPageCache';
import { toQueryValue } from './queryValues';
import { convertChunkRows } from './rowConversion';
import { rowBytes } from './rowBytes';

/** Run ids name folders: only the data hub's UUIDs, so no id can reach outside the results. */
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** CSV timestamps in the API's ISO format. */
const CSV_OPTIONS = `FORMAT csv, HEADER, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S.%gZ'`;

export interface QueryResultsOptions {
  /** The results folder, shared by every replica (a shared volume in production). */
  directory: string;
  memoryLimit: string;
  threads: number;
  /** The most bytes of rows one page request converts (a page of wide rows stops early). */
  maxPageBytes: number;
  /** A CSV download running longer is stopped. */
  downloadTimeoutSeconds: number;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function missingResult(runId: string) {
  const error = new Error(
    `The stored result of query ${runId} is gone (removed after its retention); run it again`,
  );
  error.name = 'NotFoundError';
  return error;
}

/**
 * Runs' stored results: one folder per run, `<directory>/<runId>/result.parquet`, written by
 * DuckDB's `COPY … (FORMAT parquet)` in the use case's sandbox (into the sandbox's staging
 * folder under `<directory>/.staging/`, then moved in whole, so a reader never sees half a
 * file). Pages, row streams and CSV downloads are read from that file by one DuckDB of its
 * own that may open nothing outside the results folder and its pipe folder, so any replica
 * serves any run, and the CSV is still written by DuckDB, never built in JavaScript.
 */
export class QueryResults {
  private readonly pipeDirectory: string;
  private readonly firstPages = new FirstPageCache();
  private instance?: Promise<DuckDBInstance>;

  constructor(private readonly options: QueryResultsOptions) {
    mkdirSync(this.stagingRoot, { recursive: true });
    this.pipeDirectory = mkdtempSync(path.join(os.tmpdir(), 'cdh-results-'));
  }

  /** Where sandboxes make their staging folders (same file system: the move is a rename). */
  get stagingRoot(): string {
    return path.join(this.options.directory, '.staging');
  }

  private folder(runId: string): string {
    if (!RUN_ID.test(runId)) throw new Error(`Not a query run id: ${runId}`);
    return path.join(this.options.directory, runId);
  }

  file(runId: string): string {
    return path.join(this.folder(runId), 'result.parquet');
  }

  /** Moves a complete result from a sandbox's staging folder into the run's folder; its size. */
  async adopt(runId: string, stagedFile: string): Promise<number> {
    await fs.mkdir(this.folder(runId), { recursive: true });
    await fs.rename(stagedFile, this.file(runId));
    this.firstPages.remember(runId, () =>
      this.readPage(runId, 0, FIRST_PAGE_ROWS),
    );
    return (await fs.stat(this.file(runId))).size;
  }

  async remove(runId: string): Promise<void> {
    this.firstPages.forget(runId);
    await fs.rm(this.folder(runId), { recursive: true, force: true });
  }

  /** The reading DuckDB: locked to the results folder and its own pipe folder. */
  private reader(): Promise<DuckDBInstance> {
    this.instance ??= (async () => {
      const instance = await openDuckDB({ threads: this.options.threads });
      const connection = await instance.connect();
      try {
        await connection.run(
          `SET memory_limit = ${literal(this.options.memoryLimit)}`,
        );
        await connection.run(
          `SET allowed_directories = [${literal(
            `${path.resolve(this.options.directory)}/`,
          )}, ${literal(`${this.pipeDirectory}/`)}]`,
        );
        await connection.run('SET enable_external_access = false');
        await connection.run('SET lock_configuration = true');
      } finally {
        connection.closeSync();
      }
      return instance;
    })();
    return this.instance;
  }

  private async source(runId: string): Promise<string> {
    const file = this.file(runId);
    await fs.access(file).catch(() => {
      throw missingResult(runId);
    });
    return `read_parquet(${literal(file)})`;
  }

  private async connect<T>(
    use: (connection: DuckDBConnection) => Promise<T>,
  ): Promise<T> {
    const connection = await (await this.reader()).connect();
    try {
      return await use(connection);
    } finally {
      connection.closeSync();
    }
  }

  /** Rows `offset`..`offset+limit`, fewer when they pass the page's byte cap. */
  async page(
    runId: string,
    offset: number,
    limit: number,
  ): Promise<QueryResultPage> {
    const cached = await this.firstPages.serve(runId, offset, limit);
    // Another replica may have removed the result: the file decides, not the cache.
    if (cached && (await exists(this.file(runId)))) return cached;
    return this.readPage(runId, offset, limit);
  }

  private async readPage(
    runId: string,
    offset: number,
    limit: number,
  ): Promise<QueryResultPage> {
    const source = await this.source(runId);
    return this.connect(async connection => {
      // One row more than asked tells whether there are more.
      const result = await connection.stream(
        `SELECT * FROM ${source} LIMIT ${limit + 1} OFFSET ${offset}`,
      );
      const columns = columnsOf(result);
      const rows: QueryValue[][] = [];
      let bytes = 0;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        for (const row of convertChunkRows(chunk)) {
          bytes += rowBytes(row);
          if (
            rows.length === limit ||
            (rows.length > 0 && bytes > this.options.maxPageBytes)
          ) {
            return { columns, rows, hasMore: true };
          }
          rows.push(row);
        }
      }
      return { columns, rows, hasMore: false };
    });
  }

  /** Every row in DuckDB's chunks, as API values. */
  async *rows(
    runId: string,
    signal?: AbortSignal,
  ): AsyncGenerator<{ columns: QueryColumn[]; rows: QueryValue[][] }> {
    const source = await this.source(runId);
    const connection = await (await this.reader()).connect();
    const stop = () => connection.interrupt();
    signal?.addEventListener('abort', stop);
    try {
      const result = await connection.stream(`SELECT * FROM ${source}`);
      const columns = columnsOf(result);
      yield { columns, rows: [] };
      for await (const rows of result.yieldConvertedRows(toQueryValue)) {
        if (signal?.aborted) return;
        yield { columns, rows: rows as QueryValue[][] };
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      connection.closeSync();
    }
  }

  /**
   * The CSV written by DuckDB itself: `COPY (SELECT * FROM <result>) TO` a named pipe, read
   * as a stream. Formatting in DuckDB's threads instead of converting every value in
   * JavaScript makes a download several times faster, and the pipe keeps memory flat
   * whatever the size.
   */
  async csv(
    runId: string,
    signal?: AbortSignal,
  ): Promise<NodeJS.ReadableStream> {
    const source = await this.source(runId);
    const connection = await (await this.reader()).connect();
    const pipe = path.join(this.pipeDirectory, `${randomUUID()}.csv`);
    try {
      await promisify(execFile)('mkfifo', ['-m', '600', pipe]);
    } catch (error) {
      connection.closeSync();
      throw error;
    }
    const seconds = this.options.downloadTimeoutSeconds;
    let timedOut = false;
    const stop = () => connection.interrupt();
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, seconds * 1000);
    signal?.addEventListener('abort', stop);

    const pipeReader = createReadStream(pipe);
    // The download ends only when DuckDB says the COPY succeeded: an interrupted or failed COPY
    // closes the pipe too, and its end of file must not pass for a complete CSV.
    const output = new PassThrough();
    pipeReader.pipe(output, { end: false });
    pipeReader.on('error', error => output.destroy(error));
    const pipeDone = new Promise<void>(resolve =>
      pipeReader.on('close', () => resolve()),
    );
    // If DuckDB fails before it opened the pipe, the reader would wait for a writer forever:
    // open and close the writing end to give it its end of file.
    const release = () =>
      fs.open(pipe, constants.O_WRONLY | constants.O_NONBLOCK).then(
        h => h.close(),
        () => undefined,
      );
    // The reader went away: stop DuckDB, and close the pipe so a write blocked on it fails.
    output.on('close', () => {
      stop();
      pipeReader.destroy();
    });
    connection
      .run(
        `COPY (SELECT * FROM ${source}) TO ${literal(pipe)} (${CSV_OPTIONS})`,
      )
      .then(
        async () => {
          await pipeDone;
          output.end();
        },
        async error => {
          output.destroy(
            new Error(
              timedOut
                ? `The download ran longer than ${seconds} s and was stopped`
                : engineMessage(error),
            ),
          );
          await release();
          pipeReader.destroy();
        },
      )
      .finally(async () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        connection.closeSync();
        await fs.rm(pipe, { force: true });
      });
    return output;
  }

  /** Writes rows the engine has in hand (an EXPLAIN's plan) as a run's result; its size. */
  async write(
    runId: string,
    columns: string[],
    rows: string[][],
  ): Promise<number> {
    const staged = path.join(this.stagingRoot, `${runId}.parquet`);
    const values = rows
      .map(row => `(${row.map(v => literal(v)).join(', ')})`)
      .join(', ');
    const names = columns.map(c => `"${c.replace(/"/g, '""')}"`).join(', ');
    await this.connect(connection =>
      connection.run(
        `COPY (SELECT * FROM (VALUES ${values}) AS t(${names})) TO ${literal(
          staged,
        )} (FORMAT parquet)`,
      ),
    );
    return this.adopt(runId, staged);
  }

  close() {
    this.instance?.then(i => i.closeSync()).catch(() => undefined);
    rmSync(this.pipeDirectory, { recursive: true, force: true });
  }
}

function columnsOf(result: {
  columnNames(): string[];
  columnTypes(): Array<{ toString(): string }>;
}): QueryColumn[] {
  const types = result.columnTypes();
  return result
    .columnNames()
    .map((name, i) => ({ name, type: types[i].toString() }));
}
