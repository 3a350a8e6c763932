import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { catalogIndexRouteRef, queryRouteRef } from '../routes';

/** What the "Query" page opens with. */
export interface QueryPageLinkParams {
  /** Prefills the editor. */
  sql?: string;
  /** Picks the use case (full ref or name). */
  useCase?: string;
  /**
   * The dataset the link comes from (its entity ref): without `useCase`, the
   * page picks one of the person's use cases that may read it.
   */
  dataset?: string;
}

function useOptionalQueryRoute() {
  try {
    return useRouteRef(queryRouteRef);
  } catch {
    // A legacy app that did not mount DataHubQueryPage: no links.
    return undefined;
  }
}

/**
 * Builds links to the "Query" page, or undefined when the app has no such
 * page (then callers show no link rather than a broken one).
 */
export function useQueryPageLink():
  | ((params?: QueryPageLinkParams) => string)
  | undefined {
  const route = useOptionalQueryRoute();
  const link = useCallback(
    (params: QueryPageLinkParams = {}) => {
      const search = new URLSearchParams();
      if (params.useCase) search.set('useCase', params.useCase);
      if (params.dataset) search.set('dataset', params.dataset);
      if (params.sql) search.set('sql', params.sql);
      const text = search.toString();
      return text ? `${route!()}?${text}` : route!();
    },
    [route],
  );
  return route ? link : undefined;
}

function useOptionalCatalogRoute() {
  try {
    return useRouteRef(catalogIndexRouteRef);
  } catch {
    // An app on the legacy system that did not bind the external route.
    return undefined;
  }
}

/** The catalog's list of Datasets, or undefined when the app bound no catalog. */
export function useCatalogDatasetsLink(): string | undefined {
  const route = useOptionalCatalogRoute();
  return route ? `${route()}?filters%5Bkind%5D=dataset` : undefined;
}
