/**
 * Search for Cloud Data Hub: a collator that indexes every Dataset entity with
 * its tables and columns, so datasets can be found by column name.
 *
 * @packageDocumentation
 */
export { searchModuleDataHubDatasets as default } from './module';
export { DatasetCollatorFactory } from './collators/DatasetCollatorFactory';
export type { DatasetCollatorFactoryOptions } from './collators/DatasetCollatorFactory';
export {
  DATASET_DOCUMENT_TYPE,
  datasetLocation,
  toDatasetSearchDocument,
} from './collators/datasetDocument';
export type { DatasetSearchDocument } from './collators/datasetDocument';
