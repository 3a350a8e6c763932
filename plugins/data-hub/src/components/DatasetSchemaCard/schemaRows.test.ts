import { filterSchemaRows, toSchemaRows } from './schemaRows';

const table = {
  name: 'orders',
  partitionKeys: [{ name: 'order_date', type: 'date' }],
  columns: [
    { name: 'order_id', type: 'string', description: 'Order number' },
    { name: 'email', type: 'string', description: 'Buyer e-mail', pii: true },
    { name: 'amount', type: 'decimal(18,2)' },
  ],
};

describe('schemaRows', () => {
  it('lists columns, then partition keys, marked', () => {
    const rows = toSchemaRows(table);
    expect(rows.map(r => [r.name, r.partitionKey, r.pii])).toEqual([
      ['order_id', false, false],
      ['email', false, true],
      ['amount', false, false],
      ['order_date', true, false],
    ]);
  });

  it('marks a column that is also a partition key once', () => {
    const rows = toSchemaRows({
      name: 't',
      partitionKeys: [{ name: 'dt', type: 'string' }],
      columns: [{ name: 'dt', type: 'string' }],
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].partitionKey).toBe(true);
  });

  it('filters by name, type or description, ignoring case and blanks', () => {
    const rows = toSchemaRows(table);
    expect(filterSchemaRows(rows, 'ORDER_').map(r => r.name)).toEqual([
      'order_id',
      'order_date',
    ]);
    expect(filterSchemaRows(rows, 'decimal').map(r => r.name)).toEqual([
      'amount',
    ]);
    expect(filterSchemaRows(rows, 'e-mail').map(r => r.name)).toEqual([
      'email',
    ]);
    expect(filterSchemaRows(rows, '   ')).toHaveLength(4);
    expect(filterSchemaRows(rows, 'nothing-like-this')).toEqual([]);
  });
});
