import type {
  AccessScopeTable,
  DatasetTable,
} from '@cloud-data-hub/data-hub-common';
import { SchemaRow, toSchemaRows } from '../DatasetSchemaCard/schemaRows';

/** A table as the column picker shows it: its columns and partition keys. */
export interface PickerTable {
  name: string;
  description?: string;
  columns: SchemaRow[];
}

/** The chosen column names per table name. */
export type ColumnSelection = Readonly<Record<string, ReadonlySet<string>>>;

/**
 * The tables of a dataset for the picker. Partition keys are columns a grant
 * can name too (the backend resolves requests against columns and partition
 * keys alike), so they are listed after the columns as in the Schema card.
 */
export function pickerTables(tables: DatasetTable[]): PickerTable[] {
  return tables.map(table => ({
    name: table.name,
    description: table.description,
    columns: toSchemaRows(table),
  }));
}

/**
 * What the picker starts with: the columns of the live grant an extension
 * prolongs, or else every non-PII column — PII only ever by an explicit
 * choice, as the backend's own default.
 */
export function defaultSelection(
  tables: PickerTable[],
  granted?: AccessScopeTable[],
): ColumnSelection {
  const selection: Record<string, ReadonlySet<string>> = {};
  for (const table of tables) {
    if (granted) {
      const names = new Set(
        granted.find(t => t.name === table.name)?.columns ?? [],
      );
      selection[table.name] = new Set(
        table.columns.filter(c => names.has(c.name)).map(c => c.name),
      );
    } else {
      selection[table.name] = new Set(
        table.columns.filter(c => !c.pii).map(c => c.name),
      );
    }
  }
  return selection;
}

/** Selects or deselects `columns` of `table`, returning a new selection. */
export function setColumns(
  selection: ColumnSelection,
  table: string,
  columns: string[],
  selected: boolean,
): ColumnSelection {
  const next = new Set(selection[table] ?? []);
  for (const column of columns) {
    if (selected) next.add(column);
    else next.delete(column);
  }
  return { ...selection, [table]: next };
}

/** How much is selected, and which PII columns (as `table.column`). */
export function selectionSummary(
  tables: PickerTable[],
  selection: ColumnSelection,
): { selected: number; total: number; pii: string[] } {
  let selected = 0;
  let total = 0;
  const pii: string[] = [];
  for (const table of tables) {
    const chosen = selection[table.name];
    total += table.columns.length;
    for (const column of table.columns) {
      if (chosen?.has(column.name)) {
        selected += 1;
        if (column.pii) pii.push(`${table.name}.${column.name}`);
      }
    }
  }
  return { selected, total, pii };
}

/**
 * The request body's `tables`: every table with at least one chosen column,
 * its columns named explicitly in schema order. Explicit names are what make
 * the backend grant exactly what the person ticked (PII included).
 */
export function toRequestTables(
  tables: PickerTable[],
  selection: ColumnSelection,
): AccessScopeTable[] {
  return tables
    .map(table => ({
      name: table.name,
      columns: table.columns
        .filter(c => selection[table.name]?.has(c.name))
        .map(c => c.name),
    }))
    .filter(table => table.columns.length > 0);
}
