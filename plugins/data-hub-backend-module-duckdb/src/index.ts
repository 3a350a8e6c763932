/**
 * The embedded default of Cloud Data Hub: DuckDB over a generated local demo lake.
 *
 * @packageDocumentation
 */
export { dataHubModuleDuckDB as default } from './module';
export { DemoLakeGenerator } from './lake/DemoLakeGenerator';
export { LocalLakeDatasetSource } from './lake/LocalLakeDatasetSource';
export { DEMO_DATASETS } from './lake/demoLake';
export type { DemoDataset, DemoTable, DemoColumn } from './lake/demoLake';
