import { InputError, NotAllowedError } from '@backstage/errors';
import type { QueryGrant } from '@cloud-data-hub/data-hub-node';

/*
 * The checks the Athena engine makes before it sends SQL to Athena.
 *
 * This is not a full Trino parser (none is installed: `node-sql-parser` is not a dependency,
 * and DuckDB's parser speaks another dialect and lives in another module). It is a careful
 * lexer that knows Trino's comments, string literals and quoted identifiers, so that what it
 * calls a statement boundary or a keyword is exactly what Athena sees, and two conservative
 * checks on top of it:
 *
 * 1. one statement, and it is a query: it starts with SELECT, WITH, VALUES or `(` (or is an
 *    EXPLAIN of one). In Trino's grammar a statement that starts so cannot write anything
 *    (there is no SELECT INTO, and INSERT/CTAS/UNLOAD/USING FUNCTION start with their own
 *    keyword), so checking the start is enough;
 * 2. tables named in FROM/JOIN positions belong to the use case's granted databases and
 *    tables, for an early, clear 403.
 *
 * The second check is a convenience, not the enforcement: the query runs as the use case's
 * consumer role, so Lake Formation decides what it can read (views, table functions, columns
 * and anything this lexer does not recognise as a table included).
 */

/** A lexical token; `end` is its offset just past it in the SQL text. */
type Token = { end: number } & (
  | { kind: 'word'; value: string; text: string }
  | { kind: 'quoted'; value: string }
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'punct'; value: string }
);

const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_]/u;
const DIGIT = /[0-9]/;

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      // Trino's block comments do not nest: the first `*/` ends them.
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) {
        throw new InputError(
          'The query has an unterminated /* comment: close it with */',
        );
      }
      i = end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      // '…' strings and "…" identifiers escape their quote by doubling it; `…` (Hive-style
      // identifiers, which Athena accepts in some places) has no escape.
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= n) {
          throw new InputError(
            c === "'"
              ? 'The query has an unterminated string literal: close it with a single quote'
              : `The query has an unterminated quoted identifier: close it with ${c}`,
          );
        }
        if (sql[j] === c) {
          if (c !== '`' && sql[j + 1] === c) {
            value += c;
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j];
        j++;
      }
      tokens.push(
        c === "'"
          ? { kind: 'string', end: j + 1 }
          : { kind: 'quoted', value, end: j + 1 },
      );
      i = j + 1;
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(sql[j])) j++;
      const text = sql.slice(i, j);
      tokens.push({ kind: 'word', value: text.toLowerCase(), text, end: j });
      i = j;
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(sql[i + 1] ?? ''))) {
      // 1, 1.5, .5, 1e10, 1.5E-3: a number never starts a name, so `t.1` is no issue.
      const match = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(sql.slice(i));
      i += match ? match[0].length : 1;
      tokens.push({ kind: 'number', end: i });
    } else {
      i++;
      tokens.push({ kind: 'punct', value: c, end: i });
    }
  }
  return tokens;
}

function isWord(token: Token | undefined, ...values: string[]): boolean {
  return token?.kind === 'word' && values.includes(token.value);
}

function isPunct(token: Token | undefined, value: string): boolean {
  return token?.kind === 'punct' && token.value === value;
}

