import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { dataHubLineageApiRef } from '../../api/DataHubLineageApi';
import { DatasetHealthChip } from './DatasetHealthChip';
import { findHealth } from './findHealth';

/** @public */
export interface DatasetHealthStatusForEntityProps {
  /** The Dataset's entity ref, e.g. `dataset:default/vehicle-orders`. */
  entityRef: string;
  size?: 'small' | 'medium';
}

/**
 * The health chip of one Dataset, read from the health of all datasets: in a
 * list, every row shares the client's one cached request instead of asking
 * the backend once per row. "Unknown" while loading, on errors, and for
 * datasets the backend has no health for.
 *
 * @public
 */
export function DatasetHealthStatusForEntity(
  props: DatasetHealthStatusForEntityProps,
) {
  const { entityRef, size } = props;
  const api = useApi(dataHubLineageApiRef);
  const { value, loading, error } = useAsync(() => api.getAllHealth(), [api]);

  let unknownReason: string;
  if (loading) {
    unknownReason = 'Loading health…';
  } else if (error) {
    unknownReason = `Health could not be loaded: ${error.message}`;
  } else {
    unknownReason = 'The data hub reports no health for this dataset yet';
  }
  const health = value && !loading ? findHealth(value, entityRef) : undefined;
  return (
    <DatasetHealthChip
      health={health}
      unknownReason={unknownReason}
      size={size}
    />
  );
}
