import type { ParseTree } from 'antlr4ng';
import {
  lexTrino,
  parseTrino,
  trinoGrammar,
  type Token,
  type TrinoGrammar,
  type TrinoSyntaxError,
} from './trinoGrammar';

/*
 * What one SQL text is, read with Trino's grammar: a single read-only statement and the tables
 * it reads, or why it is refused. Syntax only: which tables are granted is athenaSql.ts's
 * business. Runs in the analysis worker (trinoAnalysis.worker.ts), so its result is plain data.
 *
 * Refused, each with a message saying what to change: anything but one query (SELECT,
 * WITH … SELECT, VALUES, TABLE t, set operations of those) or an EXPLAIN [ANALYZE] of one,
 * what Trino's grammar cannot parse, table functions (`FROM TABLE(…)`: they can read anything,
 * `system.query` even runs SQL of its own), inline functions (`WITH FUNCTION`), and backquoted
 * or digit-leading names, which Trino refuses too. `UNNEST(…)`, `JSON_TABLE(…)` and
 * `LATERAL (…)` are made of expressions and queries, and every query in them is read like any
 * other, so they hide no table.
 */

/** A table a statement names, its parts unquoted and lower-cased (as Glue names are). */
export interface TableReference {
  catalog?: string;
  database?: string;
  table: string;
}

export type TrinoAnalysis =
  /** `text`: the statement to send, without trailing semicolons and comments. */
  | { kind: 'query'; text: string; tables: TableReference[] }
  | { kind: 'refused'; message: string }
  /** The parser passed its deadline; `syntaxError` is what its fast pass objected to. */
  | { kind: 'timedOut'; syntaxError?: string };

export const READ_ONLY_HINT =
  'Only read-only queries run here: one SELECT (or WITH … SELECT, VALUES, or EXPLAIN of one).';

/** Thrown by the checks below; becomes a `refused` analysis. */
class Refusal extends Error {}

type Grammar = TrinoGrammar;
type Ctx<K extends keyof Grammar> = Grammar[K] extends abstract new (
  ...args: never[]
) => infer I
  ? I
  : never;

/** The name an identifier stands for: unquoted and lower-cased, as Trino resolves tables. */
function identifierName(grammar: Grammar, identifier: ParseTree): string {
  const text = identifier.getText();
  if (identifier instanceof grammar.QuotedIdentifierContext) {
    return text.slice(1, -1).replace(/""/g, '"').toLowerCase();
  }
  return text.toLowerCase();
}

function tableReference(
  grammar: Grammar,
  ref: Ctx<'TableRefContext'> | Ctx<'ViewRefContext'>,
): TableReference {
  const parts = ref.identifier().map(part => identifierName(grammar, part));
  if (parts.length > 3) {
    throw new Refusal(
      `"${parts.join('.')}" is not a table name: write "database"."table"`,
    );
  }
  const [table, database, catalog] = parts.reverse();
  return { table, database, catalog };
}

/**
 * Adds the tables `tree` reads to `out`, in the order they appear, resolving one-part names
 * against the WITH queries in `scope`. Trino's scoping, mirrored:
 *
 * - a WITH query is visible in the body of the query that declares it (its subqueries
 *   included) and in the WITH queries declared after it in the same WITH, nowhere else;
 * - in a plain WITH, a query's own name inside its definition is not itself but whatever the
 *   name means outside (an outer WITH query, or a table); in WITH RECURSIVE it is itself;
 * - a WITH query hides one-part names only: `db.t` is always a table;
 * - an inner WITH query hides an outer one of the same name.
 */
function readTables(
  grammar: Grammar,
  tree: ParseTree,
  scope: ReadonlySet<string>,
  out: TableReference[],
): void {
  if (tree instanceof grammar.QueryStatementContext) {
    const withClause = tree.with();
    let inner = scope;
    if (withClause) {
      const recursive = withClause.KW_RECURSIVE() !== null;
      const declared = new Set<string>();
      for (const named of withClause.namedQuery()) {
        const name = identifierName(grammar, named.identifier());
        readTables(grammar, named.identifier(), inner, out);
        if (declared.has(name)) {
          throw new Refusal(
            `WITH query name "${name}" is defined more than once: rename one of them`,
          );
        }
        declared.add(name);
        readTables(
          grammar,
          named.query(),
          recursive ? new Set([...inner, name]) : inner,
          out,
        );
        inner = new Set([...inner, name]);
      }
    }
    readTables(grammar, tree.queryNoWith(), inner, out);
    return;
  }
  if (
    tree instanceof grammar.TableNameContext ||
    tree instanceof grammar.TableContext
  ) {
    const ref =
      tree instanceof grammar.TableContext
        ? tree.tableRef()
        : tree.tableOrViewName().tableRef() ?? tree.tableOrViewName().viewRef();
    if (ref) {
      const table = tableReference(grammar, ref);
      if (table.database !== undefined || !scope.has(table.table)) {
        out.push(table);
      }
    }
    // and on: a `FOR VERSION AS OF (…)` may hold a subquery
  } else if (tree instanceof grammar.TableFunctionInvocationContext) {
    throw new Refusal(
      "Table functions (FROM TABLE(…)) are not allowed: they can read data outside the use case's grants. Query the granted tables instead.",
    );
  } else if (tree instanceof grammar.WithFunctionContext) {
    throw new Refusal(
      'Inline functions (WITH FUNCTION …) are not allowed: write the expression in the query instead',
    );
  } else if (tree instanceof grammar.BackQuotedIdentifierContext) {
    const name = tree.getText().slice(1, -1);
    throw new Refusal(
      `Backquoted names are not Athena SQL: write "${name.replace(
        /"/g,
        '""',
      )}" instead of \`${name}\``,
    );
  } else if (tree instanceof grammar.DigitIdentifierContext) {
    throw new Refusal(
      `Names must not start with a digit: write "${tree.getText()}" in double quotes`,
    );
  }
  for (let i = 0; i < tree.getChildCount(); i++) {
    const child = tree.getChild(i);
    if (child) readTables(grammar, child, scope, out);
  }
}

