import type {
  AccessAuditEvent,
  AccessGrant,
  AccessRequest,
  RequestableUseCase,
} from '@cloud-data-hub/data-hub-common';
import type {
  AccessSettings,
  DataHubAccessApi,
  ListAccessRequestsOptions,
  ListAuditOptions,
  ListGrantsOptions,
} from '../api';

/**
 * Fixtures of the access workflow around `sampleDataset()` (vehicle-orders,
 * owned by group:default/order-analytics). Fresh copies on every call.
 */
export const DATASET_REF = 'dataset:default/vehicle-orders';
export const USE_CASE_REF = 'system:default/us-marketing-360';
export const OTHER_USE_CASE_REF = 'system:default/global-fleet-insights';

export function sampleSettings(): AccessSettings {
  return {
    maxDurationDays: {
      public: 365,
      internal: 180,
      confidential: 90,
      'strictly-confidential': 30,
    },
    reminderDaysBeforeExpiry: 7,
  };
}

export function sampleUseCases(): RequestableUseCase[] {
  return [
    {
      useCaseRef: OTHER_USE_CASE_REF,
      title: 'Global fleet insights',
      hub: 'global',
      allowed: false,
      reason:
        'Use case system:default/global-fleet-insights belongs to hub "global", which may consume from global — not from "us"',
    },
    {
      useCaseRef: USE_CASE_REF,
      title: 'US marketing 360',
      hub: 'us',
      allowed: true,
    },
  ];
}

export function sampleGrant(overrides: Partial<AccessGrant> = {}): AccessGrant {
  return {
    id: 'grant-1',
    datasetRef: DATASET_REF,
    datasetHub: 'us',
    useCaseRef: USE_CASE_REF,
    useCaseHub: 'us',
    tables: [{ name: 'orders', columns: ['order_id', 'amount'] }],
    requestId: 'request-1',
    granter: 'duckdb',
    state: 'live',
    grantedAt: '2024-05-09T12:00:00Z',
    expiresAt: '2024-06-09T12:00:00Z',
    ...overrides,
  };
}

export function sampleRequest(
  overrides: Partial<AccessRequest> = {},
): AccessRequest {
  return {
    id: 'request-1',
    datasetRef: DATASET_REF,
    datasetTitle: 'Vehicle orders',
    datasetHub: 'us',
    datasetOwner: 'group:default/order-analytics',
    classification: 'confidential',
    useCaseRef: USE_CASE_REF,
    useCaseHub: 'us',
    requester: 'user:default/alice-analyst',
    tables: [
      { name: 'orders', columns: ['order_id', 'customer_email', 'amount'] },
    ],
    justification: 'Campaign attribution for the US market.',
    durationDays: 30,
    state: 'pending',
    createdAt: '2024-05-10T11:00:00Z',
    updatedAt: '2024-05-10T11:00:00Z',
    ...overrides,
  };
}

export function sampleAuditEvent(
  overrides: Partial<AccessAuditEvent> = {},
): AccessAuditEvent {
  return {
    id: 1,
    at: '2024-05-10T11:00:00Z',
    actor: 'user:default/alice-analyst',
    action: 'request.created',
    datasetRef: DATASET_REF,
    useCaseRef: USE_CASE_REF,
    requestId: 'request-1',
    before: null,
    after: { state: 'pending', durationDays: 30 },
    comment: 'Campaign attribution for the US market.',
    ...overrides,
  };
}

/** A page of items, as the list routes answer. */
export function pageOf<T>(items: T[]) {
  return { items, totalCount: items.length };
}

/** A `DataHubAccessApi` of jest mocks answering with empty lists. */
export function mockAccessApi(): jest.Mocked<DataHubAccessApi> {
  return {
    getSettings: jest.fn(async () => sampleSettings()),
    getRequestableUseCases: jest.fn(
      async (_datasetRef: string): Promise<RequestableUseCase[]> => [],
    ),
    createRequest: jest.fn(),
    listRequests: jest.fn(async (_options: ListAccessRequestsOptions) =>
      pageOf<AccessRequest>([]),
    ),
    getRequest: jest.fn(),
    approveRequest: jest.fn(),
    rejectRequest: jest.fn(),
    withdrawRequest: jest.fn(),
    listGrants: jest.fn(async (_options: ListGrantsOptions) =>
      pageOf<AccessGrant>([]),
    ),
    revokeGrant: jest.fn(),
    listAudit: jest.fn(async (_options: ListAuditOptions) =>
      pageOf<AccessAuditEvent>([]),
    ),
  };
}

/** A failed response of the data-hub backend, as Backstage's error handler writes it. */
export function errorResponse(status: number, name: string, message: string) {
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'POST', url: '/access-requests' },
    response: { statusCode: status },
  });
  return {
    ok: false,
    status,
    statusText: status === 409 ? 'Conflict' : 'Bad Request',
    url: 'http://localhost:7007/api/data-hub/access-requests',
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => body,
    json: async () => JSON.parse(body),
  } as unknown as Response;
}
