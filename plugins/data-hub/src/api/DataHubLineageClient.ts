import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  ColumnLineage,
  DataHubOverview,
  DatasetHealth,
  DatasetUsage,
  LineageGraph,
} from '@cloud-data-hub/data-hub-common';
import type {
  DataHubLineageApi,
  LineageGraphOptions,
} from './DataHubLineageApi';
import { DataHubQueryError } from './DataHubQueryError';
import { fetchDataHub, queryString } from './fetchDataHub';

/** How long one `GET /health` answers `getAllHealth` calls: long enough for a page of rows. */
const ALL_HEALTH_TTL_MS = 30_000;

/**
 * The {@link DataHubLineageApi} over the data hub backend's REST routes, with
 * the signed-in user's token through `fetchApi`.
 *
 * @public
 */
export class DataHubLineageClient implements DataHubLineageApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly now: () => number;
  private allHealth?: { at: number; items: Promise<DatasetHealth[]> };

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** For tests. */
    now?: () => number;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.now = options.now ?? Date.now;
  }

  private async json<T>(
    path: string,
    params: Record<string, string | number | undefined> = {},
  ): Promise<T> {
    const response = await fetchDataHub(
      { discoveryApi: this.discoveryApi, fetchApi: this.fetchApi },
      `${path}${queryString(params)}`,
      DataHubQueryError.fromResponse,
    );
    return (await response.json()) as T;
  }

  getLineageGraph(
    entityRef: string,
    options: LineageGraphOptions = {},
  ): Promise<LineageGraph> {
    return this.json('/lineage/graph', {
      entityRef,
      depth: options.depth,
      direction: options.direction,
    });
  }

  getColumnLineage(
    entityRef: string,
    options: { table?: string; column?: string } = {},
  ): Promise<ColumnLineage> {
    return this.json('/lineage/columns', { entityRef, ...options });
  }

  getHealth(entityRef: string): Promise<DatasetHealth> {
    return this.json('/health', { entityRef });
  }

  getAllHealth(): Promise<DatasetHealth[]> {
    const cached = this.allHealth;
    if (cached && this.now() - cached.at < ALL_HEALTH_TTL_MS) {
      return cached.items;
    }
    const items = this.json<{ items: DatasetHealth[] }>('/health').then(
      body => body.items,
    );
    this.allHealth = { at: this.now(), items };
    // A failure is not remembered: the next caller asks again.
    items.catch(() => {
      if (this.allHealth?.items === items) this.allHealth = undefined;
    });
    return items;
  }

  getUsage(entityRef: string, days?: number): Promise<DatasetUsage> {
    return this.json('/usage', { entityRef, days });
  }

  getOverview(): Promise<DataHubOverview> {
    return this.json('/overview');
  }
}
