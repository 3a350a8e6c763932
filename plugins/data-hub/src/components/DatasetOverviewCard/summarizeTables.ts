import type { DatasetTable } from '@cloud-data-hub/data-hub-common';

/** Sum of one numeric table statistic over the tables that report it. */
export interface TableStatistic {
  total: number;
  /** How many tables report the statistic. */
  reporting: number;
  /** How many tables there are. */
  of: number;
}

/** Totals of rows and bytes; undefined where no table reports them. */
export interface TablesSummary {
  rows?: TableStatistic;
  sizeBytes?: TableStatistic;
}

function sum(
  tables: DatasetTable[],
  pick: (t: DatasetTable) => number | undefined,
): TableStatistic | undefined {
  const values = tables
    .map(pick)
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) {
    return undefined;
  }
  return {
    total: values.reduce((a, b) => a + b, 0),
    reporting: values.length,
    of: tables.length,
  };
}

/** Adds up row counts and sizes of the tables that carry them. */
export function summarizeTables(tables: DatasetTable[]): TablesSummary {
  return {
    rows: sum(tables, t => t.rowCount),
    sizeBytes: sum(tables, t => t.sizeBytes),
  };
}
