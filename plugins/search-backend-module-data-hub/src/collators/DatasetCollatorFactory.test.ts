import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  LunrSearchEngine,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import type { DatasetEntityV1alpha1 } from '@cloud-data-hub/data-hub-common';
import { DatasetCollatorFactory } from './DatasetCollatorFactory';
import type { DatasetSearchDocument } from './datasetDocument';

function dataset(
  name: string,
  options: {
    title?: string;
    description?: string;
    hub?: string;
    layer?: 'source' | 'prepared' | 'semantic';
    tables?: DatasetEntityV1alpha1['spec']['tables'];
  } = {},
): DatasetEntityV1alpha1 {
  return {
    apiVersion: 'clouddatahub.io/v1alpha1',
    kind: 'Dataset',
    metadata: {
      name,
      namespace: 'default',
      ...(options.title ? { title: options.title } : {}),
      ...(options.description ? { description: options.description } : {}),
    },
    spec: {
      layer: options.layer ?? 'prepared',
      hub: options.hub ?? 'global',
      businessObject: 'domain:default/vehicle',
      owner: 'group:default/connected-vehicle-data',
      lifecycle: 'production',
      classification: 'confidential',
      storage: { location: `s3://bucket/${name}/`, glueDatabase: name },
      tables: options.tables ?? [
        { name: 'rows', columns: [{ name: 'id', type: 'string' }] },
      ],
    },
  };
}

const trips = dataset('vehicle-trips-prepared', {
  title: 'Vehicle trips (prepared)',
  description: 'One row per completed trip, cleaned and deduplicated.',
  tables: [
    {
      name: 'trips',
      description: 'Completed trips with distance, duration and energy.',
      partitionKeys: [
        { name: 'dt', type: 'date', description: 'Day the trip started' },
      ],
      columns: [
        { name: 'trip_id', type: 'string', description: 'Trip identifier' },
        {
          name: 'vin',
          type: 'string',
          description: 'Vehicle identification number',
          pii: true,
        },
        { name: 'distance_km', type: 'double' },
      ],
    },
  ],
});

const configurations = dataset('us-vehicle-order-configurations-prepared', {
  title: 'US vehicle order configurations (prepared)',
  description: 'The full equipment configuration of every US vehicle order.',
  hub: 'us',
  tables: [
    {
      name: 'order_configurations',
      description: 'One row per order.',
      columns: [
        { name: 'order_id', type: 'string', description: 'Order number' },
        {
          name: 'vin',
          type: 'string',
          description: 'Vehicle identification number',
        },
        {
          name: 'opt_seat_massage',
          type: 'boolean',
          description: 'Option ordered: seat / massage',
        },
      ],
    },
    {
      name: 'option_prices',
      columns: [
        { name: 'order_id', type: 'string' },
        { name: 'price_usd', type: 'double', description: 'Option price' },
      ],
    },
  ],
});

const parts = dataset('parts-catalog-source', {
  title: 'Spare parts catalog (source)',
  description: 'Copy of the global spare parts catalog with prices per part.',
  layer: 'source',
  tables: [
    {
      name: 'parts',
      description: 'One row per part number.',
      columns: [
        { name: 'part_number', type: 'string', description: 'Part number' },
        {
          name: 'list_price_eur',
          type: 'double',
          description: 'List price in EUR',
        },
      ],
    },
  ],
});

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'vin-decoder', description: 'Decodes every vin' },
  spec: {
    type: 'service',
    owner: 'group:default/team',
    lifecycle: 'production',
  },
};

const futureDataset: Entity = {
  apiVersion: 'clouddatahub.io/v2',
  kind: 'Dataset',
  metadata: { name: 'future-dataset' },
  spec: { tables: [{ name: 't', columns: [{ name: 'vin', type: 'string' }] }] },
};

async function collate(
  entities: Entity[],
  batchSize?: number,
): Promise<{
  documents: DatasetSearchDocument[];
  catalog: ReturnType<typeof catalogServiceMock>;
}> {
  const catalog = catalogServiceMock({ entities });
  jest.spyOn(catalog, 'queryEntities');
  const factory = new DatasetCollatorFactory({
    auth: mockServices.auth(),
    catalog,
    batchSize,
  });
  const { documents, error } = await TestPipeline.fromCollator(
    await factory.getCollator(),
  ).execute();
  expect(error).toBeUndefined();
  return { documents: documents as DatasetSearchDocument[], catalog };
}

