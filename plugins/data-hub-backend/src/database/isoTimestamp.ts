/**
 * A timestamp column as an ISO 8601 string. Engines hand timestamps back as Date (PostgreSQL),
 * epoch milliseconds or strings (SQLite); null stays undefined.
 */
export function isoTimestamp(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return (
    value instanceof Date ? value : new Date(value as string | number)
  ).toISOString();
}
