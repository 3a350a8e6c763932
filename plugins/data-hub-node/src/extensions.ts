import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DatasetSource } from './DatasetSource';

/** Lets backend modules plug dataset sources into the data-hub backend plugin. */
export interface DataHubDatasetSourcesExtensionPoint {
  addDatasetSource(source: DatasetSource): void;
}

export const dataHubDatasetSourcesExtensionPoint =
  createExtensionPoint<DataHubDatasetSourcesExtensionPoint>({
    id: 'data-hub.dataset-sources',
  });
