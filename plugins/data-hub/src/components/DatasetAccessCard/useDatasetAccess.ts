import { useApi } from '@backstage/core-plugin-api';
import type {
  AccessGrant,
  AccessRequest,
  RequestableUseCase,
} from '@cloud-data-hub/data-hub-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { AccessSettings, dataHubAccessApiRef } from '../../api';

/** Everything the Access card shows about one dataset. */
export interface DatasetAccess {
  /** Use cases that hold access now. */
  liveGrants: AccessGrant[];
  liveGrantCount: number;
  /** The signed-in user's use cases, each allowed to request or not. */
  useCases: RequestableUseCase[];
  /** Requests still waiting: pending, or approved while the grant is made. */
  openRequests: AccessRequest[];
  /** The signed-in user's own requests for the dataset, newest first. */
  myRequests: AccessRequest[];
  settings: AccessSettings;
}

/** Grants and open requests beyond this many are left to the pages that page them. */
const LIST_LIMIT = 100;

/** Loads the access facts of a dataset in parallel; `retry` reloads after a change. */
export function useDatasetAccess(datasetRef: string) {
  const api = useApi(dataHubAccessApiRef);
  return useAsyncRetry(async (): Promise<DatasetAccess> => {
    const [grants, useCases, openRequests, myRequests, settings] =
      await Promise.all([
        api.listGrants({ datasetRef, states: ['live'], limit: LIST_LIMIT }),
        api.getRequestableUseCases(datasetRef),
        api.listRequests({
          view: 'all',
          datasetRef,
          states: ['pending', 'approved'],
          limit: LIST_LIMIT,
        }),
        api.listRequests({ view: 'mine', datasetRef, limit: 20 }),
        api.getSettings(),
      ]);
    return {
      liveGrants: grants.items,
      liveGrantCount: grants.totalCount,
      useCases,
      openRequests: openRequests.items,
      myRequests: myRequests.items,
      settings,
    };
  }, [api, datasetRef]);
}
