import type { DatasetHealth } from '@cloud-data-hub/data-hub-common';
import { fullEntityRef } from '../../utils/entityRefs';

/**
 * One index per `getAllHealth()` answer: the client hands every row the same
 * array for a while, so a table of many rows builds the index once instead of
 * scanning the list per row.
 */
const indexes = new WeakMap<
  readonly DatasetHealth[],
  Map<string | undefined, DatasetHealth>
>();

/**
 * The health of `entityRef` in the list of all datasets' health. Refs are
 * compared in full, lower-cased form: the catalog and the backend may spell
 * a ref's case differently.
 */
export function findHealth(
  items: readonly DatasetHealth[],
  entityRef: string,
): DatasetHealth | undefined {
  let index = indexes.get(items);
  if (!index) {
    index = new Map(items.map(h => [fullEntityRef(h.entityRef, 'dataset'), h]));
    indexes.set(items, index);
  }
  const key = fullEntityRef(entityRef, 'dataset');
  return key === undefined ? undefined : index.get(key);
}
