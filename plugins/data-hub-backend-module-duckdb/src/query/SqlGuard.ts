import type { DuckDBConnection } from '@duckdb/node-api';
import type { QueryGrant } from '@cloud-data-hub/data-hub-node';
import { StatementCache } from './StatementCache';

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
  /** The statement without the EXPLAIN prefix: what the plan check binds. */
  statement: string;
  explain: boolean;
  tables: TableReference[];
}

/**
 * Scalar functions that reveal the machine, the engine's configuration or the sandbox's own
 * plan (with its file paths). File access is a table function (read_parquet, glob, …) and all
 * table functions are refused; these are the scalar ones.
 */
export const DENIED_FUNCTIONS = new Set([
  'current_setting',
  'getenv',
  'current_database',
  'current_schemas',
  'json_serialize_plan',
  'json_serialize_sql',
  'json_deserialize_sql',
  'json_execute_serialized_sql',
  'which_secret',
  'getvariable',
  // The text the engine runs, which wraps the query in a COPY to the server's staging path.
  'current_query',
]);

/** Schemas of the engine itself, never a dataset. */
const SYSTEM_SCHEMAS = new Set([
  'information_schema',
  'pg_catalog',
  'main',
  'temp',
  'system',
]);

/**
 * A name DuckDB could take for a file (a replacement scan) rather than a table: a path, a
 * glob, a URL or a file name. Glue names are letters, digits and underscores, so no granted
 * table looks like this, and no CTE may either.
 */
const FILE_LIKE = /[/\\.:*?~'"]/;

/** Leading comments and whitespace, which may hide nothing before the statement. */
const LEADING_NOISE = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
const EXPLAIN = /^explain(?:\s+analyze)?\b/i;

/**
 * The text before its trailing semicolons and the white space and comments around them; the
 * text itself when it ends in none. A backward scan rather than a regular expression: one
 * anchored at `$` is tried from every `;` of the text, quadratic on a long literal full of
 * them. A comment marker inside a string literal can cut too much; the caller keeps the cut
 * only when DuckDB reads it as the same statement.
 */
export function withoutTerminator(sql: string): string {
  let end = sql.length;
  let cut = -1;
  for (;;) {
    while (end > 0 && /\s/.test(sql[end - 1])) end--;
    if (sql[end - 1] === ';') {
      cut = --end;
      continue;
    }
    if (sql.startsWith('*/', end - 2)) {
      const open = sql.lastIndexOf('/*', end - 3);
      if (open >= 0) {
        end = open;
        continue;
      }
    }
    // A line comment runs from the first `--` of its line: the earliest is the one.
    const lineStart = sql.lastIndexOf('\n', end - 1) + 1;
    const dashes = sql.indexOf('--', lineStart);
    if (dashes >= 0 && dashes < end) {
      end = dashes;
      continue;
    }
    return cut >= 0 ? sql.slice(0, cut) : sql;
  }
}

type Node = Record<string, unknown>;

/**
 * DuckDB folds identifiers to lower case in ASCII only. JavaScript's toLowerCase folds Unicode
 * too (the Kelvin sign becomes "k"), which would let a CTE named with it hide a system view
 * from this check while DuckDB binds the view: compare the way DuckDB does.
 */
export function foldCase(name: string): string {
  return name.replace(/[A-Z]+/g, c => c.toLowerCase());
}

/**
 * Table functions that compute rows and read nothing: a date spine (`generate_series`), a
 * number range, the elements of a list. Their arguments are checked like any expression.
 */
export const SAFE_TABLE_FUNCTIONS = new Set([
  'range',
  'generate_series',
  'unnest',
]);

/**
 * Scalar functions that build a value of a size given by an argument, and which argument. DuckDB
 * evaluates a constant call while it plans, outside its memory limit and its interrupt
 * (`len(range(300000000))` planned for 73 s in 20 GB), so the size must be a number written in
 * the statement, up to {@link MAX_BUILT_SIZE}. This bounds one call, not a composition of them:
 * see docs/architecture.md, "Limits of the query sandbox".
 */
const SIZED_ARGUMENTS = new Map<string, number>([
  ['repeat', 1],
  ['lpad', 1],
  ['rpad', 1],
  ['list_resize', 1],
  ['array_resize', 1],
  ['to_base', 2],
  ['bar', 3],
]);
/** The largest size a statement may ask {@link SIZED_ARGUMENTS} functions to build. */
export const MAX_BUILT_SIZE = 100_000;
/** Lists of a size from an argument; as table functions (`FROM range(n)`) they stream, and stay allowed. */
const LIST_GENERATORS = new Set(['range', 'generate_series']);
/** Functions whose format string may set a field width (`%1500000000d`, `{:>1500000000}`). */
const FORMATTERS = new Set(['printf', 'format']);
/** A width or precision of seven digits or more, or one taken from an argument (`%*d`). */
const HUGE_WIDTH = /%[^a-zA-Z%]*(?:\d{7}|\*)|\{[^}]*\d{7}[^}]*\}/;

