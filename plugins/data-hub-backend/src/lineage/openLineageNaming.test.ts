import { createDatasetLookup } from './DatasetIndex';
import { LINEAGE_TEST_DATASETS } from '../__testUtils__/lineageFixtures';

describe('resolving OpenLineage names to Datasets', () => {
  const lookup = createDatasetLookup(LINEAGE_TEST_DATASETS);
  const ref = (namespace: string, name: string) => {
    const hit = lookup.resolve(namespace, name);
    return hit && `${hit.entityRef}${hit.table ? `#${hit.table}` : ''}`;
  };

  it('resolves S3 paths by location prefix, with or without slashes and s3a', () => {
    expect(ref('s3://cdh-global-source', 'telemetry_source/signals')).toBe(
      'dataset:default/telemetry-source#signals',
    );
    expect(
      ref(
        's3a://cdh-global-source',
        '/telemetry_source/signals/dt=2026-11-01/part-0.parquet',
      ),
    ).toBe('dataset:default/telemetry-source#signals');
    // The location without its trailing slash, and the location itself.
    expect(ref('s3://cdh-global-prepared', 'trips_prepared/trips')).toBe(
      'dataset:default/trips-prepared#trips',
    );
    expect(ref('s3://cdh-global-prepared', 'trips_prepared')).toBe(
      'dataset:default/trips-prepared',
    );
    // A sibling folder whose name only starts the same is another dataset.
    expect(
      ref('s3://cdh-global-prepared', 'trips_prepared_v2/trips'),
    ).toBeUndefined();
    expect(
      ref('s3://other-bucket', 'telemetry_source/signals'),
    ).toBeUndefined();
  });

  it('resolves Glue tables by database, region and account', () => {
    expect(
      ref(
        'arn:aws:glue:eu-central-1:111111111111',
        'table/trips_prepared/trips',
      ),
    ).toBe('dataset:default/trips-prepared#trips');
    expect(
      ref(
        'awsglue:arn:aws:glue:eu-central-1:111111111111',
        'table/trips_prepared/trips',
      ),
    ).toBe('dataset:default/trips-prepared#trips');
    expect(
      ref('arn:aws:glue:us-east-1:222222222222', 'table/trips_prepared/trips'),
    ).toBeUndefined();
    expect(
      ref('arn:aws:glue:eu-central-1:111111111111', 'trips_prepared.trips'),
    ).toBeUndefined();
  });

  it('resolves Athena tables and local files', () => {
    expect(
      ref(
        'awsathena://athena.eu-central-1.amazonaws.com',
        'awsdatacatalog.usage_semantic.daily',
      ),
    ).toBe('dataset:default/usage-semantic#daily');
    expect(
      ref('file', '/tmp/data-hub-lake/us/source/orders_local/orders'),
    ).toBe('dataset:default/orders-local#orders');
    expect(
      ref('file', '/tmp/data-hub-lake/us/source/other/orders'),
    ).toBeUndefined();
  });

  it('keeps everything else external', () => {
    expect(
      ref('postgres://crm.internal:5432', 'crm.public.customers'),
    ).toBeUndefined();
    expect(ref('kafka://broker:9092', 'telemetry')).toBeUndefined();
  });
});
