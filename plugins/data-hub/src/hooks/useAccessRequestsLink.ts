import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { accessRequestsRouteRef } from '../routes';

/** Where on the "Access requests" page to go. */
export interface AccessRequestsLinkParams {
  /** Open the details of this request. */
  request?: string;
  tab?: 'mine' | 'to-decide';
}

function useOptionalRouteRef() {
  try {
    return useRouteRef(accessRequestsRouteRef);
  } catch {
    // A legacy app that did not mount DataHubAccessRequestsPage: no links.
    return undefined;
  }
}

/**
 * Builds links to the "Access requests" page, or undefined when the app has
 * no such page (then the cards show no links rather than broken ones).
 */
export function useAccessRequestsLink():
  | ((params?: AccessRequestsLinkParams) => string)
  | undefined {
  const route = useOptionalRouteRef();
  const link = useCallback(
    (params: AccessRequestsLinkParams = {}) => {
      const base = route!();
      const search = new URLSearchParams();
      if (params.tab) search.set('tab', params.tab);
      if (params.request) search.set('request', params.request);
      const text = search.toString();
      return text ? `${base}?${text}` : base;
    },
    [route],
  );
  return route ? link : undefined;
}
