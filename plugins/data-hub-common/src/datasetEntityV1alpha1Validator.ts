import {
  Entity,
  KindValidator,
  entityKindSchemaValidator,
} from '@backstage/catalog-model';
import schema from './schema/Dataset.v1alpha1.schema.json';
import type { DatasetEntityV1alpha1 } from './DatasetEntityV1alpha1';

const validator = entityKindSchemaValidator(schema);

/**
 * Validates Dataset entities against the JSON schema, in the form the catalog's
 * processors expect: `false` for other kinds, `true` for a valid Dataset, and an
 * error that names the offending field (e.g. `/spec/layer`) otherwise.
 *
 * @public
 */
export const datasetEntityV1alpha1Validator: KindValidator = {
  async check(data: Entity) {
    return validator(data) === data;
  },
};

/**
 * The Dataset JSON schema, for tools that validate `catalog-info.yaml` outside the catalog.
 *
 * @public
 */
export const datasetEntityV1alpha1Schema = schema;

/**
 * Validates and narrows; throws an error naming the bad field.
 *
 * @public
 */
export function parseDatasetEntity(data: unknown): DatasetEntityV1alpha1 {
  const result = validator(data);
  if (!result) {
    throw new TypeError(
      'Not a Dataset entity: expected apiVersion clouddatahub.io/v1alpha1 and kind Dataset',
    );
  }
  return result as DatasetEntityV1alpha1;
}
