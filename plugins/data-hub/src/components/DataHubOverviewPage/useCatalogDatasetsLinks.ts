import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { catalogIndexRouteRef } from '../../routes';
import { CatalogDatasetsFilter, catalogDatasetsLink } from './catalogLinks';

function useOptionalCatalogRoute() {
  try {
    return useRouteRef(catalogIndexRouteRef);
  } catch {
    // A legacy app that did not bind the external route throws here.
    return undefined;
  }
}

/**
 * Builds links to the catalog's list of Datasets narrowed to a hub and / or
 * layer, or undefined when the app bound no catalog: then the page shows
 * plain numbers rather than broken links. The catalog's path comes from the
 * route binding, as apps mount the catalog where they like (the demo app at `/`).
 */
export function useCatalogDatasetsLinks():
  | ((filter?: CatalogDatasetsFilter) => string)
  | undefined {
  const route = useOptionalCatalogRoute();
  const link = useCallback(
    (filter?: CatalogDatasetsFilter) => catalogDatasetsLink(route!(), filter),
    [route],
  );
  return route ? link : undefined;
}
