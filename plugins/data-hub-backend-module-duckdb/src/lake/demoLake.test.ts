import { DEMO_DATASETS, parseDemoDatasets } from './demoLake';

const dataset = {
  name: 'parts',
  title: 'Parts',
  description: 'Parts',
  tags: [],
  hub: 'global',
  layer: 'source',
  businessObject: 'domain:default/aftersales',
  owner: 'group:default/aftersales-global',
  classification: 'internal',
  lifecycle: 'production',
  freshnessHours: 24,
  upstream: [],
  tables: [
    {
      name: 'parts',
      description: 'Parts',
      rows: 10,
      columns: [
        'part_number',
        { name: 'weight_kg', sql: `u(i, 'w')`, description: 'Weight' },
      ],
    },
  ],
};
const columns = {
  part_number: { name: 'part_number', sql: 'i', description: 'Part number' },
};

describe('demo lake definitions', () => {
  it('loads the package file, shared columns and the generated option flags', () => {
    expect(DEMO_DATASETS).toHaveLength(17);
    const wide = DEMO_DATASETS.find(
      d => d.name === 'us-vehicle-order-configurations-prepared',
    )!.tables[0].columns;
    expect(wide.filter(c => c.name.startsWith('opt_'))).toHaveLength(150);
    expect(wide.find(c => c.name === 'opt_seat_massage')).toEqual({
      name: 'opt_seat_massage',
      sql: `u(i, 'opt_seat_massage') < 0.82`,
      description: 'Option ordered: seat / massage',
    });
    const trips = DEMO_DATASETS.find(d => d.name === 'vehicle-trips-prepared')!;
    expect(trips.tables[0].columns.find(c => c.name === 'vin')).toEqual({
      name: 'vin',
      sql: `vin(vehicle_id(i, 'veh'))`,
      description: 'Vehicle identification number',
      pii: true,
    });
  });

  it('resolves shared columns by name', () => {
    const [parsed] = parseDemoDatasets({ columns, datasets: [dataset] }, 'x');
    expect(parsed.tables[0].columns.map(c => c.name)).toEqual([
      'part_number',
      'weight_kg',
    ]);
  });

  it('names the dataset and field of a mistake', () => {
    const parse = (d: object) => () =>
      parseDemoDatasets(
        { columns, datasets: [{ ...dataset, ...d }] },
        'f.json',
      );
    expect(parse({ layer: 'gold' })).toThrow(
      /^Invalid demo lake definition f\.json: datasets\[0\]\.layer: Invalid option: expected one of "source"\|"prepared"\|"semantic"$/,
    );
    expect(parse({ freshnesHours: 1 })).toThrow(
      /datasets\[0\]: Unrecognized key: "freshnesHours"/,
    );
    expect(
      parse({ tables: [{ ...dataset.tables[0], columns: ['part_numbr'] }] }),
    ).toThrow(
      'datasets[0] (parts).tables[0] (parts).columns[0] names no shared column "part_numbr"',
    );
    expect(
      parse({ tables: [{ ...dataset.tables[0], partitionBy: ['dt'] }] }),
    ).toThrow('partitionBy names no column of the table: "dt"');
    expect(
      parse({
        tables: [
          { ...dataset.tables[0], columns: ['part_number', 'part_number'] },
        ],
      }),
    ).toThrow('has the column "part_number" twice');
  });
});
