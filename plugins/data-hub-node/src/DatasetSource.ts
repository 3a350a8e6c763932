import type { DatasetEntityV1alpha1 } from '@cloud-data-hub/data-hub-common';

/**
 * Something that knows datasets: the local demo lake, or a hub's Glue Data Catalog.
 * The data-hub backend serves the union of all sources to the catalog's entity provider.
 *
 * @public
 */
export interface DatasetSource {
  /** Stable id, used in logs and as the catalog location key, e.g. `local-lake`. */
  readonly id: string;
  /**
   * Every dataset the source knows, with real schemas. Throws when the source cannot
   * tell (never returns an empty list on error, so the catalog keeps what it had).
   */
  listDatasets(): Promise<DatasetEntityV1alpha1[]>;
}
