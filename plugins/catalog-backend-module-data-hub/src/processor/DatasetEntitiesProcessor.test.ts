import { processingResult } from '@backstage/plugin-catalog-node';
import { DatasetEntitiesProcessor } from './DatasetEntitiesProcessor';

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
];

const dataset = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'clouddatahub.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'us-sales-orders-prepared', namespace: 'default' },
  spec: {
    layer: 'prepared',
    hub: 'us',
    businessObject: 'sales',
    owner: 'sales-data-us',
    lifecycle: 'production',
    classification: 'confidential',
    storage: {
      location: 's3://b/us_sales_orders_prepared/',
      glueDatabase: 'us_sales_orders_prepared',
    },
    tables: [
      { name: 'orders', columns: [{ name: 'order_id', type: 'string' }] },
    ],
    upstream: [
      'us-sales-orders-source',
      'dataset:default/us-customer-profiles-prepared',
    ],
    ...spec,
  },
});

const location = {
  type: 'url',
  target: 'http://example.com/catalog-info.yaml',
};

describe('DatasetEntitiesProcessor', () => {
  const processor = new DatasetEntitiesProcessor(hubs);

  it('validates Datasets and ignores other kinds', async () => {
    await expect(processor.validateEntityKind(dataset())).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'c' },
        spec: {},
      }),
    ).resolves.toBe(false);
  });

  it('rejects a hub that is not configured, naming the field and the known hubs', async () => {
    await expect(
      processor.validateEntityKind(dataset({ hub: 'mars' })),
    ).rejects.toThrow(
      /spec\.hub "mars" is not a hub of this portal; configured hubs \(dataHub\.hubs\): global, us/,
    );
  });

  it('rejects an unknown layer and duplicate table names', async () => {
    await expect(
      processor.validateEntityKind(dataset({ layer: 'gold' })),
    ).rejects.toThrow(/\/spec\/layer/);
    await expect(
      processor.validateEntityKind(
        dataset({
          tables: [
            { name: 'orders', columns: [{ name: 'a', type: 'string' }] },
            { name: 'orders', columns: [{ name: 'b', type: 'string' }] },
          ],
        }),
      ),
    ).rejects.toThrow(/spec\.tables\[1\]\.name "orders" is used twice/);
  });

  it('emits owner, business object and upstream relations in both directions', async () => {
    const emit = jest.fn();
    await processor.postProcessEntity(dataset(), location, emit);
    const self = {
      kind: 'Dataset',
      namespace: 'default',
      name: 'us-sales-orders-prepared',
    };
    const rel = (source: object, type: string, target: object) =>
      processingResult.relation({
        source: source as any,
        type,
        target: target as any,
      });
    const group = {
      kind: 'Group',
      namespace: 'default',
      name: 'sales-data-us',
    };
    const domain = { kind: 'Domain', namespace: 'default', name: 'sales' };
    const src = {
      kind: 'Dataset',
      namespace: 'default',
      name: 'us-sales-orders-source',
    };
    // an explicit ref keeps its spelling; the catalog compares refs case-insensitively
    const profiles = {
      kind: 'dataset',
      namespace: 'default',
      name: 'us-customer-profiles-prepared',
    };
    expect(emit.mock.calls.map(c => c[0])).toEqual([
      rel(self, 'ownedBy', group),
      rel(group, 'ownerOf', self),
      rel(self, 'partOf', domain),
      rel(domain, 'hasPart', self),
      rel(self, 'dependsOn', src),
      rel(src, 'dependencyOf', self),
      rel(self, 'dependsOn', profiles),
      rel(profiles, 'dependencyOf', self),
    ]);
  });
});
