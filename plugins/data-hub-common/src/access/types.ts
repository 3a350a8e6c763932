import type { DatasetClassification } from '../model';

/**
 * Where an access request is in its life. Requests are submitted on creation (no drafts):
 * `pending → approved → granted | grant-failed`, `pending → rejected | withdrawn`,
 * `granted → expired | revoked`.
 *
 * @public
 */
export type AccessRequestState =
  | 'pending'
  | 'approved'
  | 'granted'
  | 'grant-failed'
  | 'rejected'
  | 'withdrawn'
  | 'expired'
  | 'revoked';

/** @public */
export const ACCESS_REQUEST_STATES: readonly AccessRequestState[] = [
  'pending',
  'approved',
  'granted',
  'grant-failed',
  'rejected',
  'withdrawn',
  'expired',
  'revoked',
];

/**
 * The columns of one table a request asks for, or a grant gives.
 *
 * @public
 */
export interface AccessScopeTable {
  name: string;
  columns: string[];
}

/**
 * An access request of a use case for (part of) one dataset.
 *
 * @public
 */
export interface AccessRequest {
  id: string;
  datasetRef: string;
  datasetTitle?: string;
  datasetHub: string;
  datasetOwner: string;
  classification: DatasetClassification;
  useCaseRef: string;
  useCaseHub: string;
  /**
   * The group that owned the use case when the request was made (the requester's team), for
   * permission rules; absent on requests made before it was recorded, until the backend fills it in.
   */
  useCaseOwner?: string;
  /** The user entity ref of the person who asked. */
  requester: string;
  tables: AccessScopeTable[];
  justification: string;
  durationDays: number;
  state: AccessRequestState;
  createdAt: string;
  updatedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  /** The grant this request produced (or extended). */
  grantId?: string;
  /** Set on extensions: the live grant this request prolongs. */
  extendsGrantId?: string;
  /** Why granting failed, for `grant-failed`. */
  grantError?: string;
}

/** @public */
export type AccessGrantState = 'live' | 'expired' | 'revoked';

/**
 * Access a use case holds on a dataset, enforced by a granter until `expiresAt`.
 *
 * @public
 */
export interface AccessGrant {
  id: string;
  datasetRef: string;
  datasetHub: string;
  useCaseRef: string;
  useCaseHub: string;
  tables: AccessScopeTable[];
  /** The request that created or last extended the grant. */
  requestId: string;
  granter: string;
  state: AccessGrantState;
  grantedAt: string;
  expiresAt: string;
  endedAt?: string;
  endedBy?: string;
}

/**
 * One audited transition.
 *
 * @public
 */
export interface AccessAuditEvent {
  id: number;
  at: string;
  /** User or service entity ref; `system:expiry` for the scheduler. */
  actor: string;
  action: string;
  datasetRef: string;
  useCaseRef: string;
  requestId?: string;
  grantId?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  comment?: string;
}

/**
 * A page of a longer list.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
}

/**
 * A use case the signed-in user may request access for (or why not).
 *
 * @public
 */
export interface RequestableUseCase {
  useCaseRef: string;
  title?: string;
  hub: string;
  /** False when the use case's hub may not consume from the dataset's hub. */
  allowed: boolean;
  reason?: string;
}

/**
 * Body of `POST /access-requests`.
 *
 * @public
 */
export interface CreateAccessRequestBody {
  datasetRef: string;
  useCaseRef: string;
  /**
   * Tables and columns wanted. Omitted: every table's non-PII columns. A table without
   * `columns`: its non-PII columns. PII columns only when named explicitly.
   */
  tables?: Array<{ name: string; columns?: string[] }>;
  justification: string;
  durationDays: number;
  /** Prolong this live grant (same dataset and use case). */
  extendsGrantId?: string;
}

/**
 * Drift between what the store says is granted and what the granter enforces.
 *
 * @public
 */
export interface GrantDrift {
  grantId: string;
  datasetRef: string;
  useCaseRef: string;
  missing: AccessScopeTable[];
  repaired: boolean;
  error?: string;
}
