import type { DatasetHealth } from '@cloud-data-hub/data-hub-common';
import type { DataHubLineageApi } from '../../api/DataHubLineageApi';

/** For tests: the health of the sample dataset (`sampleDataset()`), healthy unless overridden. */
export function sampleHealth(
  overrides: Partial<DatasetHealth> = {},
): DatasetHealth {
  return {
    entityRef: 'dataset:default/vehicle-orders',
    title: 'Vehicle orders',
    hub: 'us',
    layer: 'prepared',
    status: 'healthy',
    reason: 'Written within its freshness',
    lastSuccessfulWrite: {
      at: '2024-05-10T06:00:00.000Z',
      source: 'lineage',
      runId: '0190a1b2-run-ok',
      job: { namespace: 'glue://us-east-1', name: 'prepare_vehicle_orders' },
    },
    ageHours: 6,
    maxAgeHours: 24,
    rowCount: 5_500_000,
    sizeBytes: 4 * 1024 ** 3,
    tables: [
      { name: 'orders', rowCount: 1_500_000, sizeBytes: 3 * 1024 ** 3 },
      { name: 'order_items', rowCount: 4_000_000, sizeBytes: 1024 ** 3 },
    ],
    ...overrides,
  };
}

/** For tests: a lineage API whose calls are all `jest.fn()`s, to be given answers per test. */
export function mockLineageApi(): jest.Mocked<DataHubLineageApi> {
  return {
    getLineageGraph: jest.fn(),
    getColumnLineage: jest.fn(),
    getHealth: jest.fn(async (_entityRef: string) => sampleHealth()),
    getAllHealth: jest.fn(async () => [sampleHealth()]),
    getUsage: jest.fn(),
    getOverview: jest.fn(),
  };
}
