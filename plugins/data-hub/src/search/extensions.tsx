import {
  SearchFilterBlueprint,
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import StorageIcon from '@material-ui/icons/Storage';
import {
  DatasetHubSearchFilter,
  DatasetLayerSearchFilter,
} from './DatasetSearchFilters';
import { DATASET_SEARCH_TYPE } from './types';

/**
 * Renders search results of type `dataset`.
 * Extension id: `search-result-list-item:data-hub/dataset`.
 */
export const datasetSearchResultListItem = SearchResultListItemBlueprint.make({
  name: 'dataset',
  params: {
    icon: <StorageIcon />,
    predicate: result => result.type === DATASET_SEARCH_TYPE,
    component: () =>
      import('./DatasetSearchResultListItem').then(
        m => m.DatasetSearchResultListItem,
      ),
  },
});

/**
 * The "Datasets" entry of the search page's result types.
 * Extension id: `search-filter-result-type:data-hub/datasets`.
 */
export const datasetSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'datasets',
  params: {
    value: DATASET_SEARCH_TYPE,
    name: 'Datasets',
    icon: <StorageIcon />,
  },
});

/** The search page's "Hub" filter. Extension id: `search-filter:data-hub/hub`. */
export const datasetHubSearchFilter = SearchFilterBlueprint.make({
  name: 'hub',
  params: { component: DatasetHubSearchFilter },
});

/** The search page's "Layer" filter. Extension id: `search-filter:data-hub/layer`. */
export const datasetLayerSearchFilter = SearchFilterBlueprint.make({
  name: 'layer',
  params: { component: DatasetLayerSearchFilter },
});
