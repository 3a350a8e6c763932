import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** The Datasets one caller may read in the catalog. */
export interface DatasetVisibility {
  canRead(entityRef: string): boolean;
}

/** Enough of an entity to name it; the catalog sends nothing else. */
const FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];
const keyOf = (ref: string) => ref.toLocaleLowerCase('en-US');

function visibility(refs: string[]): DatasetVisibility {
  const readable = new Set(refs.map(keyOf));
  return { canRead: ref => readable.has(keyOf(ref)) };
}

/**
 * Asks the catalog, with the caller's own credentials, which Datasets they may read, so health,
 * usage, the overview and lineage follow the catalog's read permission (`catalog.entity.read`)
 * and whatever the portal's policy makes of it. One catalog call per API request, however many
 * Datasets it covers; the lineage index itself stays one shared snapshot read as the plugin.
 */
export class ReadableDatasets {
  constructor(private readonly catalog: CatalogService) {}

  /** Every Dataset the caller may read. */
  async all(credentials: BackstageCredentials): Promise<DatasetVisibility> {
    const { items } = await this.catalog.getEntities(
      { filter: { kind: 'dataset' }, fields: FIELDS },
      { credentials },
    );
    return visibility(items.map(e => stringifyEntityRef(e)));
  }

  /** Which of these Datasets the caller may read. */
  async among(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<DatasetVisibility> {
    const unique = [...new Map(entityRefs.map(r => [keyOf(r), r])).values()];
    if (!unique.length) return visibility([]);
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: FIELDS },
      { credentials },
    );
    return visibility(items.flatMap(e => (e ? [stringifyEntityRef(e)] : [])));
  }
}
