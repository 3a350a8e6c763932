import { InputError, NotAllowedError } from '@backstage/errors';
import type { QueryGrant } from '@cloud-data-hub/data-hub-node';
import { TrinoAnalyser } from './TrinoAnalyser';
import type { TableReference } from './trinoAnalysis';

/*
 * The checks the Athena engine makes before it sends SQL to Athena, on an analysis of the
 * text with Trino's own grammar (Athena engine 3 runs Trino; see ./trinoAnalysis.ts, which
 * runs in a worker thread: ./TrinoAnalyser.ts):
 *
 * 1. exactly one statement, and it is a query or an EXPLAIN of one; other statements, what
 *    the grammar cannot parse, table functions and inline functions are refused (400), and so
 *    are texts longer than Athena takes and statements the parser cannot analyse within its
 *    time budget;
 * 2. every table the query reads is granted to the use case (403): a name with a database
 *    (`db.table`, `"db"."table"`, `AwsDataCatalog.db.table`) must be a granted table of a
 *    granted database, other catalogs are refused, and a one-part name that is not a WITH
 *    query in scope means Athena's default database, which holds no grants.
 *
 * The second check is an early, clear 403, not the enforcement: the query runs as the use
 * case's consumer role, so Lake Formation decides what it can read (views included).
 *
 * Why dt-sql-parser (Trino's ANTLR grammar) and not node-sql-parser (5.4.0, dialects `trino`
 * and `athena`, tried on this module's tests): node-sql-parser's dialects are PEG grammars
 * derived from its MySQL one. `trino` failed EXPLAIN, VALUES, `TABLE t`, `extract(… FROM …)`,
 * `trim(… FROM …)`, scalar and EXISTS subqueries, FETCH FIRST, GROUPING SETS, `U&'…'` and time
 * travel; `athena` failed EXPLAIN, VALUES, extract/trim, every three-part name
 * (`AwsDataCatalog.db.t`), LATERAL, TABLESAMPLE and FILTER/OVER. Worse for a security check,
 * neither reads text as Trino does: `trino` takes `//` for a comment and `athena` `#` (so
 * `FROM a.t // , b.secret` lists a.t only), and both list no table for `FROM (a.t JOIN b.u
 * ON …)`. dt-sql-parser's lexer and parser are Trino's SqlBase.g4, and parsed all of them.
 */

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

/** The longest query string Athena's StartQueryExecution takes. */
export const ATHENA_MAX_QUERY_LENGTH = 262144;

export type { TableReference };

/** A table a statement reads, as the use case's grants name it. */
export interface AthenaTableRead {
  glueDatabase: string;
  table: string;
}

/** A statement that passed the checks. */
export interface CheckedAthenaSql {
  /**
   * The text to send: up to the last token, without trailing semicolons (Trino's grammar has
   * no statement terminator) or comments after them. It is the text that was analysed.
   */
  queryString: string;
  /** The (granted) databases the statement reads, lower-cased, for usage statistics. */
  glueDatabases: string[];
  /** The (granted) tables the statement reads, lower-cased, each once, in order of appearance. */
  reads: AthenaTableRead[];
}

let sharedAnalyser: TrinoAnalyser | undefined;

/** The analyser checkAthenaSql uses by default: one worker for the process, started on first use. */
export function defaultTrinoAnalyser(): TrinoAnalyser {
  sharedAnalyser ??= new TrinoAnalyser();
  return sharedAnalyser;
}

/**
 * Accepts exactly one read-only statement whose tables lie within the use case's grants.
 * Rejects with `InputError` (400) or `NotAllowedError` (403) otherwise, before anything is
 * sent; with `ServiceUnavailableError` (503) when too many statements wait for the analyser.
 */
export async function checkAthenaSql(
  sql: string,
  grants: QueryGrant[],
  analyser: TrinoAnalyser = defaultTrinoAnalyser(),
): Promise<CheckedAthenaSql> {
  if (sql.length > ATHENA_MAX_QUERY_LENGTH) {
    throw new InputError(
      `The query is ${sql.length} characters long; Athena takes at most ${ATHENA_MAX_QUERY_LENGTH}: shorten it`,
    );
  }
  const analysis = await analyser.analyse(sql);
  if (analysis.kind === 'timedOut') {
    throw new InputError(
      `The query is too complex to analyse within ${
        analyser.budgetMs / 1000
      } s: simplify it (fewer nested brackets or subqueries) or split it into smaller queries${
        analysis.syntaxError
          ? `. The parser's first objection was at ${analysis.syntaxError}`
          : ''
      }`,
    );
  }
  if (analysis.kind === 'refused') {
    throw new InputError(analysis.message);
  }
  checkGrants(analysis.tables, grants);
  const reads = new Map<string, AthenaTableRead>();
  for (const ref of analysis.tables) {
    const glueDatabase = ref.database ?? ATHENA_DEFAULT_DATABASE;
    reads.set(JSON.stringify([glueDatabase, ref.table]), {
      glueDatabase,
      table: ref.table,
    });
  }
  return {
    queryString: analysis.text,
    glueDatabases: [...new Set([...reads.values()].map(t => t.glueDatabase))],
    reads: [...reads.values()],
  };
}
