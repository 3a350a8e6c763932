import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { DatasetEntitiesProcessor } from '../../processor/DatasetEntitiesProcessor';
import { GlueCatalogReader } from './GlueCatalogReader';
import { GlueDatasetEntityProvider } from './GlueDatasetEntityProvider';
import type { GlueHubConfig } from './GlueHubConfig';
import { FakeGlueServer } from './testing/FakeGlueServer';
import {
  dataHubDatabase,
  glueTable,
  syntheticGlue,
} from './testing/syntheticGlue';

const hubs = [
  {
    name: 'us',
    title: 'US',
    region: 'us-east-1',
    accountId: '222222222222',
    consumesFrom: ['us'],
  },
  {
    name: 'cn',
    title: 'China',
    region: 'cn-north-1',
    accountId: '333333333333',
    consumesFrom: ['cn'],
  },
];

function hubConfig(
  hub: (typeof hubs)[number],
  endpoint: string,
): GlueHubConfig {
  return {
    hub,
    region: hub.region,
    endpoint,
    schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
    concurrency: 4,
    fullRefreshHours: 6,
  };
}

async function connected(server: FakeGlueServer, hub = hubs[0]) {
  const endpoint = await server.start();
  const config = hubConfig(hub, endpoint);
  const provider = new GlueDatasetEntityProvider(
    config,
    GlueCatalogReader.forHub(config),
    mockServices.logger.mock(),
  );
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  await provider.connect(connection as unknown as EntityProviderConnection);
  return { provider, connection };
}

const applied = (connection: { applyMutation: jest.Mock }, call = 0) =>
  connection.applyMutation.mock.calls[call][0].entities.map(
    (e: any) => e.entity,
  );

// Hundreds of pages over real HTTP: give a loaded CI machine room.
jest.setTimeout(60_000);

