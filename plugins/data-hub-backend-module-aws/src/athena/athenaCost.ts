import type { QueryState } from '@cloud-data-hub/data-hub-node';

const MB = 1024 ** 2;
/** AWS bills Athena per TB as 1024 GB. */
const TB = 1024 ** 4;
/** Athena bills at least 10 MB per query. */
const MINIMUM_BILLED_BYTES = 10 * MB;

/**
 * What Athena charges for a query, as its pricing says: data scanned rounded up to the next
 * MB, at least 10 MB, times the price per TB. Failed queries are free; a cancelled one pays
 * for what it scanned before it stopped. Undefined while Athena has reported no bytes.
 */
export function athenaCostUsd(
  state: QueryState,
  bytesScanned: number | undefined,
  pricePerTbUsd: number,
): number | undefined {
  if (state === 'failed') return 0;
  if (bytesScanned === undefined) return undefined;
  if (state === 'cancelled' && bytesScanned === 0) return 0;
  const billed = Math.max(
    Math.ceil(bytesScanned / MB) * MB,
    MINIMUM_BILLED_BYTES,
  );
  return (billed / TB) * pricePerTbUsd;
}
