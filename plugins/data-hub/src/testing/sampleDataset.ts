import {
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import type {
  DatasetColumn,
  DatasetEntityV1alpha1,
} from '@cloud-data-hub/data-hub-common';

/**
 * A complete Dataset entity for tests and local development: two tables,
 * partition keys, PII columns, upstream and downstream relations.
 * Returns a fresh copy on every call so tests may mutate it.
 */
export function sampleDataset(): DatasetEntityV1alpha1 {
  return {
    apiVersion: 'clouddatahub.io/v1alpha1',
    kind: 'Dataset',
    metadata: {
      name: 'vehicle-orders',
      namespace: 'default',
      title: 'Vehicle orders',
      description: 'Orders of vehicles, prepared for analytics.',
      annotations: {
        'clouddatahub.io/last-updated': '2024-05-10T06:00:00Z',
      },
    },
    spec: {
      layer: 'prepared',
      hub: 'us',
      businessObject: 'domain:default/vehicle',
      owner: 'group:default/order-analytics',
      lifecycle: 'production',
      classification: 'confidential',
      storage: {
        location: 's3://cdh-us-prepared/vehicle-orders/',
        glueDatabase: 'prepared_vehicle_orders',
        region: 'us-east-1',
        accountId: '111122223333',
      },
      tables: [
        {
          name: 'orders',
          description: 'One row per order.',
          rowCount: 1_500_000,
          sizeBytes: 3 * 1024 ** 3,
          partitionKeys: [{ name: 'order_date', type: 'date' }],
          columns: [
            { name: 'order_id', type: 'string', description: 'Order number' },
            {
              name: 'customer_email',
              type: 'string',
              description: 'E-mail address of the buyer',
              pii: true,
            },
            { name: 'amount', type: 'decimal(18,2)', description: 'Net price' },
          ],
        },
        {
          name: 'order_items',
          description: 'One row per ordered item.',
          rowCount: 4_000_000,
          sizeBytes: 1024 ** 3,
          partitionKeys: [],
          columns: [
            { name: 'order_id', type: 'string', description: 'Order number' },
            { name: 'vin', type: 'string', description: 'Vehicle id' },
          ],
        },
      ],
      upstream: ['dataset:default/raw-orders', 'dataset:default/raw-customers'],
      freshness: { maxAgeHours: 24 },
    },
    relations: [
      { type: RELATION_OWNED_BY, targetRef: 'group:default/order-analytics' },
      { type: RELATION_PART_OF, targetRef: 'domain:default/vehicle' },
      { type: RELATION_DEPENDS_ON, targetRef: 'dataset:default/raw-orders' },
      { type: RELATION_DEPENDS_ON, targetRef: 'dataset:default/raw-customers' },
      {
        type: RELATION_DEPENDENCY_OF,
        targetRef: 'dataset:default/vehicle-sales-kpis',
      },
      {
        type: RELATION_DEPENDENCY_OF,
        targetRef: 'component:default/sales-dashboard',
      },
    ],
  };
}

/** Generates `count` columns named `col_0001`, `col_0002`, ... */
export function generateColumns(count: number): DatasetColumn[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return {
      name: `col_${n}`,
      type: i % 10 === 0 ? 'timestamp' : 'string',
      description: i % 50 === 0 ? `Checkpoint column ${n}` : `Column ${n}`,
      pii: i % 100 === 0,
    };
  });
}

/** The `dataHub.hubs` config used by tests. */
export const testHubsConfig = {
  dataHub: {
    hubs: [
      {
        name: 'us',
        title: 'United States',
        region: 'us-east-1',
        accountId: '111122223333',
        consumesFrom: ['us'],
      },
      {
        name: 'eu',
        title: 'Europe',
        region: 'eu-central-1',
        accountId: '444455556666',
        consumesFrom: ['eu', 'us'],
      },
    ],
  },
};
