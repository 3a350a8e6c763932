/**
 * A column of a query result, with the engine's type name (e.g. `BIGINT`, `VARCHAR`, `TIMESTAMP`).
 *
 * @public
 */
export interface QueryColumn {
  name: string;
  type: string;
}

/**
 * A value as the API returns it: numbers, booleans and null keep their JSON type; timestamps
 * and dates are ISO strings; integers beyond 2^53, decimals that would lose precision,
 * binary data and nested values are strings (nested as JSON text).
 *
 * @public
 */
export type QueryValue = string | number | boolean | null;

/**
 * A run's state. `interrupted`: it was running in a backend process that stopped (a restart,
 * a crash) before it ended; it can be run again.
 *
 * @public
 */
export type QueryState =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'interrupted';

/**
 * Why a query failed, so the API can answer with the right status and message.
 *
 * @public
 */
export type QueryErrorKind =
  /** The SQL is malformed or not a single read-only statement (400). */
  | 'invalid'
  /** It names a table or column the use case holds no grant on, or that does not exist (403/400). */
  | 'not-granted'
  /** A memory, row or time limit stopped it. */
  | 'limit'
  /** Anything else the engine reported. */
  | 'engine';

/** @public */
export interface QueryStatistics {
  /** Rows produced so far (all of them once succeeded). */
  rows?: number;
  /** True when the query has more rows than the engine keeps for paging (the CSV has all). */
  rowsTruncated?: boolean;
  bytesScanned?: number;
  elapsedMs?: number;
  /** Engine cost estimate in US dollars (Athena: data scanned × price per TB). */
  costEstimateUsd?: number;
  /** Bytes of the stored result (DuckDB: its Parquet file), counted against the user's cap. */
  resultBytes?: number;
}

/** @public */
export interface QueryStatus {
  state: QueryState;
  /** 0..1 where the engine knows it. */
  progress?: number;
  error?: { kind: QueryErrorKind; message: string };
  statistics: QueryStatistics;
}

/**
 * One page of rows.
 *
 * @public
 */
export interface QueryResultPage {
  columns: QueryColumn[];
  rows: QueryValue[][];
  /** True when rows exist after this page. */
  hasMore: boolean;
}

/**
 * Tables a use case may read, from the store's live, unexpired grants.
 *
 * @public
 */
export interface QueryGrant {
  datasetRef: string;
  glueDatabase: string;
  tables: Array<{ name: string; columns: string[] }>;
}

/**
 * A table a statement reads, and the columns of it the engine found it reads.
 *
 * @public
 */
export interface QueryTableRead {
  glueDatabase: string;
  table: string;
  /**
   * The columns read, where the engine knows them (DuckDB: from the bound plan). Absent:
   * the data hub records every column the grant held when the query started.
   */
  columns?: string[];
}

/**
 * A read of a run's stored output (a page, a download). The data hub has already checked, at
 * this moment, that the reader may see it: the run's grants still cover what it read.
 *
 * @public
 */
export interface QueryReadContext {
  /** The reader went away: stop reading. */
  signal?: AbortSignal;
}

/** @public */
export interface QueryStartRequest {
  /**
   * The data hub's id of the run (a UUID). Engines name what they keep of it after it (DuckDB:
   * the run's result folder) and use it to start it once however often a call is retried.
   */
  runId: string;
  sql: string;
  useCase: {
    entityRef: string;
    hub: string;
    /** `clouddatahub.io/consumer-role-arn` (Athena runs the query as this role). */
    consumerRoleArn?: string;
  };
  /**
   * The use case's live grants according to the data hub's store. Engines must not show
   * anything outside them, even where their own grants (Lake Formation, local) lag behind.
   */
  grants: QueryGrant[];
  /** Who runs it, for the engine's own logs and tags. */
  userRef: string;
}

/**
 * A run as the data hub stored it: all an engine gets to act on a run it started, from any
 * backend replica and after any restart (engines keep no map of their own from ids to runs).
 *
 * @public
 */
export interface QueryRunHandle {
  runId: string;
  /** The engine's own id, as `start` returned it. */
  engineQueryId: string;
  useCase: QueryStartRequest['useCase'];
  userRef: string;
}

/**
 * What `start` answers once the statement passed the engine's checks and began to run.
 *
 * @public
 */
export interface StartedQuery {
  engineQueryId: string;
  /** The granted databases the statement reads, where the engine parsed it (for usage statistics). */
  glueDatabases?: string[];
  /** The granted tables (and columns) the statement reads, from the engine's one analysis of it. */
  reads?: QueryTableRead[];
  /**
   * Engines whose runs live in the backend process (`runsIn: 'process'`): settles with the
   * final status once the run ended and its result is stored. Never rejects.
   */
  finished?: Promise<QueryStatus>;
}

/**
 * Runs SQL as a use case: DuckDB over the local lake (embedded default) or Athena (AWS).
 * The data hub owns each run's state (a row in its database); an engine executes runs,
 * reports on them, and serves their stored results to any replica.
 *
 * @public
 */
export interface QueryEngine {
  /** Stable id, e.g. `duckdb` or `athena`. */
  readonly id: string;
  /**
   * `process`: a run executes in the backend process that started it, which reports its end
   * through `StartedQuery.finished`; `status` and `cancel` work only there, and a run whose
   * process stopped is `interrupted`. `service`: a run executes in the engine's own service
   * (Athena); any replica may ask for its status or cancel it, and does so after a restart.
   */
  readonly runsIn: 'process' | 'service';
  /**
   * Checks and starts a query. Throws an error with `name` `InputError` for SQL that is not a
   * single read-only statement, and `NotAllowedError` for tables outside the grants, before
   * any data is read.
   */
  start(request: QueryStartRequest): Promise<StartedQuery>;
  /** The run's state from the engine (`process` engines: only in the process running it). */
  status(run: QueryRunHandle): Promise<QueryStatus>;
  /** Rows `offset`..`offset+limit` of a succeeded run's stored result. */
  page(
    run: QueryRunHandle,
    offset: number,
    limit: number,
  ): Promise<QueryResultPage>;
  /**
   * Every row of the stored result, in batches, in constant memory whatever the size. The
   * first batch may be empty but carries the columns.
   */
  stream(
    run: QueryRunHandle,
    read: QueryReadContext,
  ): AsyncIterable<{ columns: QueryColumn[]; rows: QueryValue[][] }>;
  /**
   * Optional: every row as CSV text (header line first), written by the engine itself. Faster
   * than `stream` where the engine can format CSV natively; the API prefers it when present.
   */
  streamCsv?(
    run: QueryRunHandle,
    read: QueryReadContext,
  ): Promise<NodeJS.ReadableStream>;
  /** Stops a running run (`process` engines: only in the process running it). */
  cancel(run: QueryRunHandle): Promise<void>;
  /** Deletes the run's stored result (retention, the per-user cap); a no-op if it is gone. */
  removeResult(run: QueryRunHandle): Promise<void>;
}
