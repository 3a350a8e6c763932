import { stringifyEntityRef } from '@backstage/catalog-model';
import type { IndexableDocument } from '@backstage/plugin-search-common';
import {
  DATASET_SEARCH_TYPE,
  DatasetColumn,
  DatasetEntityV1alpha1,
  DatasetSearchFields,
  DatasetTable,
  datasetSearchHubKey,
} from '@cloud-data-hub/data-hub-common';

/**
 * The search document type (index name) of datasets.
 *
 * @public
 */
export const DATASET_DOCUMENT_TYPE = DATASET_SEARCH_TYPE;

/**
 * The search document of one Dataset entity.
 *
 * Every field is always present (empty string or empty array when the entity
 * lacks it): the Lunr engine takes its field list from the first document of
 * an index.
 *
 * @public
 */
export type DatasetSearchDocument = IndexableDocument & DatasetSearchFields;

/**
 * Where the entity page of a dataset is, e.g. `/catalog/default/dataset/vehicle-trips-prepared`.
 *
 * @public
 */
export function datasetLocation(namespace: string, name: string): string {
  return `/catalog/${encodeURIComponent(
    namespace,
  )}/dataset/${encodeURIComponent(name)}`.toLocaleLowerCase('en-US');
}

function asArray<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

/** The columns and partition keys of a table; entries without a name are left out. */
function tableColumns(table: DatasetTable): DatasetColumn[] {
  return [...asArray(table.columns), ...asArray(table.partitionKeys)].filter(
    column => typeof column?.name === 'string',
  );
}

/**
 * Turns a Dataset entity into its search document. `text` holds the
 * description and, for every table, its name and description and every
 * column's name and description, so that a column name (`vin`,
 * `opt_seat_massage`) finds the datasets that hold it.
 *
 * @public
 */
export function toDatasetSearchDocument(
  entity: DatasetEntityV1alpha1,
): DatasetSearchDocument {
  const { metadata } = entity;
  const spec: Partial<DatasetEntityV1alpha1['spec']> = entity.spec ?? {};
  const namespace = metadata.namespace ?? 'default';
  const tables = asArray(spec.tables).filter(
    table => typeof table?.name === 'string',
  );

  const text: string[] = [];
  if (metadata.description) {
    text.push(metadata.description);
  }
  const columns = new Set<string>();
  for (const table of tables) {
    text.push(
      table.description ? `${table.name}: ${table.description}` : table.name,
    );
    for (const column of tableColumns(table)) {
      columns.add(column.name);
      text.push(
        column.description
          ? `${column.name}: ${column.description}`
          : column.name,
      );
    }
  }

  return {
    title: metadata.title ?? metadata.name,
    text: text.join('\n'),
    location: datasetLocation(namespace, metadata.name),
    authorization: { resourceRef: stringifyEntityRef(entity) },
    kind: entity.kind,
    namespace,
    name: metadata.name,
    description: metadata.description ?? '',
    hub: spec.hub ?? '',
    hubKey: spec.hub ? datasetSearchHubKey(spec.hub) : '',
    layer: spec.layer ?? '',
    owner: spec.owner ?? '',
    lifecycle: spec.lifecycle ?? '',
    classification: spec.classification ?? '',
    businessObject: spec.businessObject ?? '',
    tags: metadata.tags ?? [],
    tables: tables.map(table => table.name),
    columns: [...columns],
  };
}
