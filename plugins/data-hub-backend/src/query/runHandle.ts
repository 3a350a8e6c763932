import type { QueryRunHandle } from '@cloud-data-hub/data-hub-node';
import type { StoredQueryRun } from './QueryStore';

/** What an engine gets of a stored run: enough to act on it from any replica. */
export function runHandle(run: StoredQueryRun): QueryRunHandle {
  return {
    runId: run.id,
    engineQueryId: run.engineQueryId ?? run.id,
    userRef: run.userRef,
    useCase: {
      entityRef: run.useCaseRef,
      hub: run.useCaseHub ?? '',
      consumerRoleArn: run.consumerRoleArn,
    },
  };
}
