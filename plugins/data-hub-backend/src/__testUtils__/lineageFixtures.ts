import { randomUUID } from 'node:crypto';
import type { DatasetEntityV1alpha1 } from '@cloud-data-hub/data-hub-common';

const dataset = (
  name: string,
  layer: 'source' | 'prepared' | 'semantic',
  storage: DatasetEntityV1alpha1['spec']['storage'],
  extra: Partial<DatasetEntityV1alpha1['spec']> = {},
  annotations: Record<string, string> = {},
): DatasetEntityV1alpha1 => ({
  apiVersion: 'clouddatahub.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name, namespace: 'default', title: name, annotations },
  spec: {
    layer,
    hub: 'global',
    businessObject: 'domain:default/vehicle',
    owner: 'group:default/vehicle-data',
    lifecycle: 'production',
    classification: 'internal',
    storage,
    tables: [{ name: 'main', columns: [{ name: 'id', type: 'string' }] }],
    ...extra,
  },
});

const glue = { region: 'eu-central-1', accountId: '111111111111' };

/** Datasets a Spark job (S3 names), an Airflow job (Glue names) and a local job (file names) write. */
export const LINEAGE_TEST_DATASETS: DatasetEntityV1alpha1[] = [
  dataset(
    'telemetry-source',
    'source',
    {
      location: 's3://cdh-global-source/telemetry_source/',
      glueDatabase: 'telemetry_source',
      ...glue,
    },
    {
      freshness: { maxAgeHours: 2 },
      tables: [
        {
          name: 'signals',
          rowCount: 1000,
          sizeBytes: 4096,
          columns: [
            { name: 'vin', type: 'string' },
            { name: 'speed', type: 'double' },
          ],
        },
        {
          name: 'events',
          rowCount: 50,
          columns: [{ name: 'vin', type: 'string' }],
        },
      ],
    },
    { 'clouddatahub.io/last-updated': '2020-01-01T00:00:00.000Z' },
  ),
  dataset(
    'trips-prepared',
    'prepared',
    {
      location: 's3://cdh-global-prepared/trips_prepared',
      glueDatabase: 'trips_prepared',
      ...glue,
    },
    {
      upstream: ['dataset:default/telemetry-source'],
      freshness: { maxAgeHours: 24 },
    },
  ),
  dataset(
    'usage-semantic',
    'semantic',
    {
      location: 's3://cdh-global-semantic/usage_semantic/',
      glueDatabase: 'usage_semantic',
      ...glue,
    },
    { upstream: ['trips-prepared'], freshness: { maxAgeHours: 24 } },
  ),
  // The OpenLineage spec's own column-lineage example reads s3://test-bucket/iceberg_warehouse/some-database/people.
  dataset('people-source', 'source', {
    location: 's3a://test-bucket/iceberg_warehouse/some-database/',
    glueDatabase: 'some_database',
    ...glue,
  }),
  dataset('orders-local', 'source', {
    location: 'file:///tmp/data-hub-lake/us/source/orders_local/',
    glueDatabase: 'orders_local',
  }),
];

export const SPARK_PRODUCER =
  'https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark';
export const AIRFLOW_PRODUCER =
  'https://github.com/apache/airflow/tree/providers-openlineage/1.14.0';
export const SCHEMA_URL =
  'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
export const GLUE_NAMESPACE = 'arn:aws:glue:eu-central-1:111111111111';

type Io = { namespace: string; name: string; facets?: Record<string, unknown> };

/** A RunEvent as an OpenLineage integration would send it. */
export function runEvent(options: {
  eventType: string;
  eventTime: string;
  runId?: string;
  job?: { namespace: string; name: string };
  producer?: string;
  inputs?: Io[];
  outputs?: Io[];
  runFacets?: Record<string, unknown>;
}) {
  return {
    eventType: options.eventType,
    eventTime: options.eventTime,
    producer: options.producer ?? SPARK_PRODUCER,
    schemaURL: SCHEMA_URL,
    run: {
      runId: options.runId ?? randomUUID(),
      facets: options.runFacets ?? {},
    },
    job: options.job ?? {
      namespace: 'spark-jobs',
      name: 'trips_prepare.execute_insert_into_hadoop_fs_relation_command',
    },
    inputs: options.inputs ?? [],
    outputs: options.outputs ?? [],
  };
}

export const hoursAgo = (h: number) =>
  new Date(Date.now() - h * 3_600_000).toISOString();
