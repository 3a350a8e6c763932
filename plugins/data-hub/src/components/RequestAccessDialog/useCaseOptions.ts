import type {
  AccessGrant,
  AccessRequest,
  RequestableUseCase,
} from '@cloud-data-hub/data-hub-common';
import { formatDate } from '../../utils/dates';
import { fullEntityRef } from '../../utils/entityRefs';

/** A use case in the picker: whether it can be chosen, and what choosing it means. */
export interface UseCaseOption {
  useCase: RequestableUseCase;
  /** Why it cannot be chosen (hub rule, or a request still open). */
  disabledReason?: string;
  /** The live grant a request of this use case would extend. */
  liveGrant?: AccessGrant;
}

const sameRef = (a: string, b: string) =>
  fullEntityRef(a, 'system') === fullEntityRef(b, 'system');

/**
 * The signed-in user's use cases as picker options. A use case may hold one
 * live grant and one open request per dataset (the backend answers 409
 * otherwise), so one with an open request is disabled and one with a live
 * grant asks for an extension of it.
 */
export function toUseCaseOptions(
  useCases: RequestableUseCase[],
  liveGrants: AccessGrant[],
  openRequests: AccessRequest[],
): UseCaseOption[] {
  return useCases.map(useCase => {
    if (!useCase.allowed) {
      return {
        useCase,
        disabledReason:
          useCase.reason ?? 'This use case may not request this dataset.',
      };
    }
    const open = openRequests.find(r =>
      sameRef(r.useCaseRef, useCase.useCaseRef),
    );
    if (open) {
      return {
        useCase,
        disabledReason: `A request of this use case is ${
          open.state
        } since ${formatDate(
          open.createdAt,
        )}; withdraw it or wait for the decision.`,
      };
    }
    const liveGrant = liveGrants.find(
      g => g.state === 'live' && sameRef(g.useCaseRef, useCase.useCaseRef),
    );
    return { useCase, liveGrant };
  });
}
