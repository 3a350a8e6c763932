import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createUpstreamResolveAction } from './upstreamResolve';
import { examples } from './upstreamResolve.examples';

const dataset = (name: string, hub: string, layer: string) => ({
  apiVersion: 'clouddatahub.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name, namespace: 'default', title: 'US dealer orders (source)' },
  spec: {
    layer,
    hub,
    businessObject: 'domain:default/sales',
    owner: 'group:default/sales-data-us',
    lifecycle: 'production',
    classification: 'confidential',
    storage: {
      location: `s3://cdh-${hub}-${layer}-222222222222/${name.replace(
        /-/g,
        '_',
      )}/`,
      glueDatabase: name.replace(/-/g, '_'),
    },
    tables: [
      {
        name: 'orders',
        partitionKeys: [
          { name: 'dt', type: 'string', description: 'Ingest day' },
        ],
        columns: [
          { name: 'order_id', type: 'string', description: 'Order number' },
          {
            name: 'Customer_Email',
            type: 'string',
            description: 'Who ordered',
            pii: true,
          },
          { name: 'amount', type: 'string' },
          { name: 'updated_at', type: 'timestamp' },
          { name: 'etl_batch_id', type: 'bigint' },
        ],
      },
    ],
  },
});

const catalog = catalogServiceMock({
  entities: [
    dataset('us-dealer-orders-source', 'us', 'source'),
    dataset('global-orders-source', 'global', 'source'),
    dataset('us-dealer-kpis-semantic', 'us', 'semantic'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'orders-ui', namespace: 'default' },
      spec: {},
    },
  ],
});

describe('datahub:upstream:resolve', () => {
  const action = createUpstreamResolveAction({ catalog });
  const run = (input: Record<string, unknown>) => {
    const ctx = createMockActionContext({ input: input as any });
    return { ctx, result: action.handler(ctx as any) };
  };
  const exampleInput = yaml.parse(examples[0].example).steps[0].input;

  it('runs its example: the prepared table is typed, lower-cased, without dropped columns, PII kept', async () => {
    const { ctx, result } = run(exampleInput);
    await result;
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs).toEqual({
      entityRef: 'dataset:default/us-dealer-orders-source',
      title: 'US dealer orders (source)',
      layer: 'source',
      glueDatabase: 'us_dealer_orders_source',
      location: 's3://cdh-us-source-222222222222/us_dealer_orders_source/',
      table: 'orders',
      sourcePartitionColumn: 'dt',
      columns: [
        { name: 'order_id', type: 'string', description: 'Order number' },
        {
          name: 'customer_email',
          type: 'string',
          description: 'Who ordered',
          pii: true,
        },
        { name: 'amount', type: 'decimal(12,2)' },
        { name: 'updated_at', type: 'timestamp' },
      ],
      partitionKeys: [{ name: 'dt', type: 'string' }],
      columnTypes: { amount: 'decimal(12,2)' },
      piiColumns: ['customer_email'],
    });
  });

  it('reports every problem with the columns at once', async () => {
    const { ctx, result } = run({
      ...exampleInput,
      keyColumns: ['order_no'],
      dropColumns: ['updated_at', 'colour'],
      columnTypes: [{ column: 'amount', type: 'money' }],
      partitionColumn: 'order_date',
    });
    await expect(result).rejects.toThrow(
      'The upstream dataset cannot be used: type "money" of column "amount" is not a type the job casts to (string, boolean, tinyint, smallint, int, bigint, float, double, date, timestamp, decimal(p,s)); ' +
        'key column(s) "order_no" is not a column of dataset:default/us-dealer-orders-source table orders (columns: order_id, customer_email, amount, updated_at, etl_batch_id, dt); ' +
        'dropped column(s) "colour" is not a column of dataset:default/us-dealer-orders-source table orders (columns: order_id, customer_email, amount, updated_at, etl_batch_id, dt); ' +
        'partition column "order_date" is not a column of dataset:default/us-dealer-orders-source table orders (columns: order_id, customer_email, amount, updated_at, etl_batch_id, dt); ' +
        'updated_at cannot be dropped: key, order-by and partition columns are kept',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it.each([
    [
      { upstream: 'dataset:default/nope-source' },
      'dataset:default/nope-source does not exist in the catalog',
    ],
    [
      { upstream: 'component:default/orders-ui' },
      'component:default/orders-ui is not a Dataset',
    ],
    [
      { upstream: 'dataset:default/global-orders-source' },
      'dataset:default/global-orders-source lives in hub "global", the new dataset in hub "us"; a preparation job reads and writes within one hub',
    ],
    [
      { upstream: 'dataset:default/us-dealer-kpis-semantic' },
      'dataset:default/us-dealer-kpis-semantic is a semantic dataset; a prepared dataset cannot be built from it',
    ],
    [
      { table: 'dealers' },
      'dataset:default/us-dealer-orders-source has no table "dealers" (tables: orders)',
    ],
  ])('rejects %o', async (change, message) => {
    const { result } = run({ ...exampleInput, ...change });
    await expect(result).rejects.toThrow(
      `The upstream dataset cannot be used: ${message}`,
    );
  });
});
