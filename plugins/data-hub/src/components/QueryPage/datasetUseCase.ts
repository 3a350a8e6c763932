import type { QueryUseCase } from '../../api/DataHubQueryApi';
import { fullEntityRef } from '../../utils/entityRefs';
import { findUseCase, labelOfUseCase } from './UseCasePicker';

/**
 * A dataset's entity ref in one comparable form (`dataset:default/x`), from
 * any form a `?dataset=` link may carry (`x`, `default/x`, `Dataset:default/x`);
 * undefined when it is no entity ref at all or names another kind.
 */
export function normalizeDatasetRef(
  ref: string | null | undefined,
): string | undefined {
  const text = ref?.trim();
  const full = text ? fullEntityRef(text, 'dataset') : undefined;
  return full?.startsWith('dataset:') ? full : undefined;
}

/**
 * Of the use cases that may read a dataset, the one a link from the dataset
 * opens the query page with: the one the person picked last if it is among
 * them, else the first by its title.
 */
export function preferredUseCase(
  able: QueryUseCase[],
  lastPicked: string | undefined,
): QueryUseCase | undefined {
  return (
    findUseCase(able, lastPicked) ??
    [...able].sort((a, b) =>
      labelOfUseCase(a).localeCompare(labelOfUseCase(b), 'en-US', {
        sensitivity: 'base',
      }),
    )[0]
  );
}
