/**
 * A query as the API reports it (also one entry of the history).
 *
 * @public
 */
export interface QueryRun {
  id: string;
  userRef: string;
  useCaseRef: string;
  sql: string;
  engine: string;
  /**
   * Owned by the server: `queued → running → succeeded | failed | cancelled | interrupted`.
   * `interrupted`: the backend process running it stopped before it ended; run it again.
   */
  state:
    | 'queued'
    | 'running'
    | 'succeeded'
    | 'failed'
    | 'cancelled'
    | 'interrupted';
  /** 0..1 where the engine knows it. */
  progress?: number;
  error?: { kind: string; message: string };
  /** Dataset refs the query reads, from the engine's analysis of the statement. */
  datasets: string[];
  /** The granted tables (and columns) it reads, from the same analysis. */
  reads?: Array<{
    datasetRef: string;
    glueDatabase: string;
    table: string;
    columns: string[];
  }>;
  /**
   * Whether its result can still be read: `available`; `removed` (past the retention or the
   * per-user cap: run it again); absent while there is none (running, failed).
   */
  result?: 'available' | 'removed';
  statistics: {
    rows?: number;
    rowsTruncated?: boolean;
    bytesScanned?: number;
    elapsedMs?: number;
    costEstimateUsd?: number;
    /** Bytes of the stored result. */
    resultBytes?: number;
  };
  createdAt: string;
  finishedAt?: string;
  /**
   * Only in the answer of `POST /queries` that asked for it (`firstPageRows`) when the run
   * succeeded within the submit's wait: its first rows, so they show without another request.
   */
  firstPage?: QueryResultsPage;
}

/**
 * A column of a result.
 *
 * @public
 */
export interface QueryResultColumn {
  name: string;
  type: string;
}

/**
 * One page of a result; values keep their JSON types (timestamps as ISO strings).
 *
 * @public
 */
export interface QueryResultsPage {
  columns: QueryResultColumn[];
  rows: Array<Array<string | number | boolean | null>>;
  offset: number;
  hasMore: boolean;
}

/**
 * Body of `POST /queries`.
 *
 * @public
 */
export interface SubmitQueryBody {
  sql: string;
  useCaseRef: string;
  /** Rows of the result to answer with when the run succeeds within the submit's wait. */
  firstPageRows?: number;
}

/**
 * A saved query.
 *
 * @public
 */
export interface SavedQuery {
  id: string;
  ownerRef: string;
  useCaseRef: string;
  name: string;
  description?: string;
  sql: string;
  /** Visible to every member of the use case's team. */
  shared: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * What a use case may query, for the editor's autocompletion.
 *
 * @public
 */
export interface QueryableDataset {
  datasetRef: string;
  title?: string;
  glueDatabase: string;
  tables: Array<{
    name: string;
    columns: Array<{ name: string; type: string; pii?: boolean }>;
  }>;
  expiresAt: string;
}
