/**
 * The three layers a dataset can live in (docs/architecture.md, Model).
 *
 * @public
 */
export const DATASET_LAYERS = ['source', 'prepared', 'semantic'] as const;
/** @public */
export type DatasetLayer = (typeof DATASET_LAYERS)[number];

/**
 * Data classifications, least to most sensitive.
 *
 * @public
 */
export const DATASET_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'strictly-confidential',
] as const;
/** @public */
export type DatasetClassification = (typeof DATASET_CLASSIFICATIONS)[number];

/**
 * The catalog apiVersion and kind of a Dataset entity.
 *
 * @public
 */
export const DATASET_API_VERSION = 'clouddatahub.io/v1alpha1';
/** @public */
export const DATASET_KIND = 'Dataset';

/**
 * Annotations the Data Hub reads from use-case Systems (docs/architecture.md, Model).
 *
 * @public
 */
export const ANNOTATION_USE_CASE_HUB = 'clouddatahub.io/use-case-hub';
/** @public */
export const ANNOTATION_CONSUMER_ROLE_ARN = 'clouddatahub.io/consumer-role-arn';

/**
 * Time of a dataset's newest data (file time, Glue table update time), for freshness.
 *
 * @public
 */
export const ANNOTATION_LAST_UPDATED = 'clouddatahub.io/last-updated';

/**
 * Set by the catalog on a Dataset: the comma-separated, sorted refs of the Datasets that job
 * runs were observed reading to write it (OpenLineage). Those become `dependsOn` relations
 * next to the declared `spec.upstream`; the annotation tells observed from declared ones.
 *
 * @public
 */
export const ANNOTATION_OBSERVED_UPSTREAM = 'clouddatahub.io/observed-upstream';
