import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/**
 * The "Access requests" page. Created with `@backstage/core-plugin-api` so
 * that one ref serves both the new frontend system's page and the legacy
 * routable extension. The backend's notifications link to its default path
 * `/data-hub/access-requests?request=<id>`.
 *
 * @public
 */
export const accessRequestsRouteRef = createRouteRef({
  id: 'data-hub:access-requests',
});

/**
 * The "Query" page (`/data-hub/query`); `?useCase=` picks the use case,
 * `?dataset=` (an entity ref) picks one that may read the dataset, and
 * `?sql=` fills the editor, which is how the Dataset pages' "Query" button
 * opens it with a starter query.
 *
 * @public
 */
export const queryRouteRef = createRouteRef({
  id: 'data-hub:query',
});

/**
 * The catalog's list, where consumers find datasets to request access to.
 * Bound to the catalog plugin's index page by default; optional, so legacy
 * apps that do not bind it get no link rather than a broken one.
 *
 * @public
 */
export const catalogIndexRouteRef = createExternalRouteRef({
  id: 'data-hub:catalog-index',
  optional: true,
  defaultTarget: 'catalog.catalogIndex',
});

/**
 * The "Data Hub" overview page (`/data-hub`): datasets per hub and layer,
 * stale or failing datasets, most used datasets and recent ingests.
 *
 * @public
 */
export const overviewRouteRef = createRouteRef({
  id: 'data-hub:overview',
});
