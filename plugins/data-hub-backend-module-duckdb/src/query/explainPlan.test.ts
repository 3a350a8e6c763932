import { explainAsJson, planRows } from './explainPlan';

describe('explainPlan', () => {
  it('asks DuckDB for the plan, or the analyzed profile, as JSON', () => {
    expect(explainAsJson('SELECT 1', false)).toBe(
      'EXPLAIN (FORMAT json) SELECT 1',
    );
    expect(explainAsJson('SELECT 1', true)).toBe(
      'EXPLAIN (ANALYZE, FORMAT json) SELECT 1',
    );
  });

  it('shows a plan as indented operators with their estimates and listed details only', () => {
    const plan = [
      {
        name: 'UNGROUPED_AGGREGATE',
        extra_info: { Aggregates: 'count_star()' },
        children: [
          {
            name: 'READ_PARQUET',
            extra_info: {
              Function: 'READ_PARQUET',
              Filters: 'amount>3',
              'Filename(s)': '/lake/db/t/vin=WBA0/data_0.parquet',
              'Estimated Cardinality': '600',
            },
            children: [],
          },
        ],
      },
    ];
    expect(planRows(JSON.stringify(plan))).toEqual([
      ['UNGROUPED_AGGREGATE', '', '', 'Aggregates: count_star()'],
      [
        '  READ_PARQUET',
        '600',
        '',
        'Function: READ_PARQUET; Filters: amount>3',
      ],
    ]);
  });

  it('shows a profile without its root and EXPLAIN_ANALYZE node, with rows and time', () => {
    const profile = {
      query_name: "SELECT * FROM read_parquet('/lake/x.parquet')",
      children: [
        {
          operator_name: 'EXPLAIN_ANALYZE',
          operator_cardinality: 0,
          operator_timing: 0,
          children: [
            {
              operator_name: 'TABLE_SCAN',
              operator_cardinality: 42,
              operator_timing: 0.0015,
              extra_info: {
                Projections: ['order_id', 'amount'],
                'Total Files Read': '7',
                'Scanning Files': 'vin=WBA1',
              },
              children: [],
            },
          ],
        },
      ],
    };
    expect(planRows(JSON.stringify(profile))).toEqual([
      ['TABLE_SCAN', '42', '1.500', 'Projections: order_id, amount'],
    ]);
  });

  it('hides a server path inside a shown detail', () => {
    const plan = [
      {
        name: 'FILTER',
        extra_info: { Filters: "x = '/srv/lake/db/t/a.parquet'" },
      },
    ];
    expect(planRows(JSON.stringify(plan))[0][3]).toBe("Filters: x = '<path>'");
  });
});
