import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataHubLineageApiRef } from '../../api/DataHubLineageApi';
import { toColumnLineageRows } from './columnLineageRows';

/** Loads the input columns of one column of a dataset; nothing while no column is picked. */
export function useColumnLineage(
  entityRef: string,
  picked?: { table: string; column: string },
) {
  const api = useApi(dataHubLineageApiRef);
  const table = picked?.table;
  const column = picked?.column;
  return useAsyncRetry(async () => {
    if (!table || !column) return undefined;
    const lineage = await api.getColumnLineage(entityRef, { table, column });
    return toColumnLineageRows(lineage);
  }, [api, entityRef, table, column]);
}
