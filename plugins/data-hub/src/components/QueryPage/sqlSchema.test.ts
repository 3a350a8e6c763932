import {
  CompletionContext,
  type CompletionResult,
  type CompletionSource,
} from '@codemirror/autocomplete';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { EditorState } from '@codemirror/state';
import { sampleQueryable } from '../../testing/queryFixtures';
import { buildSqlSchema, quoteIdentifier, starterSql } from './sqlSchema';

/** The labels CodeMirror would offer at the end of `doc`, as the editor configures it. */
async function completionsAt(doc: string): Promise<string[]> {
  const state = EditorState.create({
    doc,
    extensions: [
      sql({
        dialect: PostgreSQL,
        schema: buildSqlSchema(sampleQueryable()),
        upperCaseKeywords: true,
      }),
    ],
  });
  const sources = state.languageDataAt<CompletionSource>(
    'autocomplete',
    doc.length,
  );
  const context = new CompletionContext(state, doc.length, true);
  const results = await Promise.all(sources.map(source => source(context)));
  return results
    .filter((r): r is CompletionResult => !!r)
    .flatMap(r => r.options.map(o => o.label));
}

describe('buildSqlSchema', () => {
  it('completes the granted Glue databases at the top level', async () => {
    const labels = await completionsAt('SELECT * FROM us_sales_');
    expect(labels).toEqual(
      expect.arrayContaining([
        'us_sales_orders_source',
        'us_sales_orders_prepared',
      ]),
    );
  });

  it('completes the tables of a database after its name and a dot', async () => {
    const labels = await completionsAt('SELECT * FROM us_sales_orders_source.');
    expect(labels.sort()).toEqual(['dealers', 'orders']);
  });

  it('completes the granted columns of a qualified table, with type and PII', async () => {
    expect(
      (await completionsAt('SELECT us_sales_orders_prepared.orders.')).sort(),
    ).toEqual(['order_id', 'vin']);
    const schema = buildSqlSchema(sampleQueryable()) as any;
    expect(schema.us_sales_orders_prepared.children.orders.children).toEqual([
      { label: 'order_id', type: 'property', detail: 'VARCHAR' },
      { label: 'vin', type: 'property', detail: 'VARCHAR · PII' },
    ]);
  });

  it('offers a table unqualified only when one granted dataset has that name', async () => {
    const schema = buildSqlSchema(sampleQueryable()) as any;
    // `dealers` is only in the source dataset; `orders` is in both.
    expect(schema.dealers.self).toEqual({
      label: 'dealers',
      type: 'type',
      detail: 'us_sales_orders_source',
    });
    expect(schema.orders).toBeUndefined();
    expect((await completionsAt('SELECT dealers.')).sort()).toEqual([
      'dealer_id',
      'state',
    ]);
  });

  it('is empty without grants, leaving keyword completion', async () => {
    expect(buildSqlSchema([])).toEqual({});
    expect(await completionsAt('SEL')).toContain('SELECT');
  });
});

describe('starterSql', () => {
  it('selects the first 100 rows, quoting names that need it', () => {
    expect(starterSql('us_sales_orders_source', 'orders')).toBe(
      'SELECT * FROM us_sales_orders_source.orders LIMIT 100',
    );
    expect(quoteIdentifier('Order Items')).toBe('"Order Items"');
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
  });
});
