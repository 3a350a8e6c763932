import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DatasetEntityV1alpha1 } from '@cloud-data-hub/data-hub-common';
import type { DatasetSource } from '@cloud-data-hub/data-hub-node';

/** One source's datasets, or why it could not list them. */
export type DatasetSourceListing =
  | { sourceId: string; ok: true; items: DatasetEntityV1alpha1[] }
  | { sourceId: string; ok: false; error: string };

/** The union of all registered dataset sources. */
export class DatasetCatalog {
  constructor(
    private readonly sources: DatasetSource[],
    private readonly logger: LoggerService,
  ) {}

  /**
   * Lists every source separately, so that one failing source is reported as failed
   * instead of looking like a source with no datasets.
   */
  async listBySource(): Promise<DatasetSourceListing[]> {
    return Promise.all(
      this.sources.map(async (source): Promise<DatasetSourceListing> => {
        try {
          return {
            sourceId: source.id,
            ok: true,
            items: await source.listDatasets(),
          };
        } catch (e) {
          this.logger.warn(`Dataset source ${source.id} failed`, e as Error);
          return {
            sourceId: source.id,
            ok: false,
            error: String((e as Error)?.message ?? e),
          };
        }
      }),
    );
  }
}
