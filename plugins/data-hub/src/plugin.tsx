import {
  createFrontendPlugin,
  OverridableFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  CatalogFilterBlueprint,
  EntityCardBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  datasetHubSearchFilter,
  datasetLayerSearchFilter,
  datasetSearchResultListItem,
  datasetSearchResultType,
} from './search/extensions';

/**
 * Shows a card on Dataset entity pages only. The predicate form of the
 * `kind:dataset` expression: catalog-react 4 deprecates string filters and
 * compares values case-insensitively, so `Dataset` entities match.
 */
const DATASET_ENTITY_FILTER = { kind: 'dataset' };

/**
 * The "Dataset" overview card, in the main column of Dataset entity pages: storage
 * locations and lineage links need the width the narrow info column lacks.
 * Extension id: `entity-card:data-hub/dataset-overview`.
 */
const datasetOverviewEntityCard = EntityCardBlueprint.make({
  name: 'dataset-overview',
  params: {
    type: 'content',
    filter: DATASET_ENTITY_FILTER,
    loader: () =>
      import('./components/DatasetOverviewCard').then(m => (
        <m.DatasetOverviewCard />
      )),
  },
});

/**
 * The "Schema" card: a `content` card, so it takes the wide main column of
 * Dataset entity pages. Extension id: `entity-card:data-hub/dataset-schema`.
 */
const datasetSchemaEntityCard = EntityCardBlueprint.make({
  name: 'dataset-schema',
  params: {
    type: 'content',
    filter: DATASET_ENTITY_FILTER,
    loader: () =>
      import('./components/DatasetSchemaCard').then(m => (
        <m.DatasetSchemaCard />
      )),
  },
});

/** The "Hub" catalog filter. Extension id: `catalog-filter:data-hub/hub`. */
const datasetHubCatalogFilter = CatalogFilterBlueprint.make({
  name: 'hub',
  params: {
    loader: () =>
      import('./filters/DatasetHubPicker').then(m => <m.DatasetHubPicker />),
  },
});

/** The "Layer" catalog filter. Extension id: `catalog-filter:data-hub/layer`. */
const datasetLayerCatalogFilter = CatalogFilterBlueprint.make({
  name: 'layer',
  params: {
    loader: () =>
      import('./filters/DatasetLayerPicker').then(m => (
        <m.DatasetLayerPicker />
      )),
  },
});

/**
 * The Cloud Data Hub frontend plugin for the new frontend system: Dataset
 * entity cards, the Hub / Layer catalog filters, and on the search page the
 * dataset result item, the "Datasets" result type and Hub / Layer filters.
 *
 * The type is spelled out because the blueprints of
 * `@backstage/plugin-catalog-react/alpha` are typed by another copy of
 * `@backstage/frontend-plugin-api` than this package's; the extensions are
 * reachable with `dataHubPlugin.getExtension('<extension id>')`.
 *
 * @public
 */
export const dataHubPlugin: OverridableFrontendPlugin = createFrontendPlugin({
  pluginId: 'data-hub',
  title: 'Data Hub',
  extensions: [
    datasetOverviewEntityCard,
    datasetSchemaEntityCard,
    datasetHubCatalogFilter,
    datasetLayerCatalogFilter,
    datasetSearchResultListItem,
    datasetSearchResultType,
    datasetHubSearchFilter,
    datasetLayerSearchFilter,
  ],
});
