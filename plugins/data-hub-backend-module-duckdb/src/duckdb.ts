import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Opens an in-memory DuckDB that never downloads or auto-loads extensions: the portal
 * runs offline, and an extension is code we did not review.
 */
export async function openDuckDB(options: { threads?: number } = {}) {
  return DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
}

/** Quotes an SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes an SQL string literal. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
