import type {
  Page,
  QueryableDataset,
  QueryResultsPage,
  QueryRun,
  SavedQuery,
  SubmitQueryBody,
} from '@cloud-data-hub/data-hub-common';
import type { DataHubQueryApi, QueryUseCase } from '../api/DataHubQueryApi';

/**
 * Fixtures of the query page: alice-analyst's two use cases, a grant on the
 * US orders source, runs, result pages and saved queries. Fresh copies on
 * every call.
 */
export const US_USE_CASE = 'system:default/us-marketing-360';
export const GLOBAL_USE_CASE = 'system:default/global-fleet-insights';
export const ALICE = 'user:default/alice-analyst';

export function sampleUseCases(): QueryUseCase[] {
  return [
    { useCaseRef: US_USE_CASE, title: 'US marketing 360', hub: 'us' },
    {
      useCaseRef: GLOBAL_USE_CASE,
      title: 'Global fleet insights',
      hub: 'global',
    },
  ];
}

export function sampleQueryable(): QueryableDataset[] {
  return [
    {
      datasetRef: 'dataset:default/us-sales-orders-source',
      title: 'US vehicle orders (source)',
      glueDatabase: 'us_sales_orders_source',
      expiresAt: '2030-01-01T00:00:00Z',
      tables: [
        {
          name: 'orders',
          columns: [
            { name: 'order_id', type: 'VARCHAR' },
            { name: 'customer_id', type: 'VARCHAR' },
            { name: 'list_price_usd', type: 'DOUBLE' },
            { name: 'order_ts', type: 'TIMESTAMP' },
          ],
        },
        {
          name: 'dealers',
          columns: [
            { name: 'dealer_id', type: 'VARCHAR' },
            { name: 'state', type: 'VARCHAR' },
          ],
        },
      ],
    },
    {
      datasetRef: 'dataset:default/us-sales-orders-prepared',
      title: 'US vehicle orders (prepared)',
      glueDatabase: 'us_sales_orders_prepared',
      expiresAt: '2030-01-01T00:00:00Z',
      tables: [
        {
          name: 'orders',
          columns: [
            { name: 'order_id', type: 'VARCHAR' },
            { name: 'vin', type: 'VARCHAR', pii: true },
          ],
        },
      ],
    },
  ];
}

export function sampleRun(overrides: Partial<QueryRun> = {}): QueryRun {
  return {
    id: 'run-1',
    userRef: ALICE,
    useCaseRef: US_USE_CASE,
    sql: 'SELECT order_id, list_price_usd, shipped, note FROM orders',
    engine: 'duckdb',
    state: 'succeeded',
    progress: 1,
    datasets: ['dataset:default/us-sales-orders-source'],
    statistics: {
      rows: 2,
      rowsTruncated: false,
      elapsedMs: 42,
      costEstimateUsd: 0,
    },
    createdAt: '2024-05-10T11:00:00Z',
    finishedAt: '2024-05-10T11:00:01Z',
    ...overrides,
  };
}

/** Two rows of every JSON type the API returns. */
export function sampleResults(
  overrides: Partial<QueryResultsPage> = {},
): QueryResultsPage {
  return {
    columns: [
      { name: 'order_id', type: 'VARCHAR' },
      { name: 'list_price_usd', type: 'DOUBLE' },
      { name: 'shipped', type: 'BOOLEAN' },
      { name: 'note', type: 'VARCHAR' },
    ],
    rows: [
      ['O000000001', 48123.5, true, null],
      ['O000000002', 99000, false, 'gift'],
    ],
    offset: 0,
    hasMore: false,
    ...overrides,
  };
}

export function sampleSavedQuery(
  overrides: Partial<SavedQuery> = {},
): SavedQuery {
  return {
    id: 'saved-1',
    ownerRef: ALICE,
    useCaseRef: US_USE_CASE,
    name: 'Orders per state',
    description: 'Weekly report',
    sql: 'SELECT state, count(*) FROM dealers GROUP BY state',
    shared: false,
    createdAt: '2024-05-09T11:00:00Z',
    updatedAt: '2024-05-09T11:00:00Z',
    ...overrides,
  };
}

export function pageOf<T>(items: T[], totalCount = items.length): Page<T> {
  return { items, totalCount };
}

/** A `DataHubQueryApi` of jest mocks: two use cases, a grant, empty lists. */
export function mockQueryApi(): jest.Mocked<DataHubQueryApi> {
  return {
    getUseCases: jest.fn(async () => sampleUseCases()),
    getQueryable: jest.fn(async (_useCaseRef: string) => sampleQueryable()),
    submitQuery: jest.fn(async (_body: SubmitQueryBody) => sampleRun()),
    getQuery: jest.fn(async (_id: string) => sampleRun()),
    getResults: jest.fn(
      async (_id: string, _page: { offset: number; limit: number }) =>
        sampleResults(),
    ),
    downloadCsv: jest.fn(async (_id: string, _signal?: AbortSignal) => ({
      blob: new Blob(['order_id\nO1\n']),
      fileName: 'query-run-1.csv',
    })),
    cancelQuery: jest.fn(async (_id: string) =>
      sampleRun({ state: 'cancelled' }),
    ),
    listHistory: jest.fn(async () => pageOf<QueryRun>([])),
    listSavedQueries: jest.fn(async () => [] as SavedQuery[]),
    createSavedQuery: jest.fn(async body =>
      sampleSavedQuery({ ...body, id: 'saved-new' }),
    ),
    updateSavedQuery: jest.fn(async (savedId, patch) =>
      sampleSavedQuery({ ...patch, id: savedId }),
    ),
    deleteSavedQuery: jest.fn(async (_id: string): Promise<void> => undefined),
  };
}

/** A failed response of the data-hub backend, as Backstage's error handler writes it. */
export function queryErrorResponse(
  status: number,
  name: string,
  message: string,
) {
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'POST', url: '/queries' },
    response: { statusCode: status },
  });
  return {
    ok: false,
    status,
    statusText: status === 403 ? 'Forbidden' : 'Bad Request',
    url: 'http://localhost:7007/api/data-hub/queries',
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => body,
    json: async () => JSON.parse(body),
  } as unknown as Response;
}
