import { withoutPaths } from './engineErrors';

/**
 * What a plan may show of an operator. DuckDB's own rendering of a scan lists the files it
 * read, and a file's path holds the values of a Hive partition column, which the grant may
 * exclude (`…/vin=WBA0…/data_0.parquet`). So the plan is asked for as JSON and only these
 * fields are shown; new fields of a newer DuckDB stay hidden until listed here.
 */
const SHOWN_DETAILS = [
  'Function',
  'Table',
  'Join Type',
  'Conditions',
  'Aggregates',
  'Groups',
  'Projections',
  'Filters',
  'Order By',
  'Limit',
  'Offset',
  'Estimated Cardinality',
];

/** The columns of an explained plan: one row per operator, indented by depth. */
export const PLAN_COLUMNS = ['operator', 'rows', 'time_ms', 'details'];

/** The statement that asks DuckDB for the plan (and, analyzed, its run's profile) as JSON. */
export function explainAsJson(statement: string, analyze: boolean): string {
  return `EXPLAIN (${analyze ? 'ANALYZE, ' : ''}FORMAT json) ${statement}`;
}

interface PlanNode {
  name?: string;
  operator_name?: string;
  operator_cardinality?: number;
  operator_timing?: number;
  extra_info?: Record<string, unknown>;
  children?: PlanNode[];
}

const detailText = (value: unknown): string =>
  Array.isArray(value) ? value.map(String).join(', ') : String(value ?? '');

/**
 * The operators of DuckDB's JSON plan (EXPLAIN: a list of nodes; EXPLAIN ANALYZE: the
 * profile, whose root and EXPLAIN_ANALYZE node are not the query's) as rows of text.
 */
export function planRows(json: string): string[][] {
  const parsed = JSON.parse(json) as PlanNode | PlanNode[];
  const rows: string[][] = [];
  const visit = (node: PlanNode, depth: number) => {
    const name = node.operator_name ?? node.name;
    const own = name && name !== 'EXPLAIN_ANALYZE';
    if (own) {
      const info = node.extra_info ?? {};
      const analyzed = node.operator_cardinality !== undefined;
      rows.push([
        `${'  '.repeat(depth)}${name}`,
        analyzed
          ? String(node.operator_cardinality)
          : detailText(info['Estimated Cardinality']),
        node.operator_timing === undefined
          ? ''
          : (node.operator_timing * 1000).toFixed(3),
        withoutPaths(
          SHOWN_DETAILS
            // Unanalyzed, the estimate is the rows column already.
            .filter(key => analyzed || key !== 'Estimated Cardinality')
            .map(key => [key, detailText(info[key])])
            .filter(([, text]) => text !== '')
            .map(([key, text]) => `${key}: ${text}`)
            .join('; '),
        ),
      ]);
    }
    for (const child of node.children ?? [])
      visit(child, own ? depth + 1 : depth);
  };
  for (const node of Array.isArray(parsed) ? parsed : [parsed]) visit(node, 0);
  return rows;
}
