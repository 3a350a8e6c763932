import type { DatasetLayer } from './model';
import type { Hub } from './hubs';

/**
 * Naming rules every runtime shares (templates, Terraform, the local lake, Glue): a dataset
 * `vehicle-trips-prepared` lives in Glue database `vehicle_trips_prepared`, in the hub's
 * layer bucket, under a prefix named like the database.
 */

/**
 * Dataset names: lower case, digits and single hyphens, 3 to 63 characters, ending in the layer.
 *
 * @public
 */
export const DATASET_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

/**
 * Glue database names are lower-case with underscores.
 *
 * @public
 */
export function glueDatabaseName(datasetName: string): string {
  return datasetName.replace(/-/g, '_');
}

/**
 * The bucket of one layer of a hub; the account id keeps it globally unique.
 *
 * @public
 */
export function datasetBucketName(hub: Hub, layer: DatasetLayer): string {
  return `cdh-${hub.name}-${layer}-${hub.accountId}`;
}

/**
 * The S3 location of a dataset.
 *
 * @public
 */
export function datasetLocation(
  hub: Hub,
  layer: DatasetLayer,
  datasetName: string,
): string {
  return `s3://${datasetBucketName(hub, layer)}/${glueDatabaseName(
    datasetName,
  )}/`;
}

/**
 * Problems with a dataset name, empty when it follows the rules.
 *
 * @public
 */
export function datasetNameProblems(
  name: string,
  layer?: DatasetLayer,
): string[] {
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63) {
    problems.push(`name "${name}" must be 3 to 63 characters long`);
  }
  if (!DATASET_NAME_PATTERN.test(name)) {
    problems.push(
      `name "${name}" must be lower-case letters and digits in words joined by single hyphens, e.g. vehicle-trips-prepared`,
    );
  }
  if (layer && !name.endsWith(`-${layer}`)) {
    problems.push(`name "${name}" must end with its layer: "-${layer}"`);
  }
  return problems;
}
