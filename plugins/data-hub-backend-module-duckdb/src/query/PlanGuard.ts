import type { DuckDBConnection } from '@duckdb/node-api';
import type { QueryTableRead } from '@cloud-data-hub/data-hub-node';
import {
  DENIED_FUNCTIONS,
  SAFE_TABLE_FUNCTIONS,
  SqlNotGrantedError,
  SqlRejectedError,
  foldCase,
} from './SqlGuard';
import { engineMessage } from './engineErrors';

/** A granted table as its sandbox exposes it: the exact files and the granted columns. */
export interface SandboxTable {
  glueDatabase: string;
  table: string;
  columns: ReadonlySet<string>;
}

/** The one table function a sandbox's own views scan with. */
const VIEW_SCAN = 'read_parquet';

type Node = Record<string, unknown>;

function visit(node: unknown, fn: (node: Node) => void) {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn);
  } else if (node && typeof node === 'object') {
    fn(node as Node);
    for (const value of Object.values(node)) visit(value, fn);
  }
}

/**
 * The second, independent check: what DuckDB actually bound. `json_serialize_plan` binds the
 * statement in the sandbox it will run in and returns the logical plan, whose every scan
 * (`LOGICAL_GET`) names its table function, the files it opens and the columns it reads.
 * Every scan must be one of the sandbox's own views — `read_parquet` over exactly one granted
 * table's files — and read only that table's granted columns. A replacement scan of a file
 * (`parquet_scan`), a system table or any other table function is refused, whatever the SQL
 * guard made of the text. Returns the tables and columns the statement reads.
 */
export async function checkPlan(
  connection: DuckDBConnection,
  statement: string,
  filesOf: ReadonlyMap<string, SandboxTable>,
  timeoutMs = 10_000,
): Promise<QueryTableRead[]> {
  // Binding has no limit of its own in DuckDB: bound it in time, and answer memory failures
  // as what they are, never as a server error.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, timeoutMs);
  let text: string;
  try {
    const reader = await connection.runAndReadAll(
      'SELECT json_serialize_plan($1::VARCHAR) AS plan',
      [statement],
    );
    text = String(reader.getRows()[0][0]);
  } catch (error) {
    throw new SqlRejectedError(
      timedOut
        ? `DuckDB took longer than ${Math.round(
            timeoutMs / 1000,
          )} s to plan this statement; simplify it`
        : `DuckDB could not plan this statement: ${engineMessage(error)}`,
    );
  } finally {
    clearTimeout(timer);
  }
  const plan = JSON.parse(text);
  if (plan.error) {
    const message = engineMessage(
      String(plan.error_message ?? 'unknown error'),
    );
    const type = String(plan.error_type ?? '').toLowerCase();
    if (type === 'not implemented' && /MULTI/.test(message)) {
      throw new SqlRejectedError(
        'This statement needs more than one step in DuckDB (PIVOT without an IN list, for example): give PIVOT an explicit IN (…) list',
      );
    }
    if (type === 'internal') {
      throw new SqlRejectedError(
        'DuckDB could not plan this statement; simplify it (query parameters such as $1 are not supported)',
      );
    }
    const kind = type ? `${type[0].toUpperCase()}${type.slice(1)} Error: ` : '';
    if (type === 'permission')
      throw new SqlNotGrantedError(`${kind}${message}`);
    throw new SqlRejectedError(`${kind}${message}`);
  }

  const reads = new Map<SandboxTable, Set<string>>();
  const problems: string[] = [];
  const functions: string[] = [];
  visit(plan.plans, node => {
    if (
      (node.expression_class === 'BOUND_FUNCTION' ||
        node.expression_class === 'BOUND_AGGREGATE') &&
      typeof node.name === 'string'
    ) {
      if (DENIED_FUNCTIONS.has(foldCase(node.name)))
        functions.push(`${node.name}()`);
    }
    if (node.type !== 'LOGICAL_GET') return;
    const fn = String(node.name ?? '');
    if (SAFE_TABLE_FUNCTIONS.has(fn)) return;
    if (fn !== VIEW_SCAN) {
      problems.push(
        fn === 'parquet_scan'
          ? 'a file read directly'
          : `the system function ${fn}()`,
      );
      return;
    }
    const data = node.function_data as { files?: unknown } | undefined;
    const files = Array.isArray(data?.files)
      ? (data!.files as unknown[]).map(String)
      : [];
    const tables = new Set(files.map(f => filesOf.get(f)));
    const [table] = tables;
    if (!files.length || tables.size !== 1 || !table) {
      problems.push('files outside the granted tables');
      return;
    }
    const names = Array.isArray(node.names)
      ? (node.names as unknown[]).map(String)
      : [];
    const indexes = Array.isArray(node.column_indexes)
      ? (node.column_indexes as Array<{ index?: number }>)
      : [];
    const read = reads.get(table) ?? new Set<string>();
    reads.set(table, read);
    for (const { index } of indexes) {
      const column = typeof index === 'number' ? names[index] : undefined;
      if (column === undefined || !table.columns.has(column)) {
        problems.push(
          `${column ? `column ${column}` : 'a hidden column'} of ${
            table.glueDatabase
          }.${table.table}`,
        );
      } else {
        read.add(column);
      }
    }
  });
  if (functions.length) {
    throw new SqlNotGrantedError(
      `Not allowed: the statement calls ${[...new Set(functions)].join(
        ', ',
      )}, which reveal the server's configuration`,
    );
  }
  if (problems.length) {
    throw new SqlNotGrantedError(
      `Not allowed: the statement would read ${[...new Set(problems)].join(
        ', ',
      )}, outside this use case's grants. Query the granted tables and columns by name.`,
    );
  }
  return [...reads].map(([table, columns]) => ({
    glueDatabase: table.glueDatabase,
    table: table.table,
    columns: [...columns].sort(),
  }));
}
