import {
  CatalogTable,
  type CatalogTableColumnsFunc,
} from '@backstage/plugin-catalog';
import { createDatasetHealthColumn } from '@cloud-data-hub/data-hub';

/** The field of the catalog's "Name" column (`CatalogTable.columns.createNameColumn`). */
const NAME_FIELD = 'resolved.entityRef';

/**
 * The catalog table's columns: the catalog's own for the kind shown, and for
 * Datasets a "Health" column right after the name, where a scan of the list
 * finds the stale and failing ones. The column is made anew on every call,
 * as the table keeps its state on the column objects it is given.
 */
export const datasetHealthColumns: CatalogTableColumnsFunc = context => {
  const columns = CatalogTable.defaultColumnsFunc(context);
  const kind = context.filters.kind?.value?.toLocaleLowerCase('en-US');
  if (kind !== 'dataset') {
    return columns;
  }
  const name = columns.findIndex(column => column.field === NAME_FIELD);
  return [
    ...columns.slice(0, name + 1),
    createDatasetHealthColumn(),
    ...columns.slice(name + 1),
  ];
};
