import {
  ANNOTATION_LAST_UPDATED,
  type DatasetEntityV1alpha1,
} from '@cloud-data-hub/data-hub-common';

/** The freshness of a dataset at a point in time. */
export interface DatasetFreshness {
  /** The freshness target from `spec.freshness.maxAgeHours`, if any. */
  maxAgeHours?: number;
  /** When the newest data file was written, if known and parseable. */
  lastUpdated?: Date;
  /** Hours between `lastUpdated` and now. */
  ageHours?: number;
  /**
   * `stale` when older than the target, `fresh` when within it, and
   * `unknown` when either the target or the last update is missing.
   */
  status: 'fresh' | 'stale' | 'unknown';
}

/** Computes a dataset's freshness from its spec and last-updated annotation. */
export function getDatasetFreshness(
  entity: DatasetEntityV1alpha1,
  now: Date,
): DatasetFreshness {
  const maxAgeHours = entity.spec.freshness?.maxAgeHours;
  const raw = entity.metadata.annotations?.[ANNOTATION_LAST_UPDATED];
  const parsed = raw ? new Date(raw) : undefined;
  const lastUpdated =
    parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
  const ageHours = lastUpdated
    ? Math.max(0, (now.getTime() - lastUpdated.getTime()) / 3_600_000)
    : undefined;

  let status: DatasetFreshness['status'] = 'unknown';
  if (typeof maxAgeHours === 'number' && ageHours !== undefined) {
    status = ageHours > maxAgeHours ? 'stale' : 'fresh';
  }
  return { maxAgeHours, lastUpdated, ageHours, status };
}
