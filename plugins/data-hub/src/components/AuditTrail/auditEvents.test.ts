import type { AccessAuditEvent } from '@cloud-data-hub/data-hub-common';
import { auditActionLabel, auditDetails } from './auditEvents';

const base: AccessAuditEvent = {
  id: 1,
  at: '2025-01-01T00:00:00Z',
  actor: 'user:default/alice-analyst',
  action: 'request.created',
  datasetRef: 'dataset:default/orders',
  useCaseRef: 'system:default/us-marketing-360',
};

describe('audit events', () => {
  it('names actions in words', () => {
    expect(auditActionLabel('grant.revoked')).toBe('Access revoked');
    expect(auditActionLabel('grant.repaired')).toBe('grant.repaired');
  });

  it('describes a new request', () => {
    expect(
      auditDetails({
        ...base,
        before: null,
        after: {
          state: 'pending',
          tables: [{ name: 'orders', columns: ['order_id', 'vin'] }],
          durationDays: 30,
          pii: ['orders.vin'],
        },
      }),
    ).toEqual([
      '→ pending',
      '2 columns in 1 table',
      'PII: orders.vin',
      '30 days',
    ]);
  });

  it('describes transitions, expiry and errors', () => {
    expect(
      auditDetails({
        ...base,
        action: 'grant.created',
        before: null,
        after: { state: 'live', expiresAt: '2025-03-02T10:00:00Z' },
      }),
    ).toEqual(['→ live', 'until Mar 2, 2025']);
    expect(
      auditDetails({
        ...base,
        action: 'grant.failed',
        before: { state: 'approved' },
        after: { state: 'grant-failed', error: 'engine down' },
      }),
    ).toEqual(['approved → grant-failed', 'error: engine down']);
  });
});
