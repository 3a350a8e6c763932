import {
  toColumnLineageRows,
  toColumnOptions,
  transformationLabel,
} from './columnLineageRows';
import { sampleColumnLineage } from './lineageFixtures';

describe('columnLineageRows', () => {
  it('offers every column of every table, partition keys once', () => {
    const options = toColumnOptions([
      {
        name: 'orders',
        partitionKeys: [
          { name: 'order_date', type: 'date' },
          { name: 'order_id', type: 'string' },
        ],
        columns: [
          { name: 'order_id', type: 'string' },
          { name: 'amount', type: 'decimal(18,2)' },
        ],
      },
      { name: 'items', columns: [{ name: 'vin', type: 'string' }] },
    ]);
    expect(options.map(o => `${o.table}.${o.column}:${o.type}`)).toEqual([
      'orders.order_id:string',
      'orders.amount:decimal(18,2)',
      'orders.order_date:date',
      'items.vin:string',
    ]);
  });

  it('flattens input columns, each with the time its run was seen', () => {
    const rows = toColumnLineageRows(sampleColumnLineage());
    expect(rows.map(r => [r.key, r.field, r.external, r.lastSeenAt])).toEqual([
      ['0:0', 'net_price', false, '2024-05-10T06:00:00Z'],
      ['0:1', 'eur_rate', true, '2024-05-10T06:00:00Z'],
    ]);
    expect(toColumnLineageRows({ entityRef: 'x', columns: [] })).toEqual([]);
  });

  it('labels transformations with what the job reported', () => {
    const base = { external: true, namespace: 'n', name: 'm', field: 'f' };
    expect(
      transformationLabel({
        ...base,
        transformationType: 'DIRECT',
        transformationSubtype: 'AGGREGATION',
      }),
    ).toBe('DIRECT · AGGREGATION');
    expect(
      transformationLabel({ ...base, transformationType: 'INDIRECT' }),
    ).toBe('INDIRECT');
    expect(transformationLabel(base)).toBe('Not reported');
  });
});
