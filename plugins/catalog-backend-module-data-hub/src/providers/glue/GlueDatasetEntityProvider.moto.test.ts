import {
  CreateDatabaseCommand,
  CreateTableCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { DatasetEntitiesProcessor } from '../../processor/DatasetEntitiesProcessor';
import { GlueCatalogReader } from './GlueCatalogReader';
import { GlueDatasetEntityProvider } from './GlueDatasetEntityProvider';
import { MotoServer, hasMotoServer } from './testing/MotoServer';

const hub = {
  name: 'us',
  title: 'US',
  region: 'us-east-1',
  accountId: '123456789012',
  consumesFrom: ['us'],
};

// moto_server ships with the build machines' image; elsewhere this suite is skipped.
const describeWithMoto = hasMotoServer() ? describe : describe.skip;

describeWithMoto('GlueDatasetEntityProvider against moto_server', () => {
  const moto = new MotoServer();
  let endpoint: string;
  jest.setTimeout(60_000);

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    endpoint = await moto.start();
  });
  afterAll(() => moto.stop());

  it('registers databases and tables created through the real SDK as Datasets', async () => {
    const glue = new GlueClient({ region: hub.region, endpoint });
    await glue.send(
      new CreateDatabaseCommand({
        DatabaseInput: {
          Name: 'us_sales_orders_prepared',
          Description: 'Valid US vehicle orders',
          LocationUri: 's3://cdh-us-prepared/us_sales_orders_prepared/',
          Parameters: {
            'clouddatahub:layer': 'prepared',
            'clouddatahub:owner': 'group:default/sales-data-us',
            'clouddatahub:business-object': 'domain:default/sales',
            'clouddatahub:classification': 'confidential',
            'clouddatahub:title': 'US vehicle orders (prepared)',
            'clouddatahub:upstream': 'dataset:default/us-sales-orders-source',
            'clouddatahub:freshness-max-age-hours': '24',
          },
        },
      }),
    );
    await glue.send(
      new CreateDatabaseCommand({ DatabaseInput: { Name: 'scratch' } }),
    );
    await glue.send(
      new CreateTableCommand({
        DatabaseName: 'us_sales_orders_prepared',
        TableInput: {
          Name: 'orders',
          Description: 'One row per order',
          PartitionKeys: [{ Name: 'order_date', Type: 'date' }],
          StorageDescriptor: {
            Location: 's3://cdh-us-prepared/us_sales_orders_prepared/orders/',
            Columns: [
              { Name: 'order_id', Type: 'string', Comment: 'Order number' },
              {
                Name: 'vin',
                Type: 'string',
                Comment: 'VIN',
                Parameters: { 'clouddatahub:pii': 'true' },
              },
              { Name: 'net_price_usd', Type: 'decimal(12,2)' },
            ],
          },
        },
      }),
    );

    const config = {
      hub,
      region: hub.region,
      endpoint,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
      concurrency: 2,
      fullRefreshHours: 6,
    };
    const provider = new GlueDatasetEntityProvider(
      config,
      GlueCatalogReader.forHub(config),
      mockServices.logger.mock(),
    );
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    await provider.connect(connection as unknown as EntityProviderConnection);
    await provider.refresh();

    const [entity] = connection.applyMutation.mock.calls[0][0].entities.map(
      (e: any) => e.entity,
    );
    expect(connection.applyMutation.mock.calls[0][0].entities).toHaveLength(1);
    expect(entity.metadata).toMatchObject({
      name: 'us-sales-orders-prepared',
      title: 'US vehicle orders (prepared)',
    });
    expect(entity.spec).toMatchObject({
      hub: 'us',
      layer: 'prepared',
      upstream: ['dataset:default/us-sales-orders-source'],
      freshness: { maxAgeHours: 24 },
      storage: {
        glueDatabase: 'us_sales_orders_prepared',
        accountId: '123456789012',
      },
      tables: [
        {
          name: 'orders',
          description: 'One row per order',
          partitionKeys: [{ name: 'order_date', type: 'date' }],
          columns: [
            { name: 'order_id', type: 'string', description: 'Order number' },
            { name: 'vin', type: 'string', description: 'VIN', pii: true },
            { name: 'net_price_usd', type: 'decimal(12,2)' },
          ],
        },
      ],
    });
    await expect(
      new DatasetEntitiesProcessor([hub]).validateEntityKind(entity),
    ).resolves.toBe(true);
  });
});