function refusedStatement(
  firstWord: string | undefined,
  explain: boolean,
): Refusal {
  const word =
    firstWord && /^[a-z_][a-z0-9_]*$/i.test(firstWord)
      ? firstWord.toUpperCase()
      : undefined;
  return new Refusal(
    `${
      word
        ? `${explain ? 'EXPLAIN of ' : ''}${word} statements are refused.`
        : 'This is not a query.'
    } ${READ_ONLY_HINT}`,
  );
}

/** Throws unless `statement` is a query, or an EXPLAIN [ANALYZE] of one (of one …). */
function checkReadOnly(
  grammar: Grammar,
  statement: Ctx<'StatementContext'>,
  explain = false,
): void {
  if (statement instanceof grammar.StatementDefaultContext) return;
  if (
    statement instanceof grammar.ExplainContext ||
    statement instanceof grammar.ExplainAnalyzeContext
  ) {
    checkReadOnly(grammar, statement.statement(), true);
    return;
  }
  throw refusedStatement(statement.start?.text ?? undefined, explain);
}

/** Words a query, or an EXPLAIN of one, starts with. */
const QUERY_STARTS = new Set([
  'SELECT',
  'WITH',
  'VALUES',
  'TABLE',
  'EXPLAIN',
  '(',
]);

function position(token: Token): string {
  return `line ${token.line}:${token.column + 1}`;
}

/** Refuses what Trino's lexer could not make tokens of, saying what is wrong. */
function checkLexical(grammar: Grammar, tokens: Token[]): void {
  const T = grammar.TrinoSqlParser;
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    // A `/*` without its `*/` is no comment, so the lexer made `/` and `*` of it.
    if (
      token.type === T.SLASH &&
      next?.type === T.ASTERISK &&
      next.start === token.stop + 1
    ) {
      throw new Refusal(
        `The query has an unterminated /* comment at ${position(
          token,
        )}: close it with */`,
      );
    }
    if (token.type !== T.UNRECOGNIZED) return;
    if (token.text === "'") {
      throw new Refusal(
        `The query has an unterminated string literal at ${position(
          token,
        )}: close it with a single quote`,
      );
    }
    if (token.text === '"' || token.text === '`') {
      throw new Refusal(
        `The query has an unterminated quoted identifier at ${position(
          token,
        )}: close it with ${token.text}`,
      );
    }
    throw new Refusal(
      `The query has a character Athena's SQL does not allow at ${position(
        token,
      )}: ${JSON.stringify(
        token.text,
      )} (only -- and /* */ start comments; unquoted names are ASCII letters, digits and _, quote others in double quotes)`,
    );
  });
}

/** ANTLR's message without an expected-token list too long to help. */
function syntaxMessage(error: TrinoSyntaxError): string {
  const expecting = /^(.*?) expecting \{(.*)\}$/s.exec(error.message);
  const message =
    expecting && expecting[2].split(', ').length > 8
      ? expecting[1]
      : error.message;
  return `line ${error.line}:${error.column}: ${message}`;
}

function analyse(sql: string, deadline: number): TrinoAnalysis {
  const grammar = trinoGrammar();
  const T = grammar.TrinoSqlParser;
  const tokens = lexTrino(sql).filter(t => t.channel === 0);
  while (tokens.length > 0 && tokens[tokens.length - 1].type === T.SEMICOLON) {
    tokens.pop();
  }
  if (tokens.length === 0) {
    throw new Refusal('The query is empty: write one SELECT statement');
  }
  checkLexical(grammar, tokens);
  if (tokens.some(t => t.type === T.SEMICOLON)) {
    throw new Refusal(
      `Run one statement at a time: this text holds more than one (separated by ";"). ${READ_ONLY_HINT}`,
    );
  }
  // Up to the last token, so what is parsed is what is sent. The lexer counts code points,
  // JavaScript strings UTF-16 units.
  const text = Array.from(sql)
    .slice(0, tokens[tokens.length - 1].stop + 1)
    .join('');

  const parsed = parseTrino(text, deadline);
  if ('timedOut' in parsed) {
    return {
      kind: 'timedOut',
      syntaxError: parsed.error && syntaxMessage(parsed.error),
    };
  }
  if ('error' in parsed) {
    const first = tokens[0].text ?? '';
    if (!QUERY_STARTS.has(first.toUpperCase())) {
      throw refusedStatement(first, false);
    }
    throw new Refusal(
      `The query is not valid Athena SQL (Trino): ${syntaxMessage(
        parsed.error,
      )}`,
    );
  }
  checkReadOnly(grammar, parsed.statement);
  const tables: TableReference[] = [];
  readTables(grammar, parsed.statement, new Set(), tables);
  return { kind: 'query', text: text.trim(), tables };
}

/**
 * Analyses `sql`, a whole text as a user wrote it, with Trino's grammar. Never throws for
 * what the text holds; parsing stops at `deadline` (a `Date.now()` value).
 */
export function analyseTrinoSql(sql: string, deadline: number): TrinoAnalysis {
  try {
    return analyse(sql, deadline);
  } catch (e) {
    if (e instanceof Refusal) {
      return { kind: 'refused', message: e.message };
    }
    // The parser and the walk recurse once per nesting level.
    if (e instanceof RangeError) {
      return {
        kind: 'refused',
        message:
          'The query nests subqueries or brackets too deeply to check: simplify it',
      };
    }
    throw e;
  }
}
