import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { DemoLakeGenerator } from './DemoLakeGenerator';
import { LocalLakeDatasetSource } from './LocalLakeDatasetSource';
import { DEMO_DATASETS } from './demoLake';

const hubs = [
  {
    name: 'global',
    title: 'Global',
    region: 'eu-central-1',
    accountId: '111111111111',
    consumesFrom: ['global'],
  },
  {
    name: 'us',
    title: 'US',
    region: 'us-east-1',
    accountId: '222222222222',
    consumesFrom: ['global', 'us'],
  },
  {
    name: 'cn',
    title: 'China',
    region: 'cn-north-1',
    accountId: '333333333333',
    consumesFrom: ['global', 'cn'],
  },
];

describe('DemoLakeGenerator + LocalLakeDatasetSource', () => {
  let dir: string;
  beforeAll(async () => {
    dir = path.join(
      await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-lake-')),
      'lake',
    );
  });
  afterAll(async () => {
    await fs.rm(path.dirname(dir), { recursive: true, force: true });
  });

  it('generates a deterministic lake once and reads real schemas back', async () => {
    const logger = mockServices.logger.mock();
    const generator = new DemoLakeGenerator({
      directory: dir,
      scale: 0.002,
      logger,
    });
    expect(await generator.ensure()).toBe(true);
    // second start: nothing to do
    expect(await generator.ensure()).toBe(false);

    const source = new LocalLakeDatasetSource({
      directory: dir,
      datasets: DEMO_DATASETS,
      hubs,
      logger,
      ready: Promise.resolve(),
    });
    const entities = await source.listDatasets();
    expect(entities).toHaveLength(DEMO_DATASETS.length);
    const trips = entities.find(
      e => e.metadata.name === 'vehicle-trips-prepared',
    )!;
    expect(trips.spec.hub).toBe('global');
    expect(trips.spec.storage.accountId).toBe('111111111111');
    const table = trips.spec.tables[0];
    expect(table.partitionKeys).toEqual([
      expect.objectContaining({ name: 'dt', type: 'date' }),
    ]);
    expect(table.columns.find(c => c.name === 'vin')).toEqual(
      expect.objectContaining({ type: 'string', pii: true }),
    );
    expect(table.columns.find(c => c.name === 'distance_km')?.type).toBe(
      'double',
    );
    expect(table.rowCount).toBe(1600);
    const wide = entities.find(
      e => e.metadata.name === 'us-vehicle-order-configurations-prepared',
    )!;
    expect(wide.spec.tables[0].columns.length).toBeGreaterThanOrEqual(150);
  });
});
