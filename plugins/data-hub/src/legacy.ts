import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
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
import type { DatasetOverviewCardProps } from './components/DatasetOverviewCard';
import type { DatasetSchemaCardProps } from './components/DatasetSchemaCard';
import type { DatasetAccessCardProps } from './components/DatasetAccessCard';
import type { DatasetQueryCardProps } from './components/DatasetQueryCard';
import type { DatasetLineageCardProps } from './components/DatasetLineageCard';
import type { DatasetHealthCardProps } from './components/DatasetHealthCard';
import type { DatasetUsageCardProps } from './components/DatasetUsageCard';

/**
 * The Cloud Data Hub plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const dataHubLegacyPlugin = createPlugin({
  id: 'data-hub',
  routes: {
    accessRequests: accessRequestsRouteRef,
    query: queryRouteRef,
    overview: overviewRouteRef,
  },
  externalRoutes: {
    catalogIndex: catalogIndexRouteRef,
  },
  apis: [
    createApiFactory({
      api: dataHubQueryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataHubQueryClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: dataHubAccessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataHubAccessClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: dataHubLineageApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataHubLineageClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The "Dataset" overview card for legacy entity pages; place it inside an
 * `EntitySwitch.Case` for `isKind('dataset')`.
 *
 * @public
 */
export const EntityDatasetOverviewCard: (
  props: DatasetOverviewCardProps,
) => JSX.Element = dataHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasetOverviewCard',
    component: {
      lazy: () =>
        import('./components/DatasetOverviewCard').then(
          m => m.DatasetOverviewCard,
        ),
    },
  }),
);

/**
 * The "Schema" card for legacy entity pages; best given the full width
 * (`<Grid item xs={12}>`).
 *
 * @public
 */
export const EntityDatasetSchemaCard: (
  props: DatasetSchemaCardProps,
) => JSX.Element = dataHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasetSchemaCard',
    component: {
      lazy: () =>
        import('./components/DatasetSchemaCard').then(m => m.DatasetSchemaCard),
    },
  }),
);

/**
 * The "Access" card for legacy entity pages (grants, my access, request
 * access, revoke, history); best given the full width. Its links to requests
 * need {@link DataHubAccessRequestsPage} mounted in the app's routes.
 *
 * @public
 */
export const EntityDatasetAccessCard: (
  props: DatasetAccessCardProps,
) => JSX.Element = dataHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasetAccessCard',
    component: {
      lazy: () =>
        import('./components/DatasetAccessCard').then(m => m.DatasetAccessCard),
    },
  }),
);

/**
 * The "Access requests" page for legacy apps, e.g.
 * `<Route path="/data-hub/access-requests" element={<DataHubAccessRequestsPage />} />`
 * (the path the backend's notifications link to).
 *
 * @public
 */
export const DataHubAccessRequestsPage: () => JSX.Element =
  dataHubLegacyPlugin.provide(
    createRoutableExtension({
      name: 'DataHubAccessRequestsPage',
      component: () =>
        import('./components/AccessRequestsPage').then(
          m => m.AccessRequestsPage,
        ),
      mountPoint: accessRequestsRouteRef,
    }),
  );

/**
 * The "Query" page for legacy apps, e.g.
 * `<Route path="/data-hub/query" element={<DataHubQueryPage />} />`. Bind
 * `dataHubLegacyPlugin.externalRoutes.catalogIndex` to the catalog's index
 * page to link consumers without grants to the datasets.
 *
 * @public
 */
export const DataHubQueryPage: () => JSX.Element = dataHubLegacyPlugin.provide(
  createRoutableExtension({
    name: 'DataHubQueryPage',
    component: () => import('./components/QueryPage').then(m => m.QueryPage),
    mountPoint: queryRouteRef,
  }),
);

/**
 * The "Query" card for legacy entity pages of datasets: opens the query page
 * (mount {@link DataHubQueryPage}) on a starter query of the dataset.
 *
 * @public
 */
export const EntityDatasetQueryCard: (
  props: DatasetQueryCardProps,
) => JSX.Element = dataHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasetQueryCard',
    component: {
      lazy: () =>
        import('./components/DatasetQueryCard').then(m => m.DatasetQueryCard),
    },
  }),
);

/**
 * The "Lineage" card for legacy entity pages of datasets (graph of datasets
 * and jobs, depth and direction, column lineage); best given the full width.
 *
 * @public
 */
export const EntityDatasetLineageCard: (
  props: DatasetLineageCardProps,
) => JSX.Element = dataHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasetLineageCard',
    component: {
      lazy: () =>
        import('./components/DatasetLineageCard').then(
          m => m.DatasetLineageCard,
        ),
    },
  }),
);

/**
 * The "Health" card for legacy entity pages of datasets.
 *
 * @public
 */
export const EntityDatasetHealthCard: (
  props: DatasetHealthCardProps,
) => JSX.Element = dataHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasetHealthCard',
    component: {
      lazy: () =>
        import('./components/DatasetHealthCard').then(m => m.DatasetHealthCard),
    },
  }),
);

/**
 * The "Usage" card for legacy entity pages of datasets.
 *
 * @public
 */
export const EntityDatasetUsageCard: (
  props: DatasetUsageCardProps,
) => JSX.Element = dataHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasetUsageCard',
    component: {
      lazy: () =>
        import('./components/DatasetUsageCard').then(m => m.DatasetUsageCard),
    },
  }),
);

/**
 * The "Data Hub" overview page for legacy apps, e.g.
 * `<Route path="/data-hub" element={<DataHubOverviewPage />} />`.
 *
 * @public
 */
export const DataHubOverviewPage: () => JSX.Element =
  dataHubLegacyPlugin.provide(
    createRoutableExtension({
      name: 'DataHubOverviewPage',
      component: () =>
        import('./components/DataHubOverviewPage').then(
          m => m.DataHubOverviewPage,
        ),
      mountPoint: overviewRouteRef,
    }),
  );
