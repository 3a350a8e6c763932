import type {
  ColumnLineage,
  LineageGraph,
} from '@cloud-data-hub/data-hub-common';
import type { DataHubLineageApi } from '../../api/DataHubLineageApi';

/**
 * Lineage around `sampleDataset()` (vehicle-orders, prepared): a landing file
 * ingested into raw-orders (source), raw-orders and an external partner file
 * prepared into vehicle-orders, which a job aggregates into sales KPIs
 * (semantic). raw-customers is only declared in spec.upstream.
 */
export const ROOT_REF = 'dataset:default/vehicle-orders';
export const RAW_ORDERS_REF = 'dataset:default/raw-orders';
export const RAW_CUSTOMERS_REF = 'dataset:default/raw-customers';
export const KPIS_REF = 'dataset:default/vehicle-sales-kpis';
export const PREPARE_JOB = 'job:spark/prepare_vehicle_orders';
export const INGEST_JOB = 'job:glue/ingest_raw_orders';
export const KPI_JOB = 'job:airflow/build_sales_kpis';
export const PARTNER_FILE = 'external:s3://partner-bucket/customers.csv';
export const LANDING_FILE = 'external:s3://landing-bucket/orders';

export function sampleLineageGraph(): LineageGraph {
  return {
    root: ROOT_REF,
    nodes: [
      {
        id: ROOT_REF,
        kind: 'dataset',
        entityRef: ROOT_REF,
        title: 'Vehicle orders',
        layer: 'prepared',
        hub: 'us',
        external: false,
        names: [{ namespace: 'glue', name: 'prepared_vehicle_orders.orders' }],
      },
      {
        id: RAW_ORDERS_REF,
        kind: 'dataset',
        entityRef: RAW_ORDERS_REF,
        title: 'Raw orders',
        layer: 'source',
        hub: 'us',
        external: false,
        names: [{ namespace: 's3://cdh-us-source', name: 'raw-orders' }],
      },
      {
        id: RAW_CUSTOMERS_REF,
        kind: 'dataset',
        entityRef: RAW_CUSTOMERS_REF,
        title: 'Raw customers',
        layer: 'source',
        hub: 'us',
        external: false,
        names: [],
      },
      {
        id: PARTNER_FILE,
        kind: 'dataset',
        external: true,
        title: 'customers.csv',
        names: [{ namespace: 's3://partner-bucket', name: 'customers.csv' }],
      },
      {
        id: LANDING_FILE,
        kind: 'dataset',
        external: true,
        title: 'orders',
        names: [{ namespace: 's3://landing-bucket', name: 'orders' }],
      },
      {
        id: KPIS_REF,
        kind: 'dataset',
        entityRef: KPIS_REF,
        title: 'Vehicle sales KPIs',
        layer: 'semantic',
        hub: 'us',
        external: false,
        names: [],
      },
      {
        id: PREPARE_JOB,
        kind: 'job',
        names: [{ namespace: 'spark', name: 'prepare_vehicle_orders' }],
      },
      {
        id: INGEST_JOB,
        kind: 'job',
        names: [{ namespace: 'glue', name: 'ingest_raw_orders' }],
      },
      {
        id: KPI_JOB,
        kind: 'job',
        names: [{ namespace: 'airflow', name: 'build_sales_kpis' }],
      },
    ],
    edges: [
      {
        from: PREPARE_JOB,
        to: ROOT_REF,
        type: 'observed',
        lastSeenAt: '2024-05-10T06:00:00Z',
      },
      {
        from: RAW_ORDERS_REF,
        to: PREPARE_JOB,
        type: 'observed',
        lastSeenAt: '2024-05-10T06:00:00Z',
      },
      {
        from: PARTNER_FILE,
        to: PREPARE_JOB,
        type: 'observed',
        lastSeenAt: '2024-05-10T06:00:00Z',
      },
      { from: RAW_ORDERS_REF, to: ROOT_REF, type: 'declared' },
      { from: RAW_CUSTOMERS_REF, to: ROOT_REF, type: 'declared' },
      {
        from: INGEST_JOB,
        to: RAW_ORDERS_REF,
        type: 'observed',
        lastSeenAt: '2024-05-10T02:00:00Z',
      },
      {
        from: LANDING_FILE,
        to: INGEST_JOB,
        type: 'observed',
        lastSeenAt: '2024-05-10T02:00:00Z',
      },
      {
        from: ROOT_REF,
        to: KPI_JOB,
        type: 'observed',
        lastSeenAt: '2024-05-10T08:00:00Z',
      },
      {
        from: KPI_JOB,
        to: KPIS_REF,
        type: 'observed',
        lastSeenAt: '2024-05-10T08:00:00Z',
      },
    ],
  };
}

/** The graph with the upstream half only, as `direction: upstream` answers. */
export function upstreamOnly(graph: LineageGraph): LineageGraph {
  const downstream = new Set([KPI_JOB, KPIS_REF]);
  return {
    ...graph,
    nodes: graph.nodes.filter(n => !downstream.has(n.id)),
    edges: graph.edges.filter(
      e => !downstream.has(e.from) && !downstream.has(e.to),
    ),
  };
}

/** The lineage of `orders.amount`: summed from raw-orders and converted with an external rate file. */
export function sampleColumnLineage(): ColumnLineage {
  return {
    entityRef: ROOT_REF,
    columns: [
      {
        table: 'orders',
        column: 'amount',
        namespace: 'glue',
        name: 'prepared_vehicle_orders.orders',
        lastSeenAt: '2024-05-10T06:00:00Z',
        inputs: [
          {
            entityRef: RAW_ORDERS_REF,
            external: false,
            namespace: 'glue',
            name: 'raw_orders.order_lines',
            table: 'order_lines',
            field: 'net_price',
            transformationType: 'DIRECT',
            transformationSubtype: 'AGGREGATION',
            description: 'sum(net_price)',
          },
          {
            external: true,
            namespace: 's3://partner-bucket',
            name: 'fx_rates.csv',
            field: 'eur_rate',
            transformationType: 'INDIRECT',
            transformationSubtype: 'JOIN',
            masking: false,
          },
        ],
      },
    ],
  };
}

/** A lineage API whose calls are jest mocks; only the calls the card makes answer. */
export function mockLineageApi(): jest.Mocked<DataHubLineageApi> {
  const unexpected = new Error('not used by this card');
  return {
    getLineageGraph: jest.fn().mockResolvedValue(sampleLineageGraph()),
    getColumnLineage: jest
      .fn()
      .mockResolvedValue({ entityRef: ROOT_REF, columns: [] }),
    getHealth: jest.fn().mockRejectedValue(unexpected),
    getAllHealth: jest.fn().mockRejectedValue(unexpected),
    getUsage: jest.fn().mockRejectedValue(unexpected),
    getOverview: jest.fn().mockRejectedValue(unexpected),
  };
}
