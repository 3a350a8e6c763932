import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { TableColumn } from '@backstage/core-components';
import { DatasetHealthStatusForEntity } from './DatasetHealthStatusForEntity';

const isDatasetKind = (kind: string) =>
  kind.toLocaleLowerCase('en-US') === 'dataset';

/**
 * A "Health" column for the catalog table: the health chip of Dataset rows,
 * nothing for other kinds. The health is fetched, not part of the row, so
 * the column neither sorts nor takes part in the table's search. Typed by
 * the one field it reads, so it fits `CatalogTableRow` without this package
 * depending on the catalog plugin.
 *
 * @public
 */
export function createDatasetHealthColumn<
  Row extends { entity: Entity },
>(): TableColumn<Row> {
  return {
    title: 'Health',
    sorting: false,
    searchable: false,
    render: ({ entity }) =>
      isDatasetKind(entity.kind) ? (
        <DatasetHealthStatusForEntity entityRef={stringifyEntityRef(entity)} />
      ) : null,
  };
}