/** A value written in the statement (a constant, not an expression or a cast); else undefined. */
function constantValue(node: unknown): unknown {
  const n = node as Node | undefined;
  return n?.class === 'CONSTANT'
    ? (n.value as { value?: unknown } | undefined)?.value
    : undefined;
}

/** What a scalar call may not ask DuckDB to build; undefined when it is fine. */
function oversized(name: string, args: unknown[]): string | undefined {
  if (LIST_GENERATORS.has(name)) {
    return `${name}() as a list is not allowed: use it as a table (FROM ${name}(n)) or unnest one`;
  }
  const at = SIZED_ARGUMENTS.get(name);
  if (at !== undefined && args.length > at) {
    const size = constantValue(args[at]);
    if (typeof size !== 'number' || Math.abs(size) > MAX_BUILT_SIZE) {
      return `${name}() takes its length as a number written in the statement, at most ${MAX_BUILT_SIZE.toLocaleString(
        'en-US',
      )}`;
    }
  }
  if (FORMATTERS.has(name) && args.length > 0) {
    const format = constantValue(args[0]);
    if (typeof format !== 'string' || HUGE_WIDTH.test(format)) {
      return `${name}() takes a format string written in the statement, with widths below 1,000,000`;
    }
  }
  return undefined;
}

/**
 * How deep built-in macros (nullif, split_part, round_even, …) may nest. DuckDB expands a
 * macro into an expression that copies its arguments, so each level multiplies what it
 * builds while binding — before any time or memory limit applies: 20 nested nullif took a
 * minute and gigabytes. A few levels are all real queries use.
 */
export const MAX_MACRO_NESTING = 4;

const macroCache = new WeakMap<DuckDBConnection, Promise<Set<string>>>();

/** The engine's built-in scalar macros (read once per parser connection). */
function builtInMacros(parser: DuckDBConnection): Promise<Set<string>> {
  let macros = macroCache.get(parser);
  if (!macros) {
    macros = parser
      .runAndReadAll(
        "SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'macro'",
      )
      .then(r => new Set(r.getRows().map(row => foldCase(String(row[0])))));
    macroCache.set(parser, macros);
  }
  return macros;
}

interface CteEntry {
  key: string;
  value: { query?: { node?: unknown } };
}

function cteEntries(node: Node): CteEntry[] {
  const map = node.cte_map as { map?: CteEntry[] } | undefined;
  return Array.isArray(map?.map) ? map!.map : [];
}

interface Reference {
  catalog: string;
  schema: string;
  table: string;
}

interface Findings {
  references: Reference[];
  problems: string[];
  macros: ReadonlySet<string>;
  /** The calls of table functions (FROM range(n)), which are not scalar calls. */
  tableCalls: WeakSet<Node>;
}

