import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  DATASET_KIND,
  Hub,
  datasetEntityV1alpha1Validator,
  isDatasetEntity,
} from '@cloud-data-hub/data-hub-common';

/**
 * Validates `kind: Dataset` entities and emits their relations:
 * owner (ownedBy/ownerOf), business object Domain (partOf/hasPart) and
 * upstream datasets (dependsOn/dependencyOf).
 *
 * A validation failure throws; the catalog records it as a processing error on
 * that entity only, naming the field, and leaves every other entity alone.
 *
 * @public
 */
export class DatasetEntitiesProcessor implements CatalogProcessor {
  constructor(private readonly hubs: Hub[]) {}

  getProcessorName(): string {
    return 'DatasetEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!(await datasetEntityV1alpha1Validator.check(entity))) {
      return false;
    }
    if (!isDatasetEntity(entity)) {
      return false;
    }
    const hub = entity.spec.hub;
    if (!this.hubs.some(h => h.name === hub)) {
      throw new InputError(
        `Invalid Dataset ${
          entity.metadata.name
        }: spec.hub "${hub}" is not a hub of this portal; configured hubs (dataHub.hubs): ${
          this.hubs.map(h => h.name).join(', ') || 'none'
        }`,
      );
    }
    const tableNames = new Set<string>();
    for (const [i, table] of entity.spec.tables.entries()) {
      if (tableNames.has(table.name)) {
        throw new InputError(
          `Invalid Dataset ${entity.metadata.name}: spec.tables[${i}].name "${table.name}" is used twice`,
        );
      }
      tableNames.add(table.name);
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isDatasetEntity(entity)) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const namespace = entity.metadata.namespace;

    const pair = (
      target: string,
      defaultKind: string,
      forward: string,
      backward: string,
    ) => {
      const ref = parseEntityRef(target, {
        defaultKind,
        defaultNamespace: namespace,
      });
      emit(
        processingResult.relation({ source: self, type: forward, target: ref }),
      );
      emit(
        processingResult.relation({
          source: ref,
          type: backward,
          target: self,
        }),
      );
    };

    pair(entity.spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
    pair(
      entity.spec.businessObject,
      'Domain',
      RELATION_PART_OF,
      RELATION_HAS_PART,
    );
    for (const upstream of entity.spec.upstream ?? []) {
      pair(upstream, DATASET_KIND, RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF);
    }
    return entity;
  }
}
