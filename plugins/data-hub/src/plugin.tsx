import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  OverridableFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import CodeIcon from '@material-ui/icons/Code';
import StorageIcon from '@material-ui/icons/Storage';
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
import { dataHubAccessApiRef, DataHubAccessClient } from './api';
import { accessRequestsRouteRef } from './routes';
import { dataHubQueryApiRef } from './api/DataHubQueryApi';
import { DataHubQueryClient } from './api/DataHubQueryClient';
import {
  catalogIndexRouteRef,
  overviewRouteRef,
  queryRouteRef,
} from './routes';
import { dataHubLineageApiRef } from './api/DataHubLineageApi';
import { DataHubLineageClient } from './api/DataHubLineageClient';

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

/**
 * The "Access" card: a `content` card, as its grants table lists columns per
 * table. Extension id: `entity-card:data-hub/dataset-access`.
 */
const datasetAccessEntityCard = EntityCardBlueprint.make({
  name: 'dataset-access',
  params: {
    type: 'content',
    filter: DATASET_ENTITY_FILTER,
    loader: () =>
      import('./components/DatasetAccessCard').then(m => (
        <m.DatasetAccessCard />
      )),
  },
});

/**
 * The "Access requests" page at `/data-hub/access-requests`. Its title and
 * icon make it a sidebar item: the app's nav lists the pages that have both.
 * Extension id: `page:data-hub/access-requests`.
 */
const accessRequestsPage = PageBlueprint.make({
  name: 'access-requests',
  params: {
    path: '/data-hub/access-requests',
    title: 'Access requests',
    icon: <VerifiedUserIcon />,
    routeRef: accessRequestsRouteRef,
    loader: () =>
      import('./components/AccessRequestsPage').then(m => (
        <m.AccessRequestsPageBody />
      )),
  },
});

/**
 * The "Query" card: a small `info` card beside the entity's About card, with
 * the "Query" button that opens the query page on a starter query.
 * Extension id: `entity-card:data-hub/dataset-query`.
 */
const datasetQueryEntityCard = EntityCardBlueprint.make({
  name: 'dataset-query',
  params: {
    type: 'info',
    filter: DATASET_ENTITY_FILTER,
    loader: () =>
      import('./components/DatasetQueryCard').then(m => <m.DatasetQueryCard />),
  },
});

/**
 * The "Query" page at `/data-hub/query`, a sidebar item by its title and icon.
 * Extension id: `page:data-hub/query`.
 */
const queryPage = PageBlueprint.make({
  name: 'query',
  params: {
    path: '/data-hub/query',
    title: 'Query',
    icon: <CodeIcon />,
    routeRef: queryRouteRef,
    loader: () =>
      import('./components/QueryPage').then(m => <m.QueryPageContent />),
  },
});

/** The query client. Extension id: `api:data-hub/query`. */
const dataHubQueryApi = ApiBlueprint.make({
  name: 'query',
  params: defineParams =>
    defineParams({
      api: dataHubQueryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataHubQueryClient({ discoveryApi, fetchApi }),
    }),
});

/** The access-request client. Extension id: `api:data-hub/access`. */
const dataHubAccessApi = ApiBlueprint.make({
  name: 'access',
  params: defineParams =>
    defineParams({
      api: dataHubAccessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataHubAccessClient({ discoveryApi, fetchApi }),
    }),
});

/** The lineage, health, usage and overview client. Extension id: `api:data-hub/lineage`. */
const dataHubLineageApi = ApiBlueprint.make({
  name: 'lineage',
  params: defineParams =>
    defineParams({
      api: dataHubLineageApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataHubLineageClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The "Lineage" card: datasets and jobs upstream and downstream, wide enough
 * for a graph. Extension id: `entity-card:data-hub/dataset-lineage`.
 */
const datasetLineageEntityCard = EntityCardBlueprint.make({
  name: 'dataset-lineage',
  params: {
    type: 'content',
    filter: DATASET_ENTITY_FILTER,
    loader: () =>
      import('./components/DatasetLineageCard').then(m => (
        <m.DatasetLineageCard />
      )),
  },
});

/**
 * The "Health" card beside the About card: fresh, stale or failing, and why.
 * Extension id: `entity-card:data-hub/dataset-health`.
 */
const datasetHealthEntityCard = EntityCardBlueprint.make({
  name: 'dataset-health',
  params: {
    type: 'info',
    filter: DATASET_ENTITY_FILTER,
    loader: () =>
      import('./components/DatasetHealthCard').then(m => (
        <m.DatasetHealthCard />
      )),
  },
});

/**
 * The "Usage" card: queries per day, users and use cases.
 * Extension id: `entity-card:data-hub/dataset-usage`.
 */
const datasetUsageEntityCard = EntityCardBlueprint.make({
  name: 'dataset-usage',
  params: {
    type: 'info',
    filter: DATASET_ENTITY_FILTER,
    loader: () =>
      import('./components/DatasetUsageCard').then(m => <m.DatasetUsageCard />),
  },
});

/**
 * The "Data Hub" overview page at `/data-hub`, a sidebar item by its title
 * and icon. Extension id: `page:data-hub/overview`.
 */
const overviewPage = PageBlueprint.make({
  name: 'overview',
  params: {
    path: '/data-hub',
    title: 'Data Hub',
    icon: <StorageIcon />,
    routeRef: overviewRouteRef,
    loader: () =>
      import('./components/DataHubOverviewPage').then(m => (
        <m.DataHubOverviewPageContent />
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
 * entity cards (overview, access, schema), the "Access requests" page and its
 * API, the Hub / Layer catalog filters, and on the search page the dataset
 * result item, the "Datasets" result type and Hub / Layer filters.
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
  routes: {
    accessRequests: accessRequestsRouteRef,
    query: queryRouteRef,
    overview: overviewRouteRef,
  },
  externalRoutes: {
    catalogIndex: catalogIndexRouteRef,
  },
  extensions: [
    dataHubAccessApi,
    datasetOverviewEntityCard,
    // After the overview and before the long schema: access is what a
    // consumer looks for once they know what the dataset is.
    datasetAccessEntityCard,
    datasetSchemaEntityCard,
    accessRequestsPage,
    dataHubQueryApi,
    datasetQueryEntityCard,
    queryPage,
    dataHubLineageApi,
    datasetHealthEntityCard,
    datasetUsageEntityCard,
    datasetLineageEntityCard,
    overviewPage,
    datasetHubCatalogFilter,
    datasetLayerCatalogFilter,
    datasetSearchResultListItem,
    datasetSearchResultType,
    datasetHubSearchFilter,
    datasetLayerSearchFilter,
  ],
});
