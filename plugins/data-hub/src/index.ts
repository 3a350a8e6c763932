/**
 * Cloud Data Hub frontend: Dataset entity cards, catalog filters and search
 * results.
 *
 * The default export is the plugin for the new frontend system (discovered
 * by apps with `app.packages: all`); the named legacy exports serve apps on
 * the old frontend system.
 *
 * @packageDocumentation
 */
export { dataHubPlugin as default } from './plugin';
export {
  dataHubLegacyPlugin,
  EntityDatasetOverviewCard,
  EntityDatasetSchemaCard,
} from './legacy';
export {
  DatasetHubFilter,
  DatasetLayerFilter,
  DatasetHubPicker,
  DatasetLayerPicker,
} from './filters';
export type { DatasetEntityFilters } from './filters';
export type { DatasetOverviewCardProps } from './components/DatasetOverviewCard';
export type { DatasetSchemaCardProps } from './components/DatasetSchemaCard';
export {
  DATASET_SEARCH_TYPE,
  DatasetSearchResultListItem,
  DatasetHubSearchFilter,
  DatasetLayerSearchFilter,
} from './search';
export type {
  DatasetSearchDocument,
  DatasetSearchResultListItemProps,
  DatasetSearchFilterProps,
} from './search';
