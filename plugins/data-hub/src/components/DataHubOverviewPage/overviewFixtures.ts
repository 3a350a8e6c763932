import type {
  DataHubOverview,
  DatasetHealth,
} from '@cloud-data-hub/data-hub-common';

/** The instant the overview tests run at. */
export const NOW = new Date('2024-05-10T12:00:00Z').getTime();

const hoursAgo = (hours: number) =>
  new Date(NOW - hours * 3_600_000).toISOString();

/** A dataset last written 30 h ago that should be written every 24 h. */
export function staleDataset(): DatasetHealth {
  return {
    entityRef: 'dataset:default/us-customer-profiles',
    title: 'US customer profiles',
    hub: 'us',
    layer: 'prepared',
    status: 'stale',
    reason: 'Last written 30 h ago, expected every 24 h',
    lastSuccessfulWrite: {
      at: hoursAgo(30),
      source: 'lineage',
      runId: '0b6d2f3e-1111-4c6a-9a0e-5d1f2a3b4c5d',
      job: { namespace: 'glue-us', name: 'build-customer-profiles' },
    },
    ageHours: 30,
    maxAgeHours: 24,
    tables: [{ name: 'customer_profiles', rowCount: 120_000 }],
  };
}

/** A source dataset whose latest ingest failed after a good one 3 h ago. */
export function failingDataset(): DatasetHealth {
  return {
    entityRef: 'dataset:default/cn-dealer-orders',
    title: 'CN dealer orders',
    hub: 'cn',
    layer: 'source',
    status: 'failing',
    reason:
      'Job ingest-dealer-orders failed: AccessDenied on s3://cdh-cn-source/dealer-orders/',
    lastSuccessfulWrite: {
      at: hoursAgo(3),
      source: 'lineage',
      runId: '7f3a9c21-2222-4b1e-8f6a-0c9d8e7f6a5b',
      job: { namespace: 'airflow-cn', name: 'ingest-dealer-orders' },
    },
    ageHours: 3,
    maxAgeHours: 24,
    lastFailure: {
      at: hoursAgo(1),
      runId: 'c4e5f6a7-3333-4d2c-9b8a-1e2f3a4b5c6d',
      job: { namespace: 'airflow-cn', name: 'ingest-dealer-orders' },
      error: {
        message: 'AccessDenied on s3://cdh-cn-source/dealer-orders/',
        programmingLanguage: 'python',
      },
    },
    tables: [{ name: 'dealer_orders' }],
  };
}

/**
 * An overview of two hubs (us, cn) over the three layers: 9 datasets, one
 * stale and one failing, two most used datasets and two recent ingests.
 */
export function sampleOverview(): DataHubOverview {
  return {
    totals: { datasets: 9, healthy: 7, stale: 1, failing: 1 },
    // Sorted by hub/layer, as the backend sends them; cn has no semantic dataset.
    datasetsPerHubAndLayer: [
      { hub: 'cn', layer: 'prepared', datasets: 1 },
      { hub: 'cn', layer: 'source', datasets: 2 },
      { hub: 'us', layer: 'prepared', datasets: 3 },
      { hub: 'us', layer: 'semantic', datasets: 1 },
      { hub: 'us', layer: 'source', datasets: 2 },
    ],
    // The stale one first, as the backend sends them in catalog order.
    unhealthy: [staleDataset(), failingDataset()],
    mostUsed: [
      {
        entityRef: 'dataset:default/vehicle-orders',
        title: 'Vehicle orders',
        queries: 1234,
        users: 17,
      },
      {
        entityRef: 'dataset:default/us-customer-profiles',
        title: 'US customer profiles',
        queries: 87,
        users: 5,
      },
    ],
    recentIngests: [
      {
        entityRef: 'dataset:default/us-dealer-master',
        title: 'US dealer master',
        hub: 'us',
        runId: '9d8c7b6a-4444-4e3f-a2b1-c0d9e8f7a6b5',
        job: { namespace: 'airflow-us', name: 'ingest-dealer-master' },
        completedAt: hoursAgo(2),
      },
      {
        entityRef: 'dataset:default/cn-dealer-orders',
        title: 'CN dealer orders',
        hub: 'cn',
        runId: '7f3a9c21-2222-4b1e-8f6a-0c9d8e7f6a5b',
        job: { namespace: 'airflow-cn', name: 'ingest-dealer-orders' },
        completedAt: hoursAgo(3),
      },
    ],
  };
}

/** The overview of a catalog where all is well and nothing was used or ingested yet. */
export function quietOverview(): DataHubOverview {
  return {
    totals: { datasets: 2, healthy: 2, stale: 0, failing: 0 },
    datasetsPerHubAndLayer: [
      { hub: 'us', layer: 'source', datasets: 1 },
      { hub: 'us', layer: 'prepared', datasets: 1 },
    ],
    unhealthy: [],
    mostUsed: [],
    recentIngests: [],
  };
}
