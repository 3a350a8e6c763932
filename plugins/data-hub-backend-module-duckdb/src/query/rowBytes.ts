import type { QueryValue } from '@cloud-data-hub/data-hub-node';

/** Per value and per row overhead of V8's arrays and boxed values, roughly. */
const VALUE_OVERHEAD = 16;
const ROW_OVERHEAD = 32;

/**
 * What a result row costs the heap, estimated: strings at two bytes a character (V8 may use
 * one, so this errs on the safe side), everything else a slot. The estimate need not be
 * exact, only proportional, so that no query and no number of them can fill the heap.
 */
export function rowBytes(row: QueryValue[]): number {
  let bytes = ROW_OVERHEAD;
  for (const value of row)
    bytes +=
      VALUE_OVERHEAD + (typeof value === 'string' ? value.length * 2 : 8);
  return bytes;
}
