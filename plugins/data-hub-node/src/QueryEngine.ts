/** A column of a query result, with the engine's type name (e.g. `BIGINT`, `VARCHAR`, `TIMESTAMP`). */
export interface QueryColumn {
  name: string;
  type: string;
}

/**
 * A value as the API returns it: numbers, booleans and null keep their JSON type; timestamps
 * and dates are ISO strings; integers beyond 2^53, decimals that would lose precision,
 * binary data and nested values are strings (nested as JSON text).
 */
export type QueryValue = string | number | boolean | null;

export type QueryState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Why a query failed, so the API can answer with the right status and message. */
export type QueryErrorKind =
  /** The SQL is malformed or not a single read-only statement (400). */
  | 'invalid'
  /** It names a table or column the use case holds no grant on, or that does not exist (403/400). */
  | 'not-granted'
  /** A memory, row or time limit stopped it. */
  | 'limit'
  /** Anything else the engine reported. */
  | 'engine';

export interface QueryStatistics {
  /** Rows produced so far (all of them once succeeded). */
  rows?: number;
  /** True when the query has more rows than the engine keeps for paging (the CSV has all). */
  rowsTruncated?: boolean;
  bytesScanned?: number;
  elapsedMs?: number;
  /** Engine cost estimate in US dollars (Athena: data scanned × price per TB). */
  costEstimateUsd?: number;
}

export interface QueryStatus {
  state: QueryState;
  /** 0..1 where the engine knows it. */
  progress?: number;
  error?: { kind: QueryErrorKind; message: string };
  statistics: QueryStatistics;
}

/** One page of rows. */
export interface QueryResultPage {
  columns: QueryColumn[];
  rows: QueryValue[][];
  /** True when rows exist after this page. */
  hasMore: boolean;
}

/** Tables a use case may read, from the store's live, unexpired grants. */
export interface QueryGrant {
  datasetRef: string;
  glueDatabase: string;
  tables: Array<{ name: string; columns: string[] }>;
}

/** A table a statement reads, and the columns of it the engine found it reads. */
export interface QueryTableRead {
  glueDatabase: string;
  table: string;
  /**
   * The columns read, where the engine knows them (DuckDB: from the bound plan). Absent:
   * the data hub records every column the grant held when the query started.
   */
  columns?: string[];
}

/** What a read of a query's output (a page, a download) runs under. */
export interface QueryReadContext {
  /**
   * The use case's grants live at the moment of the read. An engine that recomputes output
   * (DuckDB re-runs the statement for a download) recomputes under these, never under the
   * grants the query started with.
   */
  grants: QueryGrant[];
  signal?: AbortSignal;
}

export interface QueryStartRequest {
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
 * Runs SQL as a use case: DuckDB over the local lake (embedded default) or Athena (AWS).
 * Query ids are the engine's; the data-hub backend keeps history and ownership.
 */
export interface QueryEngine {
  /** Stable id, e.g. `duckdb` or `athena`. */
  readonly id: string;
  /**
   * Checks and starts a query. Throws an error with `name` `InputError` for SQL that is not a
   * single read-only statement, and `NotAllowedError` for tables outside the grants, before
   * any data is read.
   */
  start(request: QueryStartRequest): Promise<{
    queryId: string;
    /** The granted databases the statement reads, where the engine parsed it (for usage statistics). */
    glueDatabases?: string[];
    /** The granted tables (and columns) the statement reads, where the engine knows them. */
    reads?: QueryTableRead[];
  }>;
  status(queryId: string): Promise<QueryStatus>;
  /** Rows `offset`..`offset+limit` of a succeeded (or still running, where supported) query. */
  page(queryId: string, offset: number, limit: number): Promise<QueryResultPage>;
  /**
   * Every row of the query, in batches, in constant memory whatever the size (re-reads or
   * re-runs as the engine needs). The first batch may be empty but carries the columns.
   */
  stream(queryId: string, read: QueryReadContext): AsyncIterable<{ columns: QueryColumn[]; rows: QueryValue[][] }>;
  /**
   * Optional: every row as CSV text (header line first), written by the engine itself. Faster
   * than `stream` where the engine can format CSV natively; the API prefers it when present.
   */
  streamCsv?(queryId: string, read: QueryReadContext): Promise<NodeJS.ReadableStream>;
  cancel(queryId: string): Promise<void>;
}