/**
 * Walks DuckDB's AST with SQL's scoping of common table expressions: a CTE is visible in the
 * query that declares it (and in everything nested there), to the CTEs declared after it, and
 * to itself only inside a recursive CTE. A table name therefore means a CTE only where DuckDB
 * would bind it to that CTE; anywhere else it must be a granted table.
 */
function walk(
  node: unknown,
  scope: ReadonlySet<string>,
  findings: Findings,
  macroDepth = 0,
): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, scope, findings, macroDepth);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;

  const ctes = cteEntries(n);
  let inner = scope;
  if (ctes.length) {
    const visible = new Set(scope);
    for (const entry of ctes) {
      const name = foldCase(String(entry.key));
      // The name is not echoed: it may be a server path the person guessed.
      if (FILE_LIKE.test(name))
        findings.problems.push('a CTE may not be named like a file or path');
      // Each definition sees the outer scope and the CTEs before it, never later ones.
      walk(entry.value?.query, visible, findings, macroDepth);
      visible.add(name);
    }
    inner = visible;
  }

  if (n.type === 'RECURSIVE_CTE_NODE' && typeof n.cte_name === 'string') {
    inner = new Set([...inner, foldCase(n.cte_name)]);
  }
  if (n.type === 'TABLE_FUNCTION') {
    // The table function's own call is not a scalar one (range(n) streams rows).
    if (n.function && typeof n.function === 'object')
      findings.tableCalls.add(n.function as Node);
    const fn = String(
      (n.function as Node | undefined)?.function_name ?? 'a table function',
    );
    if (!SAFE_TABLE_FUNCTIONS.has(foldCase(fn))) {
      findings.problems.push(
        `table functions such as ${fn}() are not allowed: query the granted tables by name`,
      );
    }
  }
  if (n.type === 'BASE_TABLE') {
    const ref = {
      catalog: String(n.catalog_name ?? ''),
      schema: String(n.schema_name ?? ''),
      table: String(n.table_name ?? ''),
    };
    if (
      FILE_LIKE.test(ref.table) ||
      FILE_LIKE.test(ref.schema) ||
      FILE_LIKE.test(ref.catalog)
    ) {
      findings.problems.push(
        'a table name that looks like a file: files and paths cannot be queried, only the granted tables',
      );
    } else if (ref.catalog || ref.schema || !inner.has(foldCase(ref.table))) {
      // Qualified names never mean a CTE (DuckDB binds main.t to the table even inside WITH t).
      findings.references.push(ref);
    }
  }
  let depth = macroDepth;
  if (n.class === 'FUNCTION' && typeof n.function_name === 'string') {
    const name = foldCase(n.function_name);
    if (DENIED_FUNCTIONS.has(name))
      findings.problems.push(`the function ${name}() is not allowed`);
    const tooLarge = findings.tableCalls.has(n)
      ? undefined
      : oversized(name, Array.isArray(n.children) ? n.children : []);
    if (tooLarge) findings.problems.push(tooLarge);
    if (findings.macros.has(name) && ++depth > MAX_MACRO_NESTING) {
      findings.problems.push(
        `${name}() and similar built-in macros nest more than ${MAX_MACRO_NESTING} deep; DuckDB copies their arguments at every level, so nest fewer (a CTE can hold a step)`,
      );
    }
  }
  if (n.class === 'PARAMETER') {
    findings.problems.push(
      'query parameters ($1, ?) are not supported: write the values into the statement',
    );
  }

  for (const [key, value] of Object.entries(n)) {
    if (key === 'cte_map') continue;
    walk(value, inner, findings, depth);
  }
}

/** Parse trees of recent statements, per parser connection (the text is parsed by DuckDB once). */
const MAX_CACHED_TREE_CHARS = 64 * 1024;
const parseTrees = new WeakMap<DuckDBConnection, StatementCache<string>>();

