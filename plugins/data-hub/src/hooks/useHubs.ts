import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { Hub, readHubsFromConfig } from '@cloud-data-hub/data-hub-common';
import { useMemo } from 'react';

/** The hubs of `dataHub.hubs`, or the error that made the config unreadable. */
export interface HubsResult {
  hubs: Hub[];
  error?: Error;
}

/** Reads the hubs from the frontend config; never throws. */
export function useHubs(): HubsResult {
  const configApi = useApi(configApiRef);
  return useMemo(() => {
    try {
      return { hubs: readHubsFromConfig(configApi) };
    } catch (e) {
      return {
        hubs: [],
        error: e instanceof Error ? e : new Error(String(e)),
      };
    }
  }, [configApi]);
}
