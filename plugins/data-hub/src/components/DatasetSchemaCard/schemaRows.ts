import type { DatasetTable } from '@cloud-data-hub/data-hub-common';

/** One row of the schema list: a column or a partition key of a table. */
export interface SchemaRow {
  name: string;
  type: string;
  description: string;
  pii: boolean;
  partitionKey: boolean;
  /** Lower-cased `name type description`, for filtering. */
  searchText: string;
}

/**
 * The columns of a table followed by its partition keys (Glue's order). A
 * column that is also listed as a partition key appears once, marked.
 */
export function toSchemaRows(table: DatasetTable): SchemaRow[] {
  const partitionNames = new Set((table.partitionKeys ?? []).map(k => k.name));
  const columnNames = new Set(table.columns.map(c => c.name));
  const fields = [
    ...table.columns.map(c => ({
      ...c,
      partitionKey: partitionNames.has(c.name),
    })),
    ...(table.partitionKeys ?? [])
      .filter(k => !columnNames.has(k.name))
      .map(k => ({ ...k, partitionKey: true })),
  ];
  return fields.map(f => {
    const description = f.description ?? '';
    return {
      name: f.name,
      type: f.type,
      description,
      pii: !!f.pii,
      partitionKey: f.partitionKey,
      searchText: `${f.name}\n${f.type}\n${description}`.toLocaleLowerCase(
        'en-US',
      ),
    };
  });
}

/** Rows whose name, type or description contains `query` (case-insensitive). */
export function filterSchemaRows(
  rows: SchemaRow[],
  query: string,
): SchemaRow[] {
  const needle = query.trim().toLocaleLowerCase('en-US');
  if (!needle) {
    return rows;
  }
  return rows.filter(row => row.searchText.includes(needle));
}
