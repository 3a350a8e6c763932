/**
 * Cloud Data Hub frontend: Dataset entity cards, the access-request page and
 * client, the query page and client, catalog filters and search results.
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
  EntityDatasetAccessCard,
  DataHubAccessRequestsPage,
} from './legacy';
export {
  dataHubAccessApiRef,
  DataHubAccessClient,
  accessErrorMessage,
} from './api';
export type {
  AccessRequestsView,
  AccessSettings,
  DataHubAccessApi,
  ListAccessRequestsOptions,
  ListAuditOptions,
  ListGrantsOptions,
  PageOptions,
} from './api';
export { accessRequestsRouteRef } from './routes';
export {
  DatasetSpecFilter,
  DatasetHubFilter,
  DatasetLayerFilter,
  DatasetHubPicker,
  DatasetLayerPicker,
} from './filters';
export type { DatasetEntityFilters } from './filters';
export type { DatasetOverviewCardProps } from './components/DatasetOverviewCard';
export type { DatasetSchemaCardProps } from './components/DatasetSchemaCard';
export type { DatasetAccessCardProps } from './components/DatasetAccessCard';
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
export {
  DataHubQueryPage,
  EntityDatasetQueryCard,
  EntityDatasetLineageCard,
  EntityDatasetHealthCard,
  EntityDatasetUsageCard,
  DataHubOverviewPage,
} from './legacy';
export { dataHubQueryApiRef } from './api/DataHubQueryApi';
export type {
  DataHubQueryApi,
  ListQueryHistoryOptions,
  QueryCsvFile,
  QueryUseCase,
  SavedQueryPatch,
  SaveQueryBody,
} from './api/DataHubQueryApi';
export { DataHubQueryClient } from './api/DataHubQueryClient';
export { DataHubQueryError } from './api/DataHubQueryError';
export { queryRouteRef, catalogIndexRouteRef } from './routes';
export type { DatasetQueryCardProps } from './components/DatasetQueryCard';
export {
  createDatasetHealthColumn,
  DatasetHealthChip,
  DatasetHealthStatusForEntity,
} from './components/DatasetHealthStatus';
export type {
  DatasetHealthChipProps,
  DatasetHealthStatusForEntityProps,
} from './components/DatasetHealthStatus';
export type { DatasetHealthCardProps } from './components/DatasetHealthCard';
export type { DatasetUsageCardProps } from './components/DatasetUsageCard';
export type { DatasetLineageCardProps } from './components/DatasetLineageCard';
export { dataHubLineageApiRef, DataHubLineageClient } from './api';
export type { DataHubLineageApi, LineageGraphOptions } from './api';
export { overviewRouteRef } from './routes';
