import type { DuckDBConnection } from '@duckdb/node-api';
import type { QueryGrant } from '@cloud-data-hub/data-hub-node';

/** An error the API turns into a 400 (the SQL itself is not acceptable). */
export class SqlRejectedError extends Error {
  name = 'InputError';
}

/** An error the API turns into a 403 (the SQL reaches outside the use case's grants). */
export class SqlNotGrantedError extends Error {
  name = 'NotAllowedError';
}

/** A table the statement reads. */
export interface TableReference {
  schema: string;
  table: string;
}

export interface CheckedSql {
  /** The statement to run (with its EXPLAIN prefix, if any). */
  sql: string;
  explain: boolean;
  tables: TableReference[];
}

/**
 * Functions that reveal the machine or the engine's configuration. File access is a table
 * function (read_parquet, glob, …) and all table functions are refused; these are the
 * scalar ones.
 */
const DENIED_FUNCTIONS = new Set(['current_setting', 'getenv', 'current_database', 'current_schemas']);

/** Schemas of the engine itself, never a dataset. */
const SYSTEM_SCHEMAS = new Set(['information_schema', 'pg_catalog', 'main', 'temp', 'system']);

/** Leading comments and whitespace, which may hide nothing before the statement. */
const LEADING_NOISE = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
const EXPLAIN = /^explain(?:\s+analyze)?\b/i;

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (node: Node) => void) {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
  } else if (node && typeof node === 'object') {
    visit(node as Node);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

/**
 * Accepts exactly one read-only statement (SELECT / WITH / EXPLAIN of one) whose tables are
 * all granted, using DuckDB's own parser (`json_serialize_sql`), which refuses every other
 * statement type. The sandbox the query then runs in enforces the same again: only granted
 * views exist there, and file access is off.
 */
export async function checkSql(parser: DuckDBConnection, sql: string, grants: QueryGrant[]): Promise<CheckedSql> {
  const trimmed = sql.replace(LEADING_NOISE, '');
  const explain = EXPLAIN.exec(trimmed);
  const statement = explain ? trimmed.slice(explain[0].length) : trimmed;
  if (!statement.trim()) throw new SqlRejectedError('The query is empty: write one SELECT statement');

  const reader = await parser.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS ast', [statement]);
  const ast = JSON.parse(String(reader.getRows()[0][0]));
  if (ast.error) {
    const message: string = ast.error_message ?? 'unknown parser error';
    if (/Only SELECT statements/i.test(message)) {
      throw new SqlRejectedError(
        'Only read-only queries run here: one SELECT (or WITH … SELECT, or EXPLAIN of one). Statements such as COPY, ATTACH, INSTALL, LOAD, SET, PRAGMA, CREATE or INSERT are refused.',
      );
    }
    throw new SqlRejectedError(`SQL syntax error: ${message}`);
  }
  if (ast.statements.length !== 1) {
    throw new SqlRejectedError(`Run one statement at a time; this text holds ${ast.statements.length}`);
  }

  const cteNames = new Set<string>();
  const references: Array<{ catalog: string; schema: string; table: string }> = [];
  const problems: string[] = [];
  walk(ast.statements[0], node => {
    if (node.cte_map && typeof node.cte_map === 'object') {
      for (const entry of ((node.cte_map as Node).map as Array<{ key: string }>) ?? []) cteNames.add(entry.key.toLowerCase());
    }
    if (node.type === 'TABLE_FUNCTION') {
      const fn = (node.function as Node | undefined)?.function_name ?? 'a table function';
      problems.push(`table functions such as ${String(fn)}() are not allowed: query the granted tables by name`);
    }
    if (node.type === 'BASE_TABLE') {
      references.push({
        catalog: String(node.catalog_name ?? ''),
        schema: String(node.schema_name ?? ''),
        table: String(node.table_name ?? ''),
      });
    }
    if (node.class === 'FUNCTION' && typeof node.function_name === 'string') {
      const name = node.function_name.toLowerCase();
      if (DENIED_FUNCTIONS.has(name)) problems.push(`the function ${name}() is not allowed`);
    }
  });
  if (problems.length) throw new SqlRejectedError(`Not allowed: ${[...new Set(problems)].join('; ')}`);

  const granted = new Map<string, Set<string>>();
  for (const grant of grants) {
    granted.set(grant.glueDatabase.toLowerCase(), new Set(grant.tables.map(t => t.name.toLowerCase())));
  }
  const tables: TableReference[] = [];
  const refused: string[] = [];
  for (const ref of references) {
    const schema = ref.schema.toLowerCase();
    const table = ref.table.toLowerCase();
    if (!ref.schema && cteNames.has(table)) continue;
    const name = [ref.catalog, ref.schema, ref.table].filter(Boolean).join('.');
    if (ref.catalog && ref.catalog.toLowerCase() !== 'memory') {
      refused.push(name);
    } else if (SYSTEM_SCHEMAS.has(schema)) {
      refused.push(name);
    } else if (schema) {
      if (granted.get(schema)?.has(table)) tables.push({ schema, table });
      else refused.push(name);
    } else {
      // An unqualified name is fine when exactly one granted dataset has such a table.
      const owners = [...granted].filter(([, t]) => t.has(table)).map(([s]) => s);
      if (owners.length === 1) tables.push({ schema: owners[0], table });
      else if (owners.length > 1) {
        throw new SqlRejectedError(`Table ${ref.table} is ambiguous: qualify it as ${owners.map(o => `${o}.${ref.table}`).join(' or ')}`);
      } else refused.push(name);
    }
  }
  if (refused.length) {
    throw new SqlNotGrantedError(
      `${[...new Set(refused)].join(', ')}: not a table this use case holds a live grant on (or no such table). Request access on the dataset's page.`,
    );
  }
  return { sql: explain ? `${explain[0]} ${statement}` : statement, explain: !!explain, tables };
}
