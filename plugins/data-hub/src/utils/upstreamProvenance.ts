import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_OBSERVED_UPSTREAM,
  DATASET_KIND,
  DatasetEntityV1alpha1,
} from '@cloud-data-hub/data-hub-common';

/** An upstream Dataset and how the portal knows of it. */
export interface UpstreamDataset {
  entityRef: string;
  /** Written in the Dataset's `spec.upstream`. */
  declared: boolean;
  /** Reported by job runs (OpenLineage), per the catalog's `clouddatahub.io/observed-upstream`. */
  observed: boolean;
}

function normalise(ref: string, namespace: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref.trim(), {
        defaultKind: DATASET_KIND.toLocaleLowerCase('en-US'),
        defaultNamespace: namespace,
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * The declared and the observed upstream of a Dataset, merged: one entry per
 * Dataset, declared ones first in their written order, then observed-only ones.
 */
export function upstreamDatasets(
  dataset: DatasetEntityV1alpha1,
): UpstreamDataset[] {
  const namespace = dataset.metadata.namespace ?? 'default';
  const observed = new Set(
    (dataset.metadata.annotations?.[ANNOTATION_OBSERVED_UPSTREAM] ?? '')
      .split(',')
      .flatMap(ref => (ref.trim() ? normalise(ref, namespace) ?? [] : [])),
  );
  const result: UpstreamDataset[] = [];
  const seen = new Set<string>();
  for (const ref of dataset.spec.upstream ?? []) {
    const entityRef = normalise(ref, namespace);
    if (!entityRef || seen.has(entityRef)) continue;
    seen.add(entityRef);
    result.push({
      entityRef,
      declared: true,
      observed: observed.has(entityRef),
    });
  }
  for (const entityRef of [...observed].sort()) {
    if (seen.has(entityRef)) continue;
    result.push({ entityRef, declared: false, observed: true });
  }
  return result;
}

/** "declared", "observed" or "declared and observed". */
export function provenanceLabel(upstream: UpstreamDataset): string {
  if (upstream.declared && upstream.observed) return 'declared and observed';
  return upstream.declared ? 'declared' : 'observed';
}
