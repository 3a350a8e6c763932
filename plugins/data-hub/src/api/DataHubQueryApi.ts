import { createApiRef } from '@backstage/core-plugin-api';
import type {
  Page,
  QueryableDataset,
  QueryResultsPage,
  QueryRun,
  SavedQuery,
  SubmitQueryBody,
} from '@cloud-data-hub/data-hub-common';

/**
 * A use case the signed-in user may query as (`GET /queries/use-cases`).
 *
 * @public
 */
export interface QueryUseCase {
  useCaseRef: string;
  title?: string;
  hub: string;
}

/**
 * Paging and search of `GET /queries`, the signed-in user's history.
 *
 * @public
 */
export interface ListQueryHistoryOptions {
  /** Matches the SQL text. */
  search?: string;
  useCaseRef?: string;
  /** At most 200; the backend defaults to 25. */
  limit?: number;
  offset?: number;
}

/**
 * Body of `POST /saved-queries`.
 *
 * @public
 */
export interface SaveQueryBody {
  name: string;
  description?: string;
  sql: string;
  useCaseRef: string;
  /** Visible to every member of the use case's team. */
  shared: boolean;
}

/**
 * Body of `PUT /saved-queries/:id`: what changes.
 *
 * @public
 */
export type SavedQueryPatch = Partial<
  Pick<SavedQuery, 'name' | 'description' | 'sql' | 'shared'>
>;

/**
 * A downloaded CSV file.
 *
 * @public
 */
export interface QueryCsvFile {
  blob: Blob;
  /** From the response's Content-Disposition, else `query-<id>.csv`. */
  fileName: string;
}

/**
 * The query page's calls to the data hub backend. Failed calls reject with a
 * {@link DataHubQueryError} whose message is the backend's own ("Referenced
 * column "vin" not found…"), ready to be shown as is.
 *
 * @public
 */
export interface DataHubQueryApi {
  /** The use cases of the signed-in user's teams. */
  getUseCases(): Promise<QueryUseCase[]>;
  /** Datasets, tables and columns the use case may read now. */
  getQueryable(useCaseRef: string): Promise<QueryableDataset[]>;
  /**
   * Starts a query. Small queries answer with their final state; long ones
   * with `running` — then poll {@link DataHubQueryApi.getQuery}.
   */
  submitQuery(body: SubmitQueryBody): Promise<QueryRun>;
  getQuery(id: string): Promise<QueryRun>;
  /** A page of the rows the backend keeps (`limit` at most 10,000). */
  getResults(
    id: string,
    page: { offset: number; limit: number },
  ): Promise<QueryResultsPage>;
  /** Every row of the result as CSV. */
  downloadCsv(id: string, signal?: AbortSignal): Promise<QueryCsvFile>;
  cancelQuery(id: string): Promise<QueryRun>;
  /** The signed-in user's past queries, newest first. */
  listHistory(options?: ListQueryHistoryOptions): Promise<Page<QueryRun>>;
  /** The user's own saved queries and those shared with their use cases. */
  listSavedQueries(options?: { useCaseRef?: string }): Promise<SavedQuery[]>;
  createSavedQuery(body: SaveQueryBody): Promise<SavedQuery>;
  /** Only the owner may change a saved query. */
  updateSavedQuery(id: string, patch: SavedQueryPatch): Promise<SavedQuery>;
  /** Only the owner may delete a saved query. */
  deleteSavedQuery(id: string): Promise<void>;
}

/**
 * The query page's API.
 *
 * @public
 */
export const dataHubQueryApiRef = createApiRef<DataHubQueryApi>({
  id: 'plugin.data-hub.query',
});
