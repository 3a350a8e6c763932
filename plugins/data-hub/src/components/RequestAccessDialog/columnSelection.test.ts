import { sampleDataset } from '../../testing/sampleDataset';
import {
  defaultSelection,
  pickerTables,
  selectionSummary,
  setColumns,
  toRequestTables,
} from './columnSelection';

const tables = pickerTables(sampleDataset().spec.tables);

describe('column selection', () => {
  it('lists columns and then partition keys of every table', () => {
    expect(tables.map(t => [t.name, t.columns.map(c => c.name)])).toEqual([
      ['orders', ['order_id', 'customer_email', 'amount', 'order_date']],
      ['order_items', ['order_id', 'vin']],
    ]);
  });

  it('starts with every non-PII column', () => {
    const selection = defaultSelection(tables);
    expect(toRequestTables(tables, selection)).toEqual([
      { name: 'orders', columns: ['order_id', 'amount', 'order_date'] },
      { name: 'order_items', columns: ['order_id', 'vin'] },
    ]);
    expect(selectionSummary(tables, selection)).toEqual({
      selected: 5,
      total: 6,
      pii: [],
    });
  });

  it('starts an extension with the columns of the live grant', () => {
    const selection = defaultSelection(tables, [
      { name: 'orders', columns: ['customer_email', 'dropped_column'] },
    ]);
    expect(toRequestTables(tables, selection)).toEqual([
      { name: 'orders', columns: ['customer_email'] },
    ]);
    expect(selectionSummary(tables, selection).pii).toEqual([
      'orders.customer_email',
    ]);
  });

  it('selects and deselects columns, keeping schema order and dropping empty tables', () => {
    let selection = defaultSelection(tables);
    selection = setColumns(selection, 'orders', ['customer_email'], true);
    selection = setColumns(
      selection,
      'order_items',
      ['order_id', 'vin'],
      false,
    );
    expect(toRequestTables(tables, selection)).toEqual([
      {
        name: 'orders',
        columns: ['order_id', 'customer_email', 'amount', 'order_date'],
      },
    ]);
    expect(selectionSummary(tables, selection)).toEqual({
      selected: 4,
      total: 6,
      pii: ['orders.customer_email'],
    });
  });
});
