import type {
  AccessAuditEvent,
  AccessScopeTable,
} from '@cloud-data-hub/data-hub-common';
import { formatDate } from '../../utils/dates';
import { scopeHeadline } from '../AccessScope/scopeSummary';

const ACTION_LABELS: Record<string, string> = {
  'request.created': 'Requested access',
  'request.extension-created': 'Requested an extension',
  'request.approved': 'Approved',
  'request.rejected': 'Rejected',
  'request.withdrawn': 'Withdrew the request',
  'request.granted': 'Request granted',
  'grant.created': 'Access granted',
  'grant.extended': 'Access extended',
  'grant.failed': 'Granting failed',
  'grant.revoked': 'Access revoked',
  'grant.expired': 'Access expired',
};

/** The audited action in words, e.g. `Access revoked`; unknown actions as they are. */
export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

function isScope(value: unknown): value is AccessScopeTable[] {
  return (
    Array.isArray(value) &&
    value.every(
      t => t && typeof t.name === 'string' && Array.isArray((t as any).columns),
    )
  );
}

/**
 * What changed, from the event's before/after snapshots, as short phrases:
 * the state transition, the scope, PII columns, duration, expiry, errors.
 */
export function auditDetails(event: AccessAuditEvent): string[] {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const details: string[] = [];
  if (typeof after.state === 'string') {
    details.push(
      typeof before.state === 'string'
        ? `${before.state} → ${after.state}`
        : `→ ${after.state}`,
    );
  }
  if (isScope(after.tables)) {
    details.push(scopeHeadline(after.tables));
  }
  if (Array.isArray(after.pii) && after.pii.length > 0) {
    details.push(`PII: ${after.pii.join(', ')}`);
  }
  if (typeof after.durationDays === 'number') {
    details.push(`${after.durationDays} days`);
  }
  if (typeof after.expiresAt === 'string') {
    details.push(`until ${formatDate(after.expiresAt)}`);
  }
  if (typeof after.error === 'string') {
    details.push(`error: ${after.error}`);
  }
  return details;
}
