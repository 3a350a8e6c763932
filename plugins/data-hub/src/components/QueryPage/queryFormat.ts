import type {
  QueryResultColumn,
  QueryRun,
} from '@cloud-data-hub/data-hub-common';
import { formatBytes, formatCount } from '../../utils/format';

/** `420 ms`, `12.3 s`, `2 min 05 s`: precise for quick queries, short for long ones. */
export function formatDuration(ms: number): string {
  if (ms < 1000) {
    return `${Math.max(0, Math.round(ms))} ms`;
  }
  if (ms < 60_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** An engine's cost estimate; fractions of a cent are what Athena queries often cost. */
export function formatCost(usd: number): string {
  if (usd < 0.01) {
    return `≈ $${usd.toFixed(4)}`;
  }
  return `≈ $${usd.toFixed(2)}`;
}

/** The statistics of a finished run, e.g. `1,234 rows · 0.8 s · 12 MiB scanned`. */
export function describeStatistics(run: QueryRun): string {
  const { rows, rowsTruncated, elapsedMs, bytesScanned, costEstimateUsd } =
    run.statistics;
  const parts: string[] = [];
  if (rows !== undefined) {
    parts.push(
      `${rowsTruncated ? 'first ' : ''}${formatCount(rows)} ${
        rows === 1 ? 'row' : 'rows'
      }`,
    );
  }
  if (elapsedMs !== undefined) {
    parts.push(formatDuration(elapsedMs));
  }
  if (bytesScanned !== undefined) {
    parts.push(`${formatBytes(bytesScanned)} scanned`);
  }
  // The embedded engine reports 0: only a real cost is worth a mention.
  if (costEstimateUsd) {
    parts.push(formatCost(costEstimateUsd));
  }
  return parts.join(' · ');
}

const NUMERIC_TYPE =
  /^(tinyint|smallint|integer|int|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint|int\d*|float\d*|real|double|double precision|decimal|numeric)\b/i;

/**
 * Whether a column holds numbers, by its engine type (DuckDB's `BIGINT`,
 * `DECIMAL(18,2)`, Athena's `bigint`, `double`…). Decimal and 64-bit values
 * may come as strings when a double would lose digits: still numbers.
 */
export function isNumericColumn(column: QueryResultColumn): boolean {
  return NUMERIC_TYPE.test(column.type.trim());
}

/** A cell value as text; null is rendered apart by the grid. */
export function cellText(value: string | number | boolean | null): string {
  if (value === null) {
    return 'NULL';
  }
  return String(value);
}
