/**
 * Catalog support for Cloud Data Hub: the Dataset kind processor and dataset entity providers.
 *
 * @packageDocumentation
 */
export { catalogModuleDataHub as default } from './module/catalogModuleDataHub';
export { DatasetEntitiesProcessor } from './processor/DatasetEntitiesProcessor';
export { DataHubDatasetEntityProvider } from './providers/DataHubDatasetEntityProvider';
export { ObservedLineageProcessor } from './processor/ObservedLineageProcessor';
export {
  ObservedLineageReader,
  type ObservedUpstreamSource,
} from './lineage/ObservedLineageReader';
