/** A query as the API reports it (also one entry of the history). */
export interface QueryRun {
  id: string;
  userRef: string;
  useCaseRef: string;
  sql: string;
  engine: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** 0..1 where the engine knows it. */
  progress?: number;
  error?: { kind: string; message: string };
  /** Dataset refs the query reads. */
  datasets: string[];
  statistics: {
    rows?: number;
    rowsTruncated?: boolean;
    bytesScanned?: number;
    elapsedMs?: number;
    costEstimateUsd?: number;
  };
  createdAt: string;
  finishedAt?: string;
}

/** A column of a result. */
export interface QueryResultColumn {
  name: string;
  type: string;
}

/** One page of a result; values keep their JSON types (timestamps as ISO strings). */
export interface QueryResultsPage {
  columns: QueryResultColumn[];
  rows: Array<Array<string | number | boolean | null>>;
  offset: number;
  hasMore: boolean;
}

/** Body of `POST /queries`. */
export interface SubmitQueryBody {
  sql: string;
  useCaseRef: string;
}

/** A saved query. */
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

/** What a use case may query, for the editor's autocompletion. */
export interface QueryableDataset {
  datasetRef: string;
  title?: string;
  glueDatabase: string;
  tables: Array<{ name: string; columns: Array<{ name: string; type: string; pii?: boolean }> }>;
  expiresAt: string;
}
