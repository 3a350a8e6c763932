import { createRequire, registerHooks } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  ANTLRErrorListener,
  ATNSimulator,
  ParseTreeListener,
  Recognizer,
  Token,
} from 'antlr4ng';

/*
 * Trino's own grammar (SqlBase.g4), as `dt-sql-parser` ships it compiled for antlr4ng: the
 * lexer and parser Athena engine 3 reads queries with, so what is a comment, a string, a name
 * or a statement boundary here is what it is for Athena.
 *
 * Load it in a worker thread only (see TrinoAnalyser): parsing is synchronous and can take
 * seconds, and loading installs a module resolve hook, which is per thread.
 *
 * Why a hook: dt-sql-parser publishes ES modules whose relative imports have no extension
 * (`from '../SQLParserBase'`), which Node.js refuses (ERR_MODULE_NOT_FOUND); and its files
 * import antlr4ng's ES build, while a `require('antlr4ng')` would get the CommonJS build, a
 * second copy whose classes the parser's objects are no instances of. The hook adds `.js` to
 * dt-sql-parser's own relative imports and sends every `antlr4ng` import of the thread to the
 * copy dt-sql-parser imports. `module.registerHooks` needs Node.js 22.15+ (the repo's engines
 * are 22 and 24).
 */

/** The parser module of Trino's grammar: its rule contexts and token types. */
export type TrinoGrammar =
  typeof import('dt-sql-parser/dist/lib/trino/TrinoSqlParser.js');
type TrinoLexerModule =
  typeof import('dt-sql-parser/dist/lib/trino/TrinoSqlLexer.js');
type Antlr = typeof import('antlr4ng');
export type { Token };

interface Loaded {
  grammar: TrinoGrammar;
  lexer: TrinoLexerModule;
  antlr: Antlr;
}

let loaded: Loaded | undefined;

function installResolveHook(distUrl: string, antlrParent: string): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === 'antlr4ng') {
        return nextResolve(specifier, {
          ...context,
          parentURL: antlrParent,
          conditions: [
            ...context.conditions.filter(c => c !== 'require'),
            'import',
          ],
        });
      }
      if (
        specifier.startsWith('.') &&
        !/\.[cm]?js$/.test(specifier) &&
        context.parentURL?.startsWith(distUrl)
      ) {
        return nextResolve(`${specifier}.js`, context);
      }
      return nextResolve(specifier, context);
    },
  });
}

function load(): Loaded {
  if (!loaded) {
    if (typeof registerHooks !== 'function') {
      throw new Error(
        `Checking Athena SQL needs Node.js 22.15 or later (module.registerHooks, to load dt-sql-parser); this is ${process.version}`,
      );
    }
    const nodeRequire = createRequire(__filename);
    const packageJson = nodeRequire.resolve('dt-sql-parser/package.json');
    const packageUrl = pathToFileURL(dirname(packageJson)).href;
    installResolveHook(`${packageUrl}/dist/`, pathToFileURL(packageJson).href);
    loaded = {
      grammar: nodeRequire('dt-sql-parser/dist/lib/trino/TrinoSqlParser.js'),
      lexer: nodeRequire('dt-sql-parser/dist/lib/trino/TrinoSqlLexer.js'),
      antlr: nodeRequire('antlr4ng'),
    };
  }
  return loaded;
}

/** The rule contexts and token types of Trino's grammar (loads it on first use). */
export function trinoGrammar(): TrinoGrammar {
  return load().grammar;
}

/** Every token Trino's lexer makes of `sql`, comments and white space (hidden channel) included. */
export function lexTrino(sql: string): Token[] {
  const { lexer, antlr } = load();
  const trinoLexer = new lexer.TrinoSqlLexer(antlr.CharStreams.fromString(sql));
  trinoLexer.removeErrorListeners();
  return trinoLexer.getAllTokens();
}

/** A syntax error, positioned as Trino positions them (line and column from 1). */
export interface TrinoSyntaxError {
  line: number;
  column: number;
  /** ANTLR's description, e.g. `mismatched input 'FORM' expecting …`. */
  message: string;
}

/** The outcome of `parseTrino`. */
export type TrinoParse =
  | { statement: InstanceType<TrinoGrammar['StatementContext']> }
  | { error: TrinoSyntaxError }
  /** Past the deadline; `error` is what the fast pass objected to, if it got that far. */
  | { timedOut: true; error?: TrinoSyntaxError };

/** Thrown to stop the parser; never leaves `parseTrino`. */
class Abort extends Error {}

/**
 * Parses `sql` as exactly one statement (an optional `;`, then the end of the input), the
 * way Trino does: SLL prediction first, which is fast and, when it succeeds, gives the tree
 * full LL would (ANTLR's guarantee); full LL, which is much slower, only when SLL fails, to
 * tell a real syntax error from input SLL cannot decide.
 *
 * The entry rule is `singleStatement` followed by a check for the end of the input:
 * dt-sql-parser's `program` takes statements without separators (`SELECT 1 SELECT 2`), and
 * with it `FROM t, LATERAL (SELECT …)` parses as two statements (`LATERAL` is a non-reserved
 * word, so a table name), not as Trino's one.
 *
 * Stops at `deadline` (a `Date.now()` value), checked at every rule the parser enters. That
 * is not a hard limit (one prediction can run long between two rules): the caller must
 * still stop the thread; it makes most slow inputs end here, with a better message.
 */
export function parseTrino(sql: string, deadline: number): TrinoParse {
  const { grammar, lexer, antlr } = load();
  let sllError: TrinoSyntaxError | undefined;
  for (const mode of [antlr.PredictionMode.SLL, antlr.PredictionMode.LL]) {
    const trinoLexer = new lexer.TrinoSqlLexer(
      antlr.CharStreams.fromString(sql),
    );
    trinoLexer.removeErrorListeners();
    const parser = new grammar.TrinoSqlParser(
      new antlr.CommonTokenStream(trinoLexer),
    );
    parser.interpreter.predictionMode = mode;
    let error: TrinoSyntaxError | undefined;
    let timedOut = false;
    const errorListener: ANTLRErrorListener = {
      syntaxError<S extends Token, T extends ATNSimulator>(
        _recognizer: Recognizer<T>,
        _offendingSymbol: S | null,
        line: number,
        charPositionInLine: number,
        msg: string,
      ) {
        error = { line, column: charPositionInLine + 1, message: msg };
        throw new Abort();
      },
      reportAmbiguity() {},
      reportAttemptingFullContext() {},
      reportContextSensitivity() {},
    };
    const deadlineListener: ParseTreeListener = {
      enterEveryRule() {
        if (Date.now() > deadline) {
          timedOut = true;
          throw new Abort();
        }
      },
      exitEveryRule() {},
      visitTerminal() {},
      visitErrorNode() {},
    };
    parser.removeErrorListeners();
    parser.addErrorListener(errorListener);
    parser.addParseListener(deadlineListener);
    try {
      const single = parser.singleStatement();
      const next = parser.tokenStream.LT(1);
      if (!next || next.type === antlr.Token.EOF) {
        return { statement: single.statement() };
      }
      error = {
        line: next.line,
        column: next.column + 1,
        message: `unexpected '${next.text}' after the end of the statement`,
      };
    } catch (e) {
      if (!(e instanceof Abort)) throw e;
    }
    if (timedOut) {
      return { timedOut: true, error: sllError };
    }
    if (mode === antlr.PredictionMode.LL) {
      return error ? { error } : { timedOut: true };
    }
    sllError = error;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}