/** Index just past the bracket group opening at `start`, or the end of the tokens. */
function skipGroup(tokens: Token[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    if (isPunct(tokens[i], ')')) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return tokens.length;
}

const READ_ONLY_HINT =
  'Only read-only queries run here: one SELECT (or WITH … SELECT, VALUES, or EXPLAIN of one).';

/** Index of the query after any `EXPLAIN [ANALYZE] [VERBOSE] [(options)]` prefix. */
function queryStart(tokens: Token[]): { index: number; explain: boolean } {
  if (!isWord(tokens[0], 'explain')) {
    return { index: 0, explain: false };
  }
  let i = 1;
  if (isWord(tokens[i], 'analyze')) i++;
  if (isWord(tokens[i], 'verbose')) i++;
  // `EXPLAIN (TYPE DISTRIBUTED, FORMAT JSON) SELECT …`; a `(` followed by anything else is
  // a parenthesised query.
  if (isPunct(tokens[i], '(') && isWord(tokens[i + 1], 'type', 'format')) {
    i = skipGroup(tokens, i);
  }
  return { index: i, explain: true };
}

/** Words after which a FROM is not a relation's FROM (`IS [NOT] DISTINCT FROM`). */
function isDistinctFrom(tokens: Token[], fromIndex: number): boolean {
  return (
    isWord(tokens[fromIndex - 1], 'distinct') &&
    isWord(tokens[fromIndex - 2], 'is', 'not')
  );
}

/** Functions whose arguments contain a FROM keyword: `extract(year FROM ts)`, `trim(… FROM s)`. */
const FROM_FUNCTIONS = new Set(['extract', 'trim', 'substring']);
/** Words that end a FROM clause at their bracket depth. */
const CLAUSE_ENDS = new Set([
  'where',
  'group',
  'having',
  'order',
  'limit',
  'offset',
  'fetch',
  'union',
  'intersect',
  'except',
  'window',
  'select',
  'with',
  'values',
]);
/** Words in relation position that introduce something other than a table name. */
const NOT_A_TABLE = new Set(['lateral', 'unnest', 'table']);

interface Frame {
  /** Opened by `name(` (a function call), for the FROM of extract/trim/substring. */
  openedBy?: string;
  /** Inside a FROM clause: a comma starts another relation. */
  inFrom: boolean;
  /** The next token is a relation (after FROM, JOIN, or a FROM clause's comma). */
  expectRelation: boolean;
}

/** A table named in the query, as written (without quotes), lower-cased. */
export interface TableReference {
  catalog?: string;
  database?: string;
  table: string;
}

function readName(
  tokens: Token[],
  start: number,
): { parts: string[]; end: number } {
  const parts: string[] = [];
  let i = start;
  for (;;) {
    const token = tokens[i];
    if (token?.kind !== 'word' && token?.kind !== 'quoted') break;
    // Athena (Glue) names are case-insensitive, quoted or not.
    parts.push(token.value.toLowerCase());
    i++;
    if (!isPunct(tokens[i], '.')) break;
    i++;
  }
  return { parts, end: i };
}

/** Names a WITH clause defines (`name AS (`, `name (cols) AS (`); over-approximated on purpose. */
function cteNames(tokens: Token[]): Set<string> {
  const names = new Set<string>();
  for (let i = 1; i < tokens.length - 1; i++) {
    if (!isWord(tokens[i], 'as') || !isPunct(tokens[i + 1], '(')) continue;
    let before = i - 1;
    if (isPunct(tokens[before], ')')) {
      let depth = 0;
      for (; before >= 0; before--) {
        if (isPunct(tokens[before], ')')) depth++;
        if (isPunct(tokens[before], '(')) depth--;
        if (depth === 0) break;
      }
      before--;
    }
    const name = tokens[before];
    if (name?.kind === 'word' || name?.kind === 'quoted') {
      names.add(name.value.toLowerCase());
    }
  }
  return names;
}

/**
 * Tables in relation position (after FROM, JOIN, or a FROM clause's comma, at any nesting
 * depth), skipping CTE names. Names elsewhere (`alias.column`) are not tables.
 */
function referencedTables(tokens: Token[]): TableReference[] {
  const ctes = cteNames(tokens);
  const stack: Frame[] = [{ inFrom: false, expectRelation: false }];
  const tables: TableReference[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    const frame = stack[stack.length - 1];
    if (isPunct(token, '(') || isPunct(token, '[')) {
      const previous = tokens[i - 1];
      // A relation position followed by `(` is a subquery or a parenthesised join; the
      // new frame starts in relation position so `(a.b JOIN c.d ON …)` is checked too.
      const relation = frame.expectRelation;
      frame.expectRelation = false;
      stack.push({
        openedBy:
          previous?.kind === 'word' && isPunct(token, '(')
            ? previous.value
            : undefined,
        inFrom: relation,
        expectRelation: relation,
      });
      i++;
      continue;
    }
    if (isPunct(token, ')') || isPunct(token, ']')) {
      if (stack.length > 1) stack.pop();
      i++;
      continue;
    }
    if (token.kind === 'word' && CLAUSE_ENDS.has(token.value)) {
      frame.inFrom = false;
      frame.expectRelation = false;
      i++;
      continue;
    }
    if (isWord(token, 'from')) {
      if (
        !(frame.openedBy && FROM_FUNCTIONS.has(frame.openedBy)) &&
        !isDistinctFrom(tokens, i)
      ) {
        frame.inFrom = true;
        frame.expectRelation = true;
      }
      i++;
      continue;
    }
    if (isWord(token, 'join')) {
      frame.expectRelation = true;
      i++;
      continue;
    }
    if (isPunct(token, ',')) {
      frame.expectRelation = frame.inFrom;
      i++;
      continue;
    }
    if (frame.expectRelation) {
      frame.expectRelation = false;
      if (
        (token.kind === 'word' && !NOT_A_TABLE.has(token.value)) ||
        token.kind === 'quoted'
      ) {
        const { parts, end } = readName(tokens, i);
        i = end;
        if (parts.length === 1 && ctes.has(parts[0])) continue;
        if (parts.length > 3) {
          throw new InputError(
            `"${parts.join(
              '.',
            )}" is not a table name: write "database"."table"`,
          );
        }
        const [table, database, catalog] = [...parts].reverse();
        tables.push({ table, database, catalog });
        continue;
      }
    }
    i++;
  }
  return tables;
}

/** The database Athena resolves unqualified names in (no `Database` is set in the context). */
export const ATHENA_DEFAULT_DATABASE = 'default';
/** The only catalog queries may use: the Glue Data Catalog Lake Formation governs. */
export const ATHENA_CATALOG = 'AwsDataCatalog';

function quoted(name: string) {
  return `"${name}"`;
}

function checkGrants(tables: TableReference[], grants: QueryGrant[]): void {
  const granted = new Map<string, Set<string>>();
  for (const grant of grants) {
    const database = grant.glueDatabase.toLowerCase();
    const names = granted.get(database) ?? new Set<string>();
    for (const table of grant.tables) names.add(table.name.toLowerCase());
    granted.set(database, names);
  }
  const grantedList = [...granted.keys()].map(quoted).join(', ') || 'none';

  for (const ref of tables) {
    if (ref.catalog && ref.catalog !== ATHENA_CATALOG.toLowerCase()) {
      throw new NotAllowedError(
        `Catalog ${quoted(
          ref.catalog,
        )} is not available: queries read the AWS Glue Data Catalog (${ATHENA_CATALOG}) only`,
      );
    }
    const database = ref.database ?? ATHENA_DEFAULT_DATABASE;
    const grantedTables = granted.get(database);
    if (!grantedTables) {
      if (!ref.database) {
        const holder = [...granted.entries()].find(([, names]) =>
          names.has(ref.table),
        );
        throw new NotAllowedError(
          `Table ${quoted(
            ref.table,
          )} has no database, so Athena looks for it in ${quoted(
            ATHENA_DEFAULT_DATABASE,
          )}, which the use case holds no grant on: write ${
            holder
              ? `${quoted(holder[0])}.${quoted(ref.table)}`
              : '"database"."table"'
          }`,
        );
      }
      throw new NotAllowedError(
        `The use case holds no grant on database ${quoted(
          database,
        )} (granted: ${grantedList}); request access to its dataset first`,
      );
    }
    if (!grantedTables.has(ref.table)) {
      throw new NotAllowedError(
        `The use case holds no grant on table ${quoted(database)}.${quoted(
          ref.table,
        )} (granted in ${quoted(database)}: ${
          [...grantedTables].map(quoted).join(', ') || 'none'
        }); request access to it first`,
      );
    }
  }
}

/** A statement that passed the checks. */
export interface CheckedAthenaSql {
  /**
   * The text to send: up to the last token, without trailing semicolons (Trino's grammar has
   * no statement terminator) or comments after them.
   */
  queryString: string;
  /** The (granted) databases its FROM/JOIN clauses name, lower-cased, for usage statistics. */
  glueDatabases: string[];
}

/**
 * Accepts exactly one read-only statement whose tables lie within the use case's grants.
 * Throws `InputError` (400) or `NotAllowedError` (403) otherwise, before anything is sent.
 */
export function checkAthenaSql(
  sql: string,
  grants: QueryGrant[],
): CheckedAthenaSql {
  const tokens = tokenize(sql);
  while (isPunct(tokens[tokens.length - 1], ';')) tokens.pop();
  if (tokens.length === 0) {
    throw new InputError('The query is empty: write one SELECT statement');
  }
  if (tokens.some(t => isPunct(t, ';'))) {
    throw new InputError(
      `Run one statement at a time: this text holds more than one (separated by ";"). ${READ_ONLY_HINT}`,
    );
  }
  const { index, explain } = queryStart(tokens);
  const first = tokens[index];
  if (!(isWord(first, 'select', 'with', 'values') || isPunct(first, '('))) {
    const word = first?.kind === 'word' ? first.text.toUpperCase() : undefined;
    throw new InputError(
      `${
        word
          ? `${explain ? 'EXPLAIN of ' : ''}${word} statements are refused.`
          : 'This is not a query.'
      } ${READ_ONLY_HINT}`,
    );
  }
  const tables = referencedTables(tokens.slice(index));
  checkGrants(tables, grants);
  return {
    queryString: sql.slice(0, tokens[tokens.length - 1].end).trim(),
    glueDatabases: [
      ...new Set(tables.map(t => t.database ?? ATHENA_DEFAULT_DATABASE)),
    ],
  };
}
