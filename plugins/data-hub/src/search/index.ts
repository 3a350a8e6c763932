export {
  datasetSearchResultListItem,
  datasetSearchResultType,
  datasetHubSearchFilter,
  datasetLayerSearchFilter,
} from './extensions';
export { DatasetSearchResultListItem } from './DatasetSearchResultListItem';
export type { DatasetSearchResultListItemProps } from './DatasetSearchResultListItem';
export {
  DatasetHubSearchFilter,
  DatasetLayerSearchFilter,
} from './DatasetSearchFilters';
export type { DatasetSearchFilterProps } from './DatasetSearchFilters';
export { DATASET_SEARCH_TYPE } from './types';
export type { DatasetSearchDocument } from './types';
