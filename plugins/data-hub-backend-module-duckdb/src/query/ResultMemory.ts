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
  for (const value of row) bytes += VALUE_OVERHEAD + (typeof value === 'string' ? value.length * 2 : 8);
  return bytes;
}

/** The bytes of result rows all queries hold together, against one cap. */
export class ResultMemory<K> {
  private readonly held = new Map<K, number>();
  private total = 0;

  constructor(private readonly capBytes: number) {}

  /** What one owner holds now. */
  heldBy(owner: K): number {
    return this.held.get(owner) ?? 0;
  }

  fits(bytes: number): boolean {
    return this.total + bytes <= this.capBytes;
  }

  take(owner: K, bytes: number) {
    this.held.set(owner, (this.held.get(owner) ?? 0) + bytes);
    this.total += bytes;
  }

  free(owner: K) {
    this.total -= this.heldBy(owner);
    this.held.delete(owner);
  }

  get bytes() {
    return this.total;
  }
}
