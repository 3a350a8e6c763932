import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ColumnLineage,
  DataHubOverview,
  DatasetHealth,
  DatasetUsage,
  LineageDirection,
  LineageGraph,
} from '@cloud-data-hub/data-hub-common';

/**
 * What `GET /lineage/graph` walks from a Dataset.
 *
 * @public
 */
export interface LineageGraphOptions {
  /** Hops from the Dataset (1–10); the backend defaults to 3. */
  depth?: number;
  direction?: LineageDirection;
}

/**
 * The lineage, health, usage and overview calls to the data hub backend.
 * Failed calls reject with a `DataHubQueryError` carrying the backend's own
 * message.
 *
 * @public
 */
export interface DataHubLineageApi {
  /** Datasets and jobs upstream and downstream of a Dataset. */
  getLineageGraph(
    entityRef: string,
    options?: LineageGraphOptions,
  ): Promise<LineageGraph>;
  /** Column-level lineage of a Dataset, optionally of one table or column. */
  getColumnLineage(
    entityRef: string,
    options?: { table?: string; column?: string },
  ): Promise<ColumnLineage>;
  /** The health of one Dataset. */
  getHealth(entityRef: string): Promise<DatasetHealth>;
  /**
   * The health of every Dataset, for lists. Answers from one shared request
   * for a short while, so a table of many rows asks the backend once.
   */
  getAllHealth(): Promise<DatasetHealth[]>;
  /** Queries of a Dataset per day, its users and use cases, over `days` (default 30). */
  getUsage(entityRef: string, days?: number): Promise<DatasetUsage>;
  /** The Data Hub overview page's figures. */
  getOverview(): Promise<DataHubOverview>;
}

/** @public */
export const dataHubLineageApiRef = createApiRef<DataHubLineageApi>({
  id: 'plugin.data-hub.lineage',
});
