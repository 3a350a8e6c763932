import type {
  ColumnLineage,
  ColumnLineageInput,
  DatasetTable,
} from '@cloud-data-hub/data-hub-common';

/** A column of the dataset to pick for column-level lineage. */
export interface ColumnOption {
  table: string;
  column: string;
  type: string;
}

/** Every column of every table, partition keys included (jobs write them too), in schema order. */
export function toColumnOptions(tables: DatasetTable[]): ColumnOption[] {
  return tables.flatMap(table => {
    const options = new Map<string, ColumnOption>();
    for (const c of [...table.columns, ...(table.partitionKeys ?? [])]) {
      if (!options.has(c.name)) {
        options.set(c.name, {
          table: table.name,
          column: c.name,
          type: c.type,
        });
      }
    }
    return [...options.values()];
  });
}

/** One input column of the picked column, with when the run that reported it was seen. */
export interface ColumnLineageRow extends ColumnLineageInput {
  key: string;
  lastSeenAt: string;
}

/**
 * The input columns of the picked column, one row each. The backend answers
 * for the picked table and column already; each entry carries the facts of
 * the latest run that reported it.
 */
export function toColumnLineageRows(
  lineage: ColumnLineage,
): ColumnLineageRow[] {
  return lineage.columns.flatMap((entry, e) =>
    entry.inputs.map((input, i) => ({
      ...input,
      key: `${e}:${i}`,
      lastSeenAt: entry.lastSeenAt,
    })),
  );
}

/** `DIRECT · AGGREGATION`, or whichever of the two the job reported. */
export function transformationLabel(input: ColumnLineageInput): string {
  return (
    [input.transformationType, input.transformationSubtype]
      .filter(Boolean)
      .join(' · ') || 'Not reported'
  );
}
