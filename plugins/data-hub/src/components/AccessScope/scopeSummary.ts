import type {
  AccessScopeTable,
  DatasetTable,
} from '@cloud-data-hub/data-hub-common';

/** One table of a request or grant, measured against the dataset's schema. */
export interface ScopeTableSummary {
  name: string;
  columns: Array<{ name: string; pii: boolean }>;
  /** Columns (and partition keys) the table has, when the schema is known. */
  totalColumns?: number;
}

/**
 * The tables of a scope with their columns marked PII where the schema says
 * so, and each table's column count, for "5 of 9 columns".
 */
export function summarizeScope(
  scope: AccessScopeTable[],
  schema?: DatasetTable[],
): ScopeTableSummary[] {
  return scope.map(table => {
    const schemaTable = schema?.find(t => t.name === table.name);
    const fields = schemaTable
      ? [...schemaTable.columns, ...(schemaTable.partitionKeys ?? [])]
      : [];
    const pii = new Set(fields.filter(f => f.pii).map(f => f.name));
    return {
      name: table.name,
      columns: table.columns.map(name => ({ name, pii: pii.has(name) })),
      totalColumns: schemaTable
        ? new Set(fields.map(f => f.name)).size
        : undefined,
    };
  });
}

/** "9 columns in 2 tables", for one line in a list. */
export function scopeHeadline(scope: AccessScopeTable[]): string {
  const columns = scope.reduce((sum, t) => sum + t.columns.length, 0);
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(columns, 'column')} in ${plural(scope.length, 'table')}`;
}
