import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AccessAuditEvent,
  AccessGrant,
  AccessGrantState,
  AccessRequest,
  AccessRequestState,
  CreateAccessRequestBody,
  DatasetClassification,
  Page,
  RequestableUseCase,
} from '@cloud-data-hub/data-hub-common';

/**
 * The access workflow's settings the frontend needs (`GET /access/settings`).
 *
 * @public
 */
export interface AccessSettings {
  /** Longest grant a request may ask for, per dataset classification. */
  maxDurationDays: Record<DatasetClassification, number>;
  /** Requesters are reminded this many days before their grant expires. */
  reminderDaysBeforeExpiry: number;
}

/**
 * Which requests to list: the signed-in user's own, those waiting for their
 * decision, or all of one dataset or use case.
 *
 * @public
 */
export type AccessRequestsView = 'mine' | 'to-decide' | 'all';

/**
 * Paging of list calls; the backend defaults to 50 from offset 0.
 *
 * @public
 */
export interface PageOptions {
  limit?: number;
  offset?: number;
}

/** @public */
export interface ListAccessRequestsOptions extends PageOptions {
  view: AccessRequestsView;
  /** Only requests in these states; `to-decide` defaults to `pending`. */
  states?: AccessRequestState[];
  datasetRef?: string;
  useCaseRef?: string;
}

/** @public */
export interface ListGrantsOptions extends PageOptions {
  datasetRef?: string;
  useCaseRef?: string;
  states?: AccessGrantState[];
}

/**
 * The audit trail of one dataset, one use case or one request.
 *
 * @public
 */
export type ListAuditOptions = PageOptions &
  (
    | { datasetRef: string; useCaseRef?: string; requestId?: string }
    | { useCaseRef: string; datasetRef?: string; requestId?: string }
    | { requestId: string; datasetRef?: string; useCaseRef?: string }
  );

/**
 * The data hub's access-request workflow, as the frontend uses it. Failed
 * calls reject with a `ResponseError` of `@backstage/errors` whose `cause`
 * carries the backend's message (see `accessErrorMessage`).
 *
 * @public
 */
export interface DataHubAccessApi {
  getSettings(): Promise<AccessSettings>;
  /** The signed-in user's use cases, each allowed to request the dataset or with the reason why not. */
  getRequestableUseCases(datasetRef: string): Promise<RequestableUseCase[]>;
  createRequest(body: CreateAccessRequestBody): Promise<AccessRequest>;
  listRequests(
    options: ListAccessRequestsOptions,
  ): Promise<Page<AccessRequest>>;
  getRequest(id: string): Promise<AccessRequest>;
  approveRequest(id: string, comment?: string): Promise<AccessRequest>;
  /** Rejections need a comment that tells the requester why. */
  rejectRequest(id: string, comment: string): Promise<AccessRequest>;
  withdrawRequest(id: string): Promise<AccessRequest>;
  listGrants(options: ListGrantsOptions): Promise<Page<AccessGrant>>;
  revokeGrant(id: string, comment?: string): Promise<AccessGrant>;
  listAudit(options: ListAuditOptions): Promise<Page<AccessAuditEvent>>;
}

/**
 * The reference to the {@link DataHubAccessApi}. Created with
 * `@backstage/core-plugin-api` so that one ref serves both the new frontend
 * system (`ApiBlueprint`) and legacy apps (`createPlugin({ apis })`).
 *
 * @public
 */
export const dataHubAccessApiRef = createApiRef<DataHubAccessApi>({
  id: 'plugin.data-hub.access',
});