describe('GlueDatasetEntityProvider against the Glue JSON API', () => {
  const servers: FakeGlueServer[] = [];
  const newServer = () => {
    const s = new FakeGlueServer();
    servers.push(s);
    return s;
  };
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.stop()));
  });

  it('follows every page of databases and tables and maps Glue metadata to Datasets', async () => {
    const server = newServer();
    const glue = syntheticGlue(230, 2, 5);
    server.databases = [
      ...glue.databases,
      { Name: 'not_a_dataset', Parameters: {} },
    ];
    server.tables = glue.tables;
    server.tables.set(
      'db_00007',
      Array.from({ length: 250 }, (_, t) => glueTable('db_00007', `t_${t}`, 3)),
    );
    const { provider, connection } = await connected(server);

    const stats = await provider.refresh();

    expect(stats).toMatchObject({
      databases: 230,
      datasets: 230,
      tables: 229 * 2 + 250,
    });
    expect(server.requests.filter(r => r === 'GetDatabases')).toHaveLength(3);
    const entities = applied(connection);
    expect(entities).toHaveLength(230);
    const big = entities.find((e: any) => e.metadata.name === 'db-00007');
    expect(big.spec.tables).toHaveLength(250);
    const one = entities.find((e: any) => e.metadata.name === 'db-00001');
    expect(one).toMatchObject({
      apiVersion: 'clouddatahub.io/v1alpha1',
      kind: 'Dataset',
      metadata: {
        description: 'Dataset db_00001',
        annotations: {
          'clouddatahub.io/glue-database': '222222222222/us-east-1/db_00001',
          'clouddatahub.io/last-updated': '2026-11-20T10:00:00.000Z',
          'backstage.io/managed-by-location': 'data-hub-glue:us',
        },
      },
      spec: {
        hub: 'us',
        layer: 'prepared',
        owner: 'group:default/sales-data-us',
        businessObject: 'domain:default/sales',
        classification: 'confidential',
        storage: {
          location: 's3://cdh-us-prepared/db_00001/',
          glueDatabase: 'db_00001',
          region: 'us-east-1',
          accountId: '222222222222',
        },
      },
    });
    expect(one.spec.tables[0]).toEqual({
      name: 'table_0',
      description: 'Table table_0',
      rowCount: 1000,
      sizeBytes: 65536,
      partitionKeys: [{ name: 'dt', type: 'date' }],
      columns: [
        {
          name: 'vin',
          type: 'string',
          description: 'Vehicle identification number',
          pii: true,
        },
        { name: 'col_1', type: 'bigint', description: 'Column 1' },
        { name: 'col_2', type: 'bigint', description: 'Column 2' },
        { name: 'col_3', type: 'string', description: 'Column 3' },
        { name: 'col_4', type: 'bigint', description: 'Column 4' },
      ],
    });
    // Every mapped entity passes the Dataset kind's validation.
    const processor = new DatasetEntitiesProcessor(hubs);
    for (const entity of entities) {
      await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
    }
  });

  it('retries throttling with backoff and then succeeds', async () => {
    const server = newServer();
    const glue = syntheticGlue(3, 1, 2);
    server.databases = glue.databases;
    server.tables = glue.tables;
    server.throttleNext = 2;
    const { provider, connection } = await connected(server);

    await expect(provider.refresh()).resolves.toMatchObject({ datasets: 3 });
    expect(server.requests.slice(0, 3)).toEqual([
      'GetDatabases',
      'GetDatabases',
      'GetDatabases',
    ]);
    expect(applied(connection)).toHaveLength(3);
  }, 60_000);

  it("keeps a failing hub's datasets while another hub refreshes", async () => {
    const us = newServer();
    const cn = newServer();
    const usGlue = syntheticGlue(2, 1, 2);
    const cnGlue = syntheticGlue(3, 1, 2);
    Object.assign(us, { databases: usGlue.databases, tables: usGlue.tables });
    Object.assign(cn, { databases: cnGlue.databases, tables: cnGlue.tables });
    const usHub = await connected(us, hubs[0]);
    const cnHub = await connected(cn, hubs[1]);
    await usHub.provider.refresh();
    await cnHub.provider.refresh();

    us.failWith = { type: 'AccessDeniedException', status: 400 };
    await expect(usHub.provider.refresh()).rejects.toThrow(/AccessDenied/);
    await expect(cnHub.provider.refresh()).resolves.toMatchObject({
      datasets: 3,
    });

    // The failing hub applied nothing after its first run: its entities stay as they were.
    expect(usHub.connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(cnHub.connection.applyMutation).toHaveBeenCalledTimes(2);
  });

  it('reads unchanged databases by table name only, and changed ones in full', async () => {
    const server = newServer();
    const glue = syntheticGlue(5, 2, 3);
    Object.assign(server, { databases: glue.databases, tables: glue.tables });
    const { provider } = await connected(server);
    const t0 = Date.parse('2026-11-27T08:00:00Z');

    expect(await provider.refresh(t0)).toMatchObject({
      fullTableReads: 5,
      nameOnlyReads: 0,
    });
    expect(await provider.refresh(t0 + 60_000)).toMatchObject({
      fullTableReads: 0,
      nameOnlyReads: 5,
    });

    server.databases[1] = dataHubDatabase('db_00001', {
      'clouddatahub:lifecycle': 'deprecated',
    });
    server.tables.get('db_00002')!.push(glueTable('db_00002', 'new_table', 3));
    expect(await provider.refresh(t0 + 120_000)).toMatchObject({
      fullTableReads: 2,
      nameOnlyReads: 4,
      tables: 11,
    });

    // After fullRefreshHours everything is read in full again.
    expect(await provider.refresh(t0 + 7 * 3_600_000)).toMatchObject({
      fullTableReads: 5,
      nameOnlyReads: 0,
    });
  });

  it('turns malformed Glue metadata into a processing error of that dataset only', async () => {
    const server = newServer();
    const good = dataHubDatabase('good_dataset');
    const badLayer = dataHubDatabase('bad_layer', {
      'clouddatahub:layer': 'gold',
    });
    const noOwner = dataHubDatabase('no_owner');
    delete noOwner.Parameters!['clouddatahub:owner'];
    const untyped = dataHubDatabase('untyped_column');
    server.databases = [good, badLayer, noOwner, untyped];
    server.tables = new Map([
      ['good_dataset', [glueTable('good_dataset', 't', 2)]],
      ['bad_layer', [glueTable('bad_layer', 't', 2)]],
      ['no_owner', [glueTable('no_owner', 't', 2)]],
      [
        'untyped_column',
        [
          {
            ...glueTable('untyped_column', 't', 2),
            StorageDescriptor: { Columns: [{ Name: 'x' }] },
          },
        ],
      ],
    ]);
    const { provider, connection } = await connected(server);
    await provider.refresh();

    const byName = Object.fromEntries(
      applied(connection).map((e: any) => [e.metadata.name, e]),
    );
    const processor = new DatasetEntitiesProcessor(hubs);
    await expect(
      processor.validateEntityKind(byName['good-dataset']),
    ).resolves.toBe(true);
    await expect(
      processor.validateEntityKind(byName['bad-layer']),
    ).rejects.toThrow(/\/spec\/layer/);
    await expect(
      processor.validateEntityKind(byName['no-owner']),
    ).rejects.toThrow(/owner/);
    await expect(
      processor.validateEntityKind(byName['untyped-column']),
    ).rejects.toThrow(/\/spec\/tables\/0\/columns\/0/);
  });
});