async function serializeSql(
  parser: DuckDBConnection,
  statement: string,
): Promise<string> {
  let cache = parseTrees.get(parser);
  if (!cache) parseTrees.set(parser, (cache = new StatementCache()));
  const cached = cache.get(statement);
  if (cached) return cached;
  const reader = await parser.runAndReadAll(
    'SELECT json_serialize_sql($1::VARCHAR) AS ast',
    [statement],
  );
  const text = String(reader.getRows()[0][0]);
  // Parse trees grow with the text (×100 for `SELECT *,*,…`): only small ones are kept.
  if (text.length <= MAX_CACHED_TREE_CHARS) cache.set(statement, text);
  return text;
}

/**
 * The first of two independent checks (the second, PlanGuard, reads what DuckDB bound):
 * accepts exactly one read-only statement (SELECT / WITH / EXPLAIN of one) whose tables are
 * all granted, using DuckDB's own parser (`json_serialize_sql`), which refuses every other
 * statement type.
 */
export async function checkSql(
  parser: DuckDBConnection,
  sql: string,
  grants: QueryGrant[],
): Promise<CheckedSql> {
  const trimmed = sql.replace(LEADING_NOISE, '');
  const explain = EXPLAIN.exec(trimmed);
  let statement = explain ? trimmed.slice(explain[0].length) : trimmed;
  if (!statement.trim())
    throw new SqlRejectedError(
      'The query is empty: write one SELECT statement',
    );

  const serialized = await serializeSql(parser, statement);
  const ast = JSON.parse(serialized);
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
    throw new SqlRejectedError(
      `Run one statement at a time; this text holds ${ast.statements.length}`,
    );
  }
  // The statement runs inside `COPY (…) TO`, which takes no terminator: a trailing `;` (and
  // a comment after it) goes, where DuckDB reads the text without it as the same statement.
  const unterminated = withoutTerminator(statement);
  if (
    unterminated !== statement &&
    (await serializeSql(parser, unterminated)) === serialized
  ) {
    statement = unterminated;
  }

  const findings: Findings = {
    references: [],
    problems: [],
    macros: await builtInMacros(parser),
    tableCalls: new WeakSet(),
  };
  walk(ast.statements[0], new Set(), findings);
  if (findings.problems.length)
    throw new SqlRejectedError(
      `Not allowed: ${[...new Set(findings.problems)].join('; ')}`,
    );

  const granted = new Map<string, Set<string>>();
  for (const grant of grants) {
    granted.set(
      foldCase(grant.glueDatabase),
      new Set(grant.tables.map(t => foldCase(t.name))),
    );
  }
  const tables: TableReference[] = [];
  const refused: string[] = [];
  for (const ref of findings.references) {
    const schema = foldCase(ref.schema);
    const table = foldCase(ref.table);
    const name = [ref.catalog, ref.schema, ref.table].filter(Boolean).join('.');
    if (ref.catalog && foldCase(ref.catalog) !== 'memory') {
      refused.push(name);
    } else if (SYSTEM_SCHEMAS.has(schema)) {
      refused.push(name);
    } else if (schema) {
      if (granted.get(schema)?.has(table)) tables.push({ schema, table });
      else refused.push(name);
    } else {
      // An unqualified name is fine when exactly one granted dataset has such a table.
      const owners = [...granted]
        .filter(([, t]) => t.has(table))
        .map(([s]) => s);
      if (owners.length === 1) tables.push({ schema: owners[0], table });
      else if (owners.length > 1) {
        throw new SqlRejectedError(
          `Table ${ref.table} is ambiguous: qualify it as ${owners
            .map(o => `${o}.${ref.table}`)
            .join(' or ')}`,
        );
      } else refused.push(name);
    }
  }
  if (refused.length) {
    throw new SqlNotGrantedError(
      `${[...new Set(refused)].join(
        ', ',
      )}: not a table this use case holds a live grant on (or no such table). Request access on the dataset's page.`,
    );
  }
  return {
    sql: explain ? `${explain[0]} ${statement}` : statement,
    statement,
    explain: !!explain,
    tables,
  };
}
