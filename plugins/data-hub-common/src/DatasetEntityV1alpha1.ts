import type { Entity } from '@backstage/catalog-model';
import {
  DATASET_API_VERSION,
  DATASET_KIND,
  DatasetClassification,
  DatasetLayer,
} from './model';

/**
 * One column of a dataset table. (Types, not interfaces: entity specs must be JSON-assignable.)
 *
 * @public
 */
export type DatasetColumn = {
  name: string;
  type: string;
  description?: string;
  /** Personally identifiable: never granted unless asked for explicitly. */
  pii?: boolean;
};

/**
 * One table of a dataset's Glue database.
 *
 * @public
 */
export type DatasetTable = {
  name: string;
  description?: string;
  partitionKeys?: DatasetColumn[];
  columns: DatasetColumn[];
  /** Row count and size where the source knows them. */
  rowCount?: number;
  sizeBytes?: number;
};

/**
 * Where a dataset lives: one S3 location and one Glue database.
 *
 * @public
 */
export type DatasetStorage = {
  location: string;
  glueDatabase: string;
  region?: string;
  accountId?: string;
};

/**
 * A Dataset catalog entity (`clouddatahub.io/v1alpha1`), see docs/architecture.md (Model).
 *
 * @public
 */
export interface DatasetEntityV1alpha1 extends Entity {
  apiVersion: typeof DATASET_API_VERSION;
  kind: typeof DATASET_KIND;
  spec: {
    layer: DatasetLayer;
    hub: string;
    /** Entity ref of the business object, a Domain. */
    businessObject: string;
    /** Entity ref of the owning group. */
    owner: string;
    lifecycle: string;
    classification: DatasetClassification;
    storage: DatasetStorage;
    tables: DatasetTable[];
    /** Entity refs of the datasets this one is built from. */
    upstream?: string[];
    freshness?: { maxAgeHours: number };
  };
}

/**
 * True when the entity is a Dataset (kind and apiVersion), without validating its spec.
 *
 * @public
 */
export function isDatasetEntity(
  entity: Entity | undefined,
): entity is DatasetEntityV1alpha1 {
  return (
    !!entity &&
    entity.kind.toLocaleLowerCase('en-US') ===
      DATASET_KIND.toLocaleLowerCase('en-US') &&
    entity.apiVersion === DATASET_API_VERSION
  );
}
