import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type {
  QueryEngine,
  QueryGrant,
  QueryReadContext,
  QueryResultPage,
  QueryRunHandle,
  QueryStartRequest,
  QueryStatus,
  QueryTableRead,
  StartedQuery,
} from '@cloud-data-hub/data-hub-node';
import { literal, openDuckDB } from '../duckdb';
import type { LocalGrantStore } from '../grants/LocalGrantStore';
import { checkSql } from './SqlGuard';
import { checkPlan } from './PlanGuard';
import {
  QuerySandboxes,
  type Sandbox,
  type TableLocator,
} from './QuerySandboxes';
import { classifyDuckDBError, engineMessage } from './engineErrors';
import { PLAN_COLUMNS, explainAsJson, planRows } from './explainPlan';
import { QueryResults } from './QueryResults';
import { StatementCache } from './StatementCache';

export { classifyDuckDBError } from './engineErrors';

/** Limits and places from `dataHub.duckdb.query`. */
export interface DuckDBQueryLimits {
  memoryLimit: string;
  threads: number;
  /** A run whose stored result grows past this many bytes is stopped. */
  maxResultBytes: number;
  /** The most bytes of rows one page request converts. */
  maxPageBytes: number;
  timeoutSeconds: number;
  /** A CSV download running longer is stopped. */
  downloadTimeoutSeconds: number;
  /** Where runs' results are stored: one folder shared by every replica. */
  resultsDirectory: string;
}

/**
 * Rows per Parquet row group of a stored result. DuckDB reads a row group per thread at a
 * time: smaller groups than its default (122,880) keep a CSV download's memory lower (peak
 * growth 87–145 MB instead of 228 MB for 2 million rows in bench/query-csv) at the same
 * speed, and let a page far into a result skip whole groups.
 */
const RESULT_ROW_GROUP_ROWS = 16_384;
/** How often a running COPY's file is measured against the result cap. */
const SIZE_CHECK_MS = 200;

/** A run executing in this process: what stops it and tells its progress. */
interface ActiveRun {
  connection: DuckDBConnection;
  cancelled: boolean;
}

/**
 * The embedded default's engine: DuckDB over the local lake, each run in its use case's
 * sandbox (see QuerySandboxes) on its own connection, so several users' queries run side by
 * side on DuckDB's threads and never block Node's event loop. Every statement passes two
 * independent checks before it runs: the SQL guard over DuckDB's parse tree, and the plan
 * guard over what DuckDB bound in the sandbox. A run writes its result to Parquet in the
 * shared results folder (QueryResults), from which any replica serves its pages and CSV; the
 * process keeps nothing of a run once it ended.
 */
export class DuckDBQueryEngine implements QueryEngine {
  readonly id = 'duckdb';
  readonly runsIn = 'process' as const;
  private readonly active = new Map<string, ActiveRun>();
  private readonly sandboxes: QuerySandboxes;
  private readonly results: QueryResults;
  private readonly checkedPlans = new WeakMap<
    DuckDBInstance,
    StatementCache<QueryTableRead[]>
  >();
  private parser?: Promise<DuckDBConnection>;

  constructor(
    private readonly options: {
      grants: LocalGrantStore;
      locate: TableLocator;
      limits: DuckDBQueryLimits;
    },
  ) {
    const { limits } = options;
    this.results = new QueryResults({
      directory: limits.resultsDirectory,
      memoryLimit: limits.memoryLimit,
      threads: limits.threads,
      maxPageBytes: limits.maxPageBytes,
      downloadTimeoutSeconds: limits.downloadTimeoutSeconds,
    });
    this.sandboxes = new QuerySandboxes(
      limits,
      options.locate,
      this.results.stagingRoot,
    );
  }

  /** A connection to an empty database, used only to parse SQL. */
  private parserConnection() {
    if (!this.parser)
      this.parser = openDuckDB({ threads: 1 }).then(db => db.connect());
    return this.parser;
  }

  /**
   * What the use case may read: the store's live grants (expired ones are already gone from
   * them) narrowed to what the local granter recorded, column by column.
   */
  private async effectiveGrants(
    useCaseRef: string,
    grants: QueryGrant[],
  ): Promise<QueryGrant[]> {
    const local = await this.options.grants.list(useCaseRef);
    const recorded = new Map(
      local.map(g => [`${g.glueDatabase}.${g.table}`, new Set(g.columns)]),
    );
    return grants
      .map(grant => ({
        ...grant,
        tables: grant.tables
          .map(t => ({
            name: t.name,
            columns: t.columns.filter(c =>
              recorded.get(`${grant.glueDatabase}.${t.name}`)?.has(c),
            ),
          }))
          .filter(t => t.columns.length > 0),
      }))
      .filter(grant => grant.tables.length > 0);
  }

  async start(request: QueryStartRequest): Promise<StartedQuery> {
    const grants = await this.effectiveGrants(
      request.useCase.entityRef,
      request.grants,
    );
    const checked = await checkSql(
      await this.parserConnection(),
      request.sql,
      grants,
    );
    const sandbox = await this.sandboxes.acquire(
      request.useCase.entityRef,
      grants,
    );
    let connection: DuckDBConnection | undefined;
    try {
      connection = await sandbox.instance.connect();
      const reads = await this.checkedPlan(
        connection,
        checked.statement,
        sandbox,
      );
      const run: ActiveRun = { connection, cancelled: false };
      this.active.set(request.runId, run);
      const finished = this.execute(request.runId, checked, run, sandbox);
      return {
        engineQueryId: request.runId,
        glueDatabases: [...new Set(reads.map(r => r.glueDatabase))],
        reads,
        finished,
      };
    } catch (error) {
      connection?.closeSync();
      sandbox.release();
      throw error;
    }
  }

