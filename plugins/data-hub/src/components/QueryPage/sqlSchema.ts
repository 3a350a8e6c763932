import type { Completion } from '@codemirror/autocomplete';
import type { SQLNamespace } from '@codemirror/lang-sql';
import type { QueryableDataset } from '@cloud-data-hub/data-hub-common';

type Column = QueryableDataset['tables'][number]['columns'][number];

function columnCompletion(column: Column): Completion {
  return {
    label: column.name,
    type: 'property',
    detail: column.pii ? `${column.type} · PII` : column.type,
  };
}

/**
 * The editor's completion schema from what the use case may read: every
 * granted table under its Glue database (the SQL schema name), so
 * `us_sales_orders_source.` completes tables and `orders.` columns; and a
 * table whose name only one granted dataset has also at the top level, as the
 * engines accept it unqualified too. Datasets and tables carry their title
 * and column count as completion details.
 */
export function buildSqlSchema(datasets: QueryableDataset[]): SQLNamespace {
  const schema: Record<string, SQLNamespace> = {};
  const byTableName = new Map<string, QueryableDataset[]>();

  for (const dataset of datasets) {
    const tables: Record<string, SQLNamespace> = {};
    for (const table of dataset.tables) {
      tables[table.name] = {
        self: {
          label: table.name,
          type: 'type',
          detail: `${table.columns.length} columns`,
        },
        children: table.columns.map(columnCompletion),
      };
      byTableName.set(table.name, [
        ...(byTableName.get(table.name) ?? []),
        dataset,
      ]);
    }
    schema[dataset.glueDatabase] = {
      self: {
        label: dataset.glueDatabase,
        type: 'namespace',
        detail: dataset.title ?? dataset.datasetRef,
      },
      children: tables,
    };
  }

  for (const [name, owners] of byTableName) {
    // A schema of the same name wins: an unqualified table would be ambiguous.
    if (owners.length !== 1 || schema[name]) continue;
    const table = owners[0].tables.find(t => t.name === name)!;
    schema[name] = {
      self: { label: name, type: 'type', detail: owners[0].glueDatabase },
      children: table.columns.map(columnCompletion),
    };
  }
  return schema;
}

/** Wraps an identifier in double quotes unless it is a plain lower-case name. */
export function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name)
    ? name
    : `"${name.replace(/"/g, '""')}"`;
}

/** The starter query for a dataset: its first table's first 100 rows. */
export function starterSql(glueDatabase: string, table: string): string {
  return `SELECT * FROM ${quoteIdentifier(glueDatabase)}.${quoteIdentifier(
    table,
  )} LIMIT 100`;
}