describe('DatasetCollatorFactory', () => {
  it('is of type dataset and guarded by the catalog read permission', () => {
    const factory = new DatasetCollatorFactory({
      auth: mockServices.auth(),
      catalog: catalogServiceMock(),
    });
    expect(factory.type).toBe('dataset');
    expect(factory.visibilityPermission).toEqual({
      type: 'resource',
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
  });

  it('emits one document per dataset with schema text and filter fields', async () => {
    const { documents } = await collate([configurations]);
    expect(documents).toHaveLength(1);
    const [doc] = documents;
    expect(doc).toEqual({
      title: 'US vehicle order configurations (prepared)',
      text: expect.any(String),
      location:
        '/catalog/default/dataset/us-vehicle-order-configurations-prepared',
      authorization: {
        resourceRef: 'dataset:default/us-vehicle-order-configurations-prepared',
      },
      kind: 'Dataset',
      namespace: 'default',
      name: 'us-vehicle-order-configurations-prepared',
      description:
        'The full equipment configuration of every US vehicle order.',
      hub: 'us',
      hubKey: 'hubus',
      layer: 'prepared',
      owner: 'group:default/connected-vehicle-data',
      lifecycle: 'production',
      classification: 'confidential',
      businessObject: 'domain:default/vehicle',
      tags: [],
      tables: ['order_configurations', 'option_prices'],
      columns: ['order_id', 'vin', 'opt_seat_massage', 'price_usd'],
    });
    expect(doc.text.split('\n')).toEqual([
      'The full equipment configuration of every US vehicle order.',
      'order_configurations: One row per order.',
      'order_id: Order number',
      'vin: Vehicle identification number',
      'opt_seat_massage: Option ordered: seat / massage',
      'option_prices',
      'order_id',
      'price_usd: Option price',
    ]);
  });

  it('indexes partition keys as columns and falls back to the name as title', async () => {
    const { documents } = await collate([
      { ...trips, metadata: { ...trips.metadata, title: undefined } },
    ]);
    expect(documents[0].title).toBe('vehicle-trips-prepared');
    expect(documents[0].columns).toEqual([
      'trip_id',
      'vin',
      'distance_km',
      'dt',
    ]);
    expect(documents[0].text).toContain('dt: Day the trip started');
    expect(documents[0].text).toContain('distance_km');
  });

  it('tolerates a dataset without tables or descriptions', async () => {
    const bare = dataset('bare', { tables: [] });
    const { documents } = await collate([bare]);
    expect(documents[0]).toMatchObject({
      title: 'bare',
      text: '',
      description: '',
      tables: [],
      columns: [],
    });
  });

  it('indexes what it can of a malformed dataset', async () => {
    const malformed = dataset('malformed');
    (malformed.spec as any).tables = [
      { description: 'no name' },
      { name: 'ok', columns: 'not-a-list', partitionKeys: [{ type: 'date' }] },
      { name: 'good', columns: [{ name: 'vin', type: 'string' }] },
    ];
    const { documents } = await collate([malformed, parts]);
    expect(documents).toHaveLength(2);
    expect(documents[0]).toMatchObject({
      name: 'malformed',
      tables: ['ok', 'good'],
      columns: ['vin'],
      text: 'ok\ngood\nvin',
    });
  });

  it('indexes only Dataset entities of apiVersion clouddatahub.io/v1alpha1', async () => {
    const { documents } = await collate([
      component,
      trips,
      futureDataset,
      parts,
    ]);
    expect(documents.map(d => d.name).sort()).toEqual([
      'parts-catalog-source',
      'vehicle-trips-prepared',
    ]);
  });

  it('reads the catalog page by page with a cursor and service credentials', async () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      dataset(`dataset-${i}`, { title: `Dataset ${i}` }),
    );
    const { documents, catalog } = await collate([component, ...many], 3);

    expect(documents.map(d => d.name).sort()).toEqual(
      many.map(e => e.metadata.name).sort(),
    );
    const calls = (catalog.queryEntities as jest.Mock).mock.calls;
    expect(calls).toHaveLength(3);
    expect(calls[0][0]).toMatchObject({
      filter: { kind: 'Dataset' },
      limit: 3,
    });
    expect(calls[1][0]).toMatchObject({ cursor: expect.any(String), limit: 3 });
    expect(calls[2][0]).toMatchObject({ cursor: expect.any(String), limit: 3 });
    for (const [, options] of calls) {
      expect(options.credentials.principal).toMatchObject({ type: 'service' });
    }
  });

  it('streams: a page is requested only when the previous one is consumed', async () => {
    const many = Array.from({ length: 4 }, (_, i) => dataset(`dataset-${i}`));
    const catalog = catalogServiceMock({ entities: many });
    const queryEntities = jest.spyOn(catalog, 'queryEntities');
    const factory = new DatasetCollatorFactory({
      auth: mockServices.auth(),
      catalog,
      batchSize: 2,
    });
    const collator = await factory.getCollator();
    const iterator = collator[Symbol.asyncIterator]();
    await iterator.next();
    expect(queryEntities).toHaveBeenCalledTimes(1);
    collator.destroy();
  });

  it('creates documents that the Lunr engine finds by column name', async () => {
    const { documents } = await collate([trips, configurations, parts]);
    const engine = new LunrSearchEngine({ logger: mockServices.logger.mock() });
    const indexer = await engine.getIndexer('dataset');
    await TestPipeline.fromIndexer(indexer).withDocuments(documents).execute();

    const titles = async (term: string, filters?: Record<string, string>) =>
      (await engine.query({ term, filters })).results.map(
        r => r.document.title,
      );

    // Lunr also matches terms within edit distance 2 (here "one", stemmed
    // "on", of "One row per part number"), with a far lower score: the
    // datasets holding the column come first.
    const vin = await titles('vin');
    expect(vin.slice(0, 2).sort()).toEqual([
      'US vehicle order configurations (prepared)',
      'Vehicle trips (prepared)',
    ]);
    expect((await titles('opt_seat_massage'))[0]).toBe(
      'US vehicle order configurations (prepared)',
    );
    expect(await titles('part_number', { layer: 'source' })).toEqual([
      'Spare parts catalog (source)',
    ]);
    expect((await titles('vin', { layer: 'prepared' })).sort()).toEqual([
      'US vehicle order configurations (prepared)',
      'Vehicle trips (prepared)',
    ]);
    expect(await titles('vin', { hub: 'global' })).toEqual([
      'Vehicle trips (prepared)',
      'Spare parts catalog (source)',
    ]);
  });
});
