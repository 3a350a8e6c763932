import type { QueryErrorKind } from '@cloud-data-hub/data-hub-node';

/**
 * An absolute path of two or more segments (a lake file, a sandbox folder). DuckDB names the
 * files it could not open; a person needs the error, not where the lake lives on the server.
 */
const ABSOLUTE_PATH = /(?<![\w)\]])\/(?:[\w.@=+-]+\/)+[\w.@=*+-]*/g;

/** Text without server paths (each becomes `<path>`). */
export function withoutPaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, '<path>');
}

/** DuckDB's error text without its "Error: " prefix and without server paths. */
export function engineMessage(error: unknown): string {
  const text = String(error instanceof Error ? error.message : error);
  return withoutPaths(text.replace(/^Error:\s*/, '')).trim();
}

/**
 * Sorts DuckDB's error text into what the API answers with: the statement's own mistakes
 * (syntax, binding, types, values) are 400; only a refused file or object is a matter of
 * permission (403); interrupts and memory are limits.
 */
export function classifyDuckDBError(message: string): QueryErrorKind {
  if (/^Permission Error/i.test(message)) return 'not-granted';
  if (/Out of Memory|INTERRUPT|Interrupted/i.test(message)) return 'limit';
  if (
    /^(Parser|Syntax|Binder|Catalog|Conversion|Out of Range|Invalid Input|Invalid|Constraint|Not implemented|Parameter Not (Allowed|Resolved)) Error/i.test(
      message,
    )
  ) {
    return 'invalid';
  }
  return 'engine';
}
