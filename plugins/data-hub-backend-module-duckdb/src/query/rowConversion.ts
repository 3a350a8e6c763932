import {
  DuckDBListVector,
  type DuckDBDataChunk,
  type DuckDBVector,
} from '@duckdb/node-api';
import type { QueryValue } from '@cloud-data-hub/data-hub-node';
import { toQueryValue } from './queryValues';

/**
 * Most elements a list value may have to be shown on a page. Node's binding turns a list into
 * JavaScript values all at once, on the event loop, before any cap can look at it: one row of
 * `range(10000000)` held the loop for nine seconds. Longer lists are replaced by a note; the
 * CSV download (written by DuckDB) has them whole.
 */
export const MAX_LIST_ITEMS = 100_000;

/** The length of a row's list, read from the vector's entries without converting it. */
function listLength(vector: DuckDBVector, row: number): number | undefined {
  if (!(vector instanceof DuckDBListVector)) return undefined;
  return vector.getEntryLength(row);
}

/** Converts a chunk's rows one at a time, as API values, with over-long lists left out. */
export function* convertChunkRows(
  chunk: DuckDBDataChunk,
): Generator<QueryValue[]> {
  const vectors = Array.from({ length: chunk.columnCount }, (_, i) =>
    chunk.getColumnVector(i),
  );
  const lists = vectors.map(v => v instanceof DuckDBListVector);
  for (let row = 0; row < chunk.rowCount; row++) {
    const long = lists.some(
      (isList, i) =>
        isList && (listLength(vectors[i], row) ?? 0) > MAX_LIST_ITEMS,
    );
    if (!long) {
      yield chunk.convertRowValues(row, toQueryValue);
      continue;
    }
    yield vectors.map(vector => {
      const length = listLength(vector, row);
      if (length !== undefined && length > MAX_LIST_ITEMS) {
        return `(a list of ${length.toLocaleString(
          'en-US',
        )} elements: too long to show here; the CSV download has it)`;
      }
      const value = vector.getItem(row);
      return value === null
        ? null
        : toQueryValue(value, vector.type, toQueryValue);
    });
  }
}
