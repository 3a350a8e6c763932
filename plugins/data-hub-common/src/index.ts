/**
 * Shared types, the Dataset JSON schema, hubs and constants of Cloud Data Hub.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './DatasetEntityV1alpha1';
export * from './datasetEntityV1alpha1Validator';
export * from './hubs';
export * from './search';
export * from './naming';
export * from './access';
export * from './query';
export * from './lineage';
