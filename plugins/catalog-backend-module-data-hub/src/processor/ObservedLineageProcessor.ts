import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_OBSERVED_UPSTREAM,
  DATASET_KIND,
  isDatasetEntity,
} from '@cloud-data-hub/data-hub-common';
import type { ObservedUpstreamSource } from '../lineage/ObservedLineageReader';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Observed lineage in the catalog: a Dataset that job runs were seen writing from other
 * Datasets (OpenLineage, read from the data-hub backend) gets the annotation
 * `clouddatahub.io/observed-upstream` listing them, and `dependsOn` / `dependencyOf`
 * relations to them, next to the ones DatasetEntitiesProcessor emits for the declared
 * `spec.upstream` (those are not emitted twice).
 *
 * The annotation is the catalog's own: a value the entity's source gives is replaced, or
 * removed when nothing is observed. The relations follow the annotation, so the two agree
 * within one processing run even when the observed edges change meanwhile.
 *
 * @public
 */
export class ObservedLineageProcessor implements CatalogProcessor {
  constructor(private readonly observed: ObservedUpstreamSource) {}

  getProcessorName(): string {
    return 'ObservedLineageProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (!isDatasetEntity(entity)) {
      return entity;
    }
    const self = lower(stringifyEntityRef(entity));
    const upstream = (
      await this.observed.upstreamOf(stringifyEntityRef(entity))
    )
      .filter(ref => lower(ref) !== self)
      .sort();
    const value = upstream.length ? upstream.join(',') : undefined;
    const annotations = entity.metadata.annotations ?? {};
    if (annotations[ANNOTATION_OBSERVED_UPSTREAM] === value) {
      return entity;
    }
    const { [ANNOTATION_OBSERVED_UPSTREAM]: _previous, ...others } =
      annotations;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: value
          ? { ...others, [ANNOTATION_OBSERVED_UPSTREAM]: value }
          : others,
      },
    };
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isDatasetEntity(entity)) {
      return entity;
    }
    const observed =
      entity.metadata.annotations?.[ANNOTATION_OBSERVED_UPSTREAM];
    if (!observed) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const namespace = entity.metadata.namespace;
    const toRef = (ref: string) => {
      try {
        return parseEntityRef(ref, {
          defaultKind: DATASET_KIND,
          defaultNamespace: namespace,
        });
      } catch {
        return undefined; // DatasetEntitiesProcessor reports a malformed declared ref
      }
    };
    // Declared upstream already has its relations; self-references and repeats get none.
    const skip = new Set(
      (entity.spec.upstream ?? []).flatMap(up => {
        const ref = toRef(up);
        return ref ? [lower(stringifyEntityRef(ref))] : [];
      }),
    );
    skip.add(lower(stringifyEntityRef(self)));
    for (const up of observed.split(',')) {
      const ref = toRef(up.trim());
      if (!ref || skip.has(lower(stringifyEntityRef(ref)))) continue;
      skip.add(lower(stringifyEntityRef(ref)));
      emit(
        processingResult.relation({
          source: self,
          type: RELATION_DEPENDS_ON,
          target: ref,
        }),
      );
      emit(
        processingResult.relation({
          source: ref,
          type: RELATION_DEPENDENCY_OF,
          target: self,
        }),
      );
    }
    return entity;
  }
}
