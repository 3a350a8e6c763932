import { sampleDataset } from '../../testing/sampleDataset';
import { scopeHeadline, summarizeScope } from './scopeSummary';

describe('summarizeScope', () => {
  it('marks PII columns and counts columns and partition keys of each table', () => {
    const schema = sampleDataset().spec.tables;
    expect(
      summarizeScope(
        [{ name: 'orders', columns: ['order_id', 'customer_email'] }],
        schema,
      ),
    ).toEqual([
      {
        name: 'orders',
        columns: [
          { name: 'order_id', pii: false },
          { name: 'customer_email', pii: true },
        ],
        // order_id, customer_email, amount and the partition key order_date
        totalColumns: 4,
      },
    ]);
  });

  it('works without the schema', () => {
    expect(summarizeScope([{ name: 't', columns: ['a'] }])).toEqual([
      {
        name: 't',
        columns: [{ name: 'a', pii: false }],
        totalColumns: undefined,
      },
    ]);
  });

  it('says how many columns in how many tables', () => {
    expect(
      scopeHeadline([
        { name: 'a', columns: ['x', 'y'] },
        { name: 'b', columns: ['z'] },
      ]),
    ).toBe('3 columns in 2 tables');
    expect(scopeHeadline([{ name: 'a', columns: ['x'] }])).toBe(
      '1 column in 1 table',
    );
  });
});
