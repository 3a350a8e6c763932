import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_LAST_UPDATED,
  type DatasetEntityV1alpha1,
  type DatasetHealth,
  type DatasetHealthStatus,
} from '@cloud-data-hub/data-hub-common';
import type { DatasetLookup } from './DatasetIndex';
import type { DatasetWrite, StoredRunError } from './LineageStore';

const sum = (values: Array<number | undefined>) =>
  values.some(v => typeof v === 'number')
    ? values.reduce<number>((a, v) => a + (v ?? 0), 0)
    : undefined;

/**
 * Health of every Dataset from what is known about its writes:
 * - last successful write: the newer of the latest COMPLETE run that wrote it and the
 *   `clouddatahub.io/last-updated` annotation its source sets (Glue update time, file time);
 * - failing when a FAIL run that wrote it is newer than its latest COMPLETE run (a failed load
 *   is the more urgent news even when the data is still within its freshness). Only runs are
 *   compared: a storage update time says nothing about whether the failed job has recovered;
 * - stale when older than `spec.freshness.maxAgeHours`, or never written at all;
 * - healthy otherwise.
 */
export function computeHealth(options: {
  lookup: DatasetLookup;
  completes: DatasetWrite[];
  failures: DatasetWrite[];
  errors: Map<string, StoredRunError>;
  now: Date;
  only?: DatasetEntityV1alpha1[];
}): DatasetHealth[] {
  const { lookup, now } = options;
  const latestBy = (writes: DatasetWrite[]) => {
    const latest = new Map<string, DatasetWrite>();
    for (const w of writes) {
      const hit = lookup.resolve(w.namespace, w.name);
      if (!hit) continue;
      const current = latest.get(hit.entityRef);
      if (!current || current.at < w.at) latest.set(hit.entityRef, w);
    }
    return latest;
  };
  const completes = latestBy(options.completes);
  const failures = latestBy(options.failures);

  return (options.only ?? lookup.datasets).map(dataset => {
    const ref = stringifyEntityRef(dataset);
    const complete = completes.get(ref);
    const annotated = dataset.metadata.annotations?.[ANNOTATION_LAST_UPDATED];
    const annotatedAt =
      annotated && !Number.isNaN(Date.parse(annotated))
        ? new Date(annotated).toISOString()
        : undefined;
    let lastSuccessfulWrite: DatasetHealth['lastSuccessfulWrite'];
    if (complete && (!annotatedAt || complete.at >= annotatedAt)) {
      lastSuccessfulWrite = {
        at: complete.at,
        source: 'lineage',
        runId: complete.runId,
        job: { namespace: complete.jobNamespace, name: complete.jobName },
      };
    } else if (annotatedAt) {
      lastSuccessfulWrite = { at: annotatedAt, source: 'storage' };
    }
    const failure = failures.get(ref);
    const lastFailure =
      failure && (!complete || failure.at > complete.at)
        ? {
            at: failure.at,
            runId: failure.runId,
            job: { namespace: failure.jobNamespace, name: failure.jobName },
            error: options.errors.get(failure.runId),
          }
        : undefined;
    const maxAgeHours = dataset.spec.freshness?.maxAgeHours;
    const ageHours = lastSuccessfulWrite
      ? Math.max(
          0,
          (now.getTime() - Date.parse(lastSuccessfulWrite.at)) / 3_600_000,
        )
      : undefined;

    let status: DatasetHealthStatus = 'healthy';
    let reason = 'Written within its freshness';
    if (lastFailure) {
      status = 'failing';
      reason = `Job ${lastFailure.job.name} failed${
        lastFailure.error ? `: ${lastFailure.error.message}` : ''
      }`;
    } else if (maxAgeHours !== undefined && ageHours === undefined) {
      status = 'stale';
      reason = 'No successful write is known';
    } else if (maxAgeHours !== undefined && ageHours! > maxAgeHours) {
      status = 'stale';
      reason = `Last written ${Math.round(
        ageHours!,
      )} h ago, expected every ${maxAgeHours} h`;
    } else if (maxAgeHours === undefined) {
      reason = 'No freshness expectation';
    }

    const tables = (dataset.spec.tables ?? []).map(t => ({
      name: t.name,
      rowCount: t.rowCount,
      sizeBytes: t.sizeBytes,
    }));
    return {
      entityRef: ref,
      title: dataset.metadata.title,
      hub: dataset.spec.hub,
      layer: dataset.spec.layer,
      status,
      reason,
      lastSuccessfulWrite,
      ageHours:
        ageHours === undefined ? undefined : Math.round(ageHours * 100) / 100,
      maxAgeHours,
      lastFailure,
      rowCount: sum(tables.map(t => t.rowCount)),
      sizeBytes: sum(tables.map(t => t.sizeBytes)),
      tables,
    };
  });
}