  /**
   * The plan check's reads of a statement in a sandbox. A sandbox holds one set of grants
   * and files for its whole life, so a statement that passed in it binds the same plan there
   * again: statements run again skip binding twice. Refusals are not kept.
   */
  private async checkedPlan(
    connection: DuckDBConnection,
    statement: string,
    sandbox: Sandbox,
  ): Promise<QueryTableRead[]> {
    let checked = this.checkedPlans.get(sandbox.instance);
    if (!checked)
      this.checkedPlans.set(sandbox.instance, (checked = new StatementCache()));
    const known = checked.get(statement);
    if (known) return known;
    const reads = await checkPlan(
      connection,
      statement,
      sandbox.files,
      this.options.limits.timeoutSeconds * 1000,
    );
    checked.set(statement, reads);
    return reads;
  }

  /**
   * Runs the checked statement into the run's result file and answers its end. The file is
   * measured while DuckDB writes it, and a run past the result cap or the time limit is
   * interrupted; a cancelled one too.
   */
  private async execute(
    runId: string,
    checked: { sql: string; statement: string; explain: boolean },
    run: ActiveRun,
    sandbox: Sandbox,
  ): Promise<QueryStatus> {
    const { timeoutSeconds, maxResultBytes } = this.options.limits;
    const startedAt = Date.now();
    const staged = path.join(sandbox.exportDirectory, `${runId}.parquet`);
    let stopped: 'time' | 'size' | undefined;
    const timer = setTimeout(() => {
      stopped = 'time';
      run.connection.interrupt();
    }, timeoutSeconds * 1000);
    const sizeCheck = setInterval(() => {
      fs.stat(staged).then(
        s => {
          if (s.size > maxResultBytes && !stopped) {
            stopped = 'size';
            run.connection.interrupt();
          }
        },
        () => undefined,
      );
    }, SIZE_CHECK_MS);
    try {
      let rows: number;
      let resultBytes: number;
      if (checked.explain) {
        // A plan is a few rows, built from DuckDB's JSON plan with only the fields it may show.
        const result = await run.connection.runAndReadAll(
          explainAsJson(
            checked.statement,
            /^explain\s+analyze\b/i.test(checked.sql),
          ),
        );
        const values = planRows(String(result.getRows()[0]?.[1] ?? '[]'));
        rows = values.length;
        resultBytes = await this.results.write(runId, PLAN_COLUMNS, values);
      } else {
        const result = await run.connection.runAndReadAll(
          `COPY (${checked.sql}\n) TO ${literal(
            staged,
          )} (FORMAT parquet, ROW_GROUP_SIZE ${RESULT_ROW_GROUP_ROWS})`,
        );
        rows = Number(result.getRows()[0]?.[0] ?? 0);
        resultBytes = await this.results.adopt(runId, staged);
      }
      if (resultBytes > maxResultBytes) {
        await this.results.remove(runId);
        stopped = 'size';
        throw new Error('result too large');
      }
      return {
        state: 'succeeded',
        progress: 1,
        statistics: {
          rows,
          elapsedMs: Date.now() - startedAt,
          costEstimateUsd: 0,
          resultBytes,
        },
      };
    } catch (error) {
      await fs.rm(staged, { force: true });
      const elapsed = { elapsedMs: Date.now() - startedAt };
      if (run.cancelled) return { state: 'cancelled', statistics: elapsed };
      if (stopped === 'time') {
        return {
          state: 'failed',
          error: {
            kind: 'limit',
            message: `The query ran longer than ${timeoutSeconds} s and was stopped; narrow it`,
          },
          statistics: elapsed,
        };
      }
      if (stopped === 'size') {
        return {
          state: 'failed',
          error: {
            kind: 'limit',
            message: `The query's result grew past ${formatBytes(
              maxResultBytes,
            )}, the most one query may keep, and it was stopped; select fewer rows or columns, or aggregate`,
          },
          statistics: elapsed,
        };
      }
      const message = engineMessage(error);
      return {
        state: 'failed',
        error: { kind: classifyDuckDBError(message), message },
        statistics: elapsed,
      };
    } finally {
      clearTimeout(timer);
      clearInterval(sizeCheck);
      this.active.delete(runId);
      run.connection.closeSync();
      sandbox.release();
    }
  }

  async status(run: QueryRunHandle): Promise<QueryStatus> {
    const active = this.active.get(run.runId);
    if (!active) {
      const error = new Error(
        `Query ${run.runId} is not running in this process`,
      );
      error.name = 'NotFoundError';
      throw error;
    }
    const percentage = active.connection.progress.percentage;
    return {
      state: 'running',
      progress: percentage >= 0 ? percentage / 100 : undefined,
      statistics: {},
    };
  }

  async page(
    run: QueryRunHandle,
    offset: number,
    limit: number,
  ): Promise<QueryResultPage> {
    return this.results.page(run.runId, offset, limit);
  }

  stream(run: QueryRunHandle, read: QueryReadContext) {
    return this.results.rows(run.runId, read.signal);
  }

  async streamCsv(
    run: QueryRunHandle,
    read: QueryReadContext,
  ): Promise<NodeJS.ReadableStream> {
    return this.results.csv(run.runId, read.signal);
  }

  async cancel(run: QueryRunHandle): Promise<void> {
    const active = this.active.get(run.runId);
    if (!active) return;
    active.cancelled = true;
    active.connection.interrupt();
  }

  async removeResult(run: QueryRunHandle): Promise<void> {
    await this.results.remove(run.runId);
  }

  close() {
    for (const run of this.active.values()) {
      run.cancelled = true;
      run.connection.interrupt();
    }
    this.sandboxes.close();
    this.results.close();
  }
}

function formatBytes(bytes: number) {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.round(bytes / 1024 ** 2)} MB`;
}
