import { useAsyncEntity } from '@backstage/plugin-catalog-react';
import {
  DatasetEntityV1alpha1,
  isDatasetEntity,
} from '@cloud-data-hub/data-hub-common';

/** The current entity of the entity page, narrowed to a Dataset. */
export interface DatasetEntityResult {
  loading: boolean;
  error?: Error;
  /** The dataset, when the entity is loaded and is a Dataset. */
  dataset?: DatasetEntityV1alpha1;
  /** True when an entity is loaded but is not a Dataset. */
  notADataset: boolean;
}

/** Reads the page's entity and narrows it to a Dataset. */
export function useDatasetEntity(): DatasetEntityResult {
  const { entity, loading, error } = useAsyncEntity();
  const dataset = isDatasetEntity(entity) ? entity : undefined;
  return {
    loading,
    error,
    dataset,
    notADataset: !!entity && !dataset,
  };
}
