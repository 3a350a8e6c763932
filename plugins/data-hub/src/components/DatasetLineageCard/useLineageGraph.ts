import { useApi } from '@backstage/core-plugin-api';
import type {
  LineageDirection,
  LineageGraph,
} from '@cloud-data-hub/data-hub-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataHubLineageApiRef } from '../../api/DataHubLineageApi';

/** A loaded graph and what it was asked for. */
export interface LoadedLineageGraph {
  entityRef: string;
  depth: number;
  direction: LineageDirection;
  graph: LineageGraph;
}

/**
 * Loads the lineage graph around a dataset. While a new depth or direction
 * loads, the previous graph stays (react-use keeps the value while loading),
 * so the picture does not blank out; a graph of another dataset is dropped.
 */
export function useLineageGraph(
  entityRef: string,
  depth: number,
  direction: LineageDirection,
) {
  const api = useApi(dataHubLineageApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    async (): Promise<LoadedLineageGraph> => ({
      entityRef,
      depth,
      direction,
      graph: await api.getLineageGraph(entityRef, { depth, direction }),
    }),
    [api, entityRef, depth, direction],
  );
  return {
    loaded: value?.entityRef === entityRef ? value : undefined,
    loading,
    error,
    retry,
  };
}
