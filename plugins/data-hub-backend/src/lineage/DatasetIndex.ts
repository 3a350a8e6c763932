import type { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isDatasetEntity,
  type DatasetEntityV1alpha1,
} from '@cloud-data-hub/data-hub-common';
import { resolveOpenLineageName, type ResolvedName } from './openLineageNaming';

/** Resolves OpenLineage dataset names against the catalog's Datasets. */
export interface DatasetLookup {
  datasets: DatasetEntityV1alpha1[];
  byRef(ref: string): DatasetEntityV1alpha1 | undefined;
  resolve(namespace: string, name: string): ResolvedName | undefined;
}

/**
 * A snapshot of the catalog's Datasets, refreshed at most every `cacheMillis`. Lineage is
 * resolved against it when read rather than when written: events are stored under their
 * OpenLineage names, so a Dataset registered (or moved) after its jobs reported still gets
 * its lineage, and the intake never waits on the catalog.
 */
export class DatasetIndex {
  private snapshot?: { at: number; lookup: Promise<DatasetLookup> };

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly cacheMillis = 10_000,
  ) {}

  async get(): Promise<DatasetLookup> {
    const now = Date.now();
    if (this.snapshot && now - this.snapshot.at < this.cacheMillis)
      return this.snapshot.lookup;
    const lookup = this.load();
    this.snapshot = { at: now, lookup };
    lookup.catch(() => {
      if (this.snapshot?.lookup === lookup) this.snapshot = undefined;
    });
    return lookup;
  }

  private async load(): Promise<DatasetLookup> {
    const { items } = await this.catalog.getEntities(
      { filter: { kind: 'dataset' } },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return createDatasetLookup(items.filter(isDatasetEntity));
  }
}

/** Normalised location prefix: `s3a://b/x` and `s3://b/x/` both become `s3://b/x/`. */
export function normaliseLocation(location: string): string {
  const url = location.replace(/^s3[an]:\/\//, 's3://');
  return url.endsWith('/') ? url : `${url}/`;
}

export function createDatasetLookup(
  datasets: DatasetEntityV1alpha1[],
): DatasetLookup {
  const refs = new Map(
    datasets.map(d => [stringifyEntityRef(d).toLocaleLowerCase('en-US'), d]),
  );
  // Longest location first, so a nested location wins over its parent.
  const byLocation = datasets
    .filter(d => d.spec.storage?.location)
    .map(d => ({
      prefix: normaliseLocation(d.spec.storage.location),
      dataset: d,
    }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const byGlue = new Map<string, DatasetEntityV1alpha1[]>();
  for (const d of datasets) {
    const db = d.spec.storage?.glueDatabase?.toLocaleLowerCase('en-US');
    if (db) byGlue.set(db, [...(byGlue.get(db) ?? []), d]);
  }
  const cache = new Map<string, ResolvedName | undefined>();
  return {
    datasets,
    byRef: ref => refs.get(ref.toLocaleLowerCase('en-US')),
    resolve(namespace, name) {
      const key = `${namespace}\u0000${name}`;
      if (!cache.has(key)) {
        cache.set(
          key,
          resolveOpenLineageName(namespace, name, {
            location: url => {
              const hit = byLocation.find(
                l => url.startsWith(l.prefix) || `${url}/` === l.prefix,
              );
              return (
                hit && {
                  dataset: hit.dataset,
                  rest: url.slice(hit.prefix.length),
                }
              );
            },
            glue: (database, region, accountId) =>
              (byGlue.get(database.toLocaleLowerCase('en-US')) ?? []).find(
                d =>
                  (!region ||
                    !d.spec.storage.region ||
                    d.spec.storage.region === region) &&
                  (!accountId ||
                    !d.spec.storage.accountId ||
                    d.spec.storage.accountId === accountId),
              ),
          }),
        );
      }
      return cache.get(key);
    },
  };
}
