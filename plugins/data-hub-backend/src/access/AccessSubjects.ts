import type { AuthService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CONSUMER_ROLE_ARN,
  ANNOTATION_USE_CASE_HUB,
  isDatasetEntity,
  type DatasetClassification,
  type DatasetEntityV1alpha1,
} from '@cloud-data-hub/data-hub-common';
import { LRUCache } from 'lru-cache';

/** What the workflow needs to know about a dataset. */
export interface DatasetFacts {
  ref: string;
  title?: string;
  hub: string;
  owner: string;
  classification: DatasetClassification;
  storage: DatasetEntityV1alpha1['spec']['storage'];
  tables: DatasetEntityV1alpha1['spec']['tables'];
}

/** What the workflow needs to know about a use case (a System with the use-case annotations). */
export interface UseCaseFacts {
  ref: string;
  title?: string;
  hub: string;
  owner: string;
  consumerRoleArn?: string;
}

/** Normalises a possibly short ref (`sales-data-us`) to `group:default/sales-data-us`. */
export function fullRef(
  ref: string,
  defaultKind: string,
  defaultNamespace = 'default',
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace }),
  );
}

/** Parses a ref from a request body; undefined when it is not a ref at all. */
export function tryFullRef(
  ref: string,
  defaultKind: string,
): string | undefined {
  try {
    return fullRef(ref, defaultKind);
  } catch {
    return undefined;
  }
}

function useCaseFacts(entity: Entity): UseCaseFacts | undefined {
  const hub = entity.metadata.annotations?.[ANNOTATION_USE_CASE_HUB];
  const owner = (entity.spec as { owner?: string } | undefined)?.owner;
  if (!hub || !owner) return undefined;
  return {
    ref: stringifyEntityRef(entity),
    title: entity.metadata.title,
    hub,
    owner: fullRef(owner, 'group', entity.metadata.namespace),
    consumerRoleArn:
      entity.metadata.annotations?.[ANNOTATION_CONSUMER_ROLE_ARN],
  };
}

/**
 * Reads datasets and use cases from Backstage's catalog with the plugin's own service
 * credentials, so the rules see the same facts whoever asks. Entities are remembered for a
 * few seconds: one request's create, decide and grant steps read the same entities several
 * times, and under load that was most of the catalog traffic. Ownership changes therefore
 * apply after at most `cacheMillis`.
 */
export class AccessSubjects {
  private readonly cache: LRUCache<string, Promise<Entity | undefined>>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    cacheMillis = 5_000,
  ) {
    this.cache = new LRUCache({ max: 10_000, ttl: cacheMillis });
  }

  private async cached(ref: string): Promise<Entity | undefined> {
    const hit = this.cache.get(ref);
    if (hit) return hit;
    const entity = this.credentials().then(options =>
      this.catalog.getEntityByRef(ref, options),
    );
    this.cache.set(ref, entity);
    // A failed lookup is not remembered.
    entity.catch(() => {
      if (this.cache.peek(ref) === entity) this.cache.delete(ref);
    });
    return entity;
  }

  private async credentials() {
    return { credentials: await this.auth.getOwnServiceCredentials() };
  }

  async dataset(ref: string): Promise<DatasetFacts | undefined> {
    const entity = await this.cached(ref);
    if (!isDatasetEntity(entity)) return undefined;
    return {
      ref: stringifyEntityRef(entity),
      title: entity.metadata.title,
      hub: entity.spec.hub,
      owner: fullRef(entity.spec.owner, 'group', entity.metadata.namespace),
      classification: entity.spec.classification,
      storage: entity.spec.storage,
      tables: entity.spec.tables ?? [],
    };
  }

  /** The entity behind a ref, to explain why it is not a use case. */
  async entity(ref: string): Promise<Entity | undefined> {
    return this.cached(ref);
  }

  async useCase(ref: string): Promise<UseCaseFacts | undefined> {
    const entity = await this.entity(ref);
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'system')
      return undefined;
    return useCaseFacts(entity);
  }

  /** Use cases owned by one of the given refs (the signed-in user's groups). */
  async useCasesOwnedBy(ownershipRefs: string[]): Promise<UseCaseFacts[]> {
    if (ownershipRefs.length === 0) return [];
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'system', 'relations.ownedBy': ownershipRefs },
        fields: ['kind', 'metadata', 'spec.owner'],
      },
      await this.credentials(),
    );
    // In a stable order (the catalog's is not), so pickers list them the same way each time.
    return items
      .flatMap(entity => useCaseFacts(entity) ?? [])
      .sort((a, b) =>
        (a.title ?? a.ref).localeCompare(b.title ?? b.ref, 'en-US'),
      );
  }
}
