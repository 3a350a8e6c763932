import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  Page,
  QueryableDataset,
  QueryResultsPage,
  QueryRun,
  SavedQuery,
  SubmitQueryBody,
} from '@cloud-data-hub/data-hub-common';
import type {
  DataHubQueryApi,
  ListQueryHistoryOptions,
  QueryCsvFile,
  QueryUseCase,
  SavedQueryPatch,
  SaveQueryBody,
} from './DataHubQueryApi';
import { DataHubQueryError } from './DataHubQueryError';
import { fetchDataHub, queryString } from './fetchDataHub';

const id = (value: string) => encodeURIComponent(value);

/** `attachment; filename="query-1.csv"` → `query-1.csv`. */
export function fileNameOf(
  contentDisposition: string | null,
): string | undefined {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(
    contentDisposition ?? '',
  );
  if (!match) {
    return undefined;
  }
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/**
 * The {@link DataHubQueryApi} over the data hub backend's REST routes. Calls
 * go through `fetchApi`, so they carry the signed-in user's Backstage token:
 * the backend runs each query as that person, for a use case of their team.
 *
 * @public
 */
export class DataHubQueryClient implements DataHubQueryApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetchDataHub(
      { discoveryApi: this.discoveryApi, fetchApi: this.fetchApi },
      path,
      DataHubQueryError.fromResponse,
      init,
    );
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.fetch(path, init);
    return (await response.json()) as T;
  }

  private send<T>(method: string, path: string, body: unknown): Promise<T> {
    return this.json<T>(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async getUseCases(): Promise<QueryUseCase[]> {
    const { items } = await this.json<{ items: QueryUseCase[] }>(
      '/queries/use-cases',
    );
    return items;
  }

  async getQueryable(useCaseRef: string): Promise<QueryableDataset[]> {
    const { items } = await this.json<{ items: QueryableDataset[] }>(
      `/queries/queryable${queryString({ useCaseRef })}`,
    );
    return items;
  }

  submitQuery(body: SubmitQueryBody): Promise<QueryRun> {
    return this.send('POST', '/queries', body);
  }

  getQuery(queryId: string): Promise<QueryRun> {
    return this.json(`/queries/${id(queryId)}`);
  }

  getResults(
    queryId: string,
    page: { offset: number; limit: number },
  ): Promise<QueryResultsPage> {
    return this.json(
      `/queries/${id(queryId)}/results${queryString({
        offset: page.offset,
        limit: page.limit,
      })}`,
    );
  }

  /**
   * Fetches the CSV and holds it in a Blob. The backend streams it in constant
   * memory, but the browser buffers the whole file here: the route needs the
   * Backstage token, which a plain link cannot send. Fine for the sizes people
   * open in a spreadsheet; for files of gigabytes a token-free download (a
   * signed, short-lived URL from the backend) would be the way, as no page
   * memory is then involved.
   */
  async downloadCsv(
    queryId: string,
    signal?: AbortSignal,
  ): Promise<QueryCsvFile> {
    const response = await this.fetch(`/queries/${id(queryId)}/results.csv`, {
      signal,
    });
    const blob = await response.blob();
    return {
      blob,
      fileName:
        fileNameOf(response.headers.get('Content-Disposition')) ??
        `query-${queryId}.csv`,
    };
  }

  cancelQuery(queryId: string): Promise<QueryRun> {
    return this.send('POST', `/queries/${id(queryId)}/cancel`, {});
  }

  listHistory(options: ListQueryHistoryOptions = {}): Promise<Page<QueryRun>> {
    return this.json(
      `/queries${queryString({
        search: options.search?.trim(),
        useCaseRef: options.useCaseRef,
        limit: options.limit,
        offset: options.offset,
      })}`,
    );
  }

  async listSavedQueries(
    options: { useCaseRef?: string } = {},
  ): Promise<SavedQuery[]> {
    const { items } = await this.json<{ items: SavedQuery[] }>(
      `/saved-queries${queryString({ useCaseRef: options.useCaseRef })}`,
    );
    return items;
  }

  createSavedQuery(body: SaveQueryBody): Promise<SavedQuery> {
    return this.send('POST', '/saved-queries', body);
  }

  updateSavedQuery(
    savedId: string,
    patch: SavedQueryPatch,
  ): Promise<SavedQuery> {
    return this.send('PUT', `/saved-queries/${id(savedId)}`, patch);
  }

  async deleteSavedQuery(savedId: string): Promise<void> {
    await this.fetch(`/saved-queries/${id(savedId)}`, { method: 'DELETE' });
  }
}
