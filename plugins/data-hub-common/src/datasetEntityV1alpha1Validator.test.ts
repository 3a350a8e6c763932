import {
  datasetEntityV1alpha1Validator,
  parseDatasetEntity,
} from './datasetEntityV1alpha1Validator';

const valid = () => ({
  apiVersion: 'clouddatahub.io/v1alpha1',
  kind: 'Dataset',
  metadata: {
    name: 'vehicle-trips-prepared',
    title: 'Vehicle trips (prepared)',
  },
  spec: {
    layer: 'prepared',
    hub: 'global',
    businessObject: 'domain:default/vehicle',
    owner: 'group:default/connected-vehicle-data',
    lifecycle: 'production',
    classification: 'confidential',
    storage: {
      location: 's3://cdh-global-prepared/vehicle_trips_prepared/',
      glueDatabase: 'vehicle_trips_prepared',
      region: 'eu-central-1',
      accountId: '111111111111',
    },
    tables: [
      {
        name: 'trips',
        partitionKeys: [{ name: 'dt', type: 'date' }],
        columns: [
          { name: 'vin', type: 'string', pii: true },
          { name: 'distance_km', type: 'double' },
        ],
      },
    ],
    upstream: ['dataset:default/vehicle-telemetry-source'],
    freshness: { maxAgeHours: 24 },
  },
});

describe('datasetEntityV1alpha1Validator', () => {
  it('accepts a complete Dataset', async () => {
    await expect(datasetEntityV1alpha1Validator.check(valid())).resolves.toBe(
      true,
    );
    expect(parseDatasetEntity(valid()).spec.tables[0].columns).toHaveLength(2);
  });

  it('ignores other kinds', async () => {
    await expect(
      datasetEntityV1alpha1Validator.check({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
        spec: {},
      }),
    ).resolves.toBe(false);
  });

  it.each([
    ['unknown layer', (e: any) => (e.spec.layer = 'gold'), /\/spec\/layer/],
    ['missing owner', (e: any) => delete e.spec.owner, /owner/],
    [
      'unknown classification',
      (e: any) => (e.spec.classification = 'secret'),
      /\/spec\/classification/,
    ],
    [
      'tables not a list',
      (e: any) => (e.spec.tables = { trips: {} }),
      /\/spec\/tables/,
    ],
    [
      'column without type',
      (e: any) => delete e.spec.tables[0].columns[1].type,
      /\/spec\/tables\/0\/columns\/1/,
    ],
    [
      'table without columns',
      (e: any) => (e.spec.tables[0].columns = []),
      /\/spec\/tables\/0\/columns/,
    ],
    [
      'bad storage location',
      (e: any) => (e.spec.storage.location = 'ftp://x'),
      /\/spec\/storage\/location/,
    ],
    [
      'bad account id',
      (e: any) => (e.spec.storage.accountId = '12'),
      /\/spec\/storage\/accountId/,
    ],
    [
      'non-positive freshness',
      (e: any) => (e.spec.freshness.maxAgeHours = 0),
      /\/spec\/freshness\/maxAgeHours/,
    ],
  ])(
    'rejects %s with an error naming the field',
    async (_name, mutate, field) => {
      const entity = valid();
      mutate(entity);
      await expect(
        datasetEntityV1alpha1Validator.check(entity),
      ).rejects.toThrow(field);
    },
  );
});
