import type { DatasetHealth } from '@cloud-data-hub/data-hub-common';

const STATUS_ORDER: Record<DatasetHealth['status'], number> = {
  failing: 0,
  stale: 1,
  healthy: 2,
};

/** The name a dataset is shown by: its title, else its entity ref. */
export function datasetName(dataset: {
  entityRef: string;
  title?: string;
}): string {
  return dataset.title || dataset.entityRef;
}

/**
 * The order of the "Stale or failing" list: failing datasets first (a job
 * is broken now, and everything downstream will go stale next), then stale
 * ones by how long ago they were last written (longest first; never written
 * before all), then by name so the list does not reshuffle on reload.
 */
export function sortUnhealthy(datasets: DatasetHealth[]): DatasetHealth[] {
  const writtenAt = (d: DatasetHealth) =>
    d.lastSuccessfulWrite ? Date.parse(d.lastSuccessfulWrite.at) : -Infinity;
  return [...datasets].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      writtenAt(a) - writtenAt(b) ||
      datasetName(a).localeCompare(datasetName(b)),
  );
}
