import {
  AthenaClient,
  GetQueryResultsCommand,
  Row,
} from '@aws-sdk/client-athena';
import { ForwardedError } from '@backstage/errors';
import type {
  QueryColumn,
  QueryResultPage,
  QueryValue,
} from '@cloud-data-hub/data-hub-node';
import { isHeaderRow, rowConverter, toQueryColumns } from './athenaValues';

/** GetQueryResults returns at most this many rows per call. */
export const ATHENA_MAX_RESULTS = 1000;
/** Paging tokens kept per query; beyond, every other one is dropped (see `remember`). */
const MAX_TOKENS = 256;

interface FetchedPage {
  rows: QueryValue[][];
  nextToken?: string;
}

/**
 * Which NextToken starts at which data row of a query's results. Only an optimisation: a
 * reader without any (another replica, after a restart) reads forward from the start.
 */
export type ResultTokens = Map<number, string>;

/**
 * Reads a succeeded query's results with GetQueryResults, which only pages forward with
 * `NextToken`. It remembers which token starts at which row (in `tokens`, which the engine may
 * keep across calls), so that the API's pages (`offset`, `limit`) continue where the previous
 * one stopped instead of reading from the start, and `batches` streams every row one Athena
 * page at a time.
 *
 * Athena puts a header row (the column labels) first on the first page of a SELECT's
 * results; it is dropped, and row offsets count data rows only.
 */
export class AthenaResultReader {
  private columns?: QueryColumn[];
  private convert?: (row: Row) => QueryValue[];
  constructor(
    private readonly client: AthenaClient,
    readonly queryId: string,
    /** Data-row offset → the NextToken whose page starts there. */
    private readonly tokens: ResultTokens = new Map(),
  ) {}

  /** Rows `offset`..`offset + limit` and whether more follow. */
  async page(offset: number, limit: number): Promise<QueryResultPage> {
    let position = 0;
    let token: string | undefined;
    for (const [start, t] of this.tokens) {
      if (start <= offset && start > position) {
        position = start;
        token = t;
      }
    }
    const end = offset + limit;
    const rows: QueryValue[][] = [];
    for (;;) {
      // Ask for what this page still needs (plus the header on the first page), so that
      // sequential pages of the API line up with Athena's and cost one call each.
      const wanted = Math.min(
        ATHENA_MAX_RESULTS,
        end - position + (token === undefined ? 1 : 0),
      );
      const fetched = await this.fetch(token, wanted);
      const pageStart = position;
      position += fetched.rows.length;
      rows.push(
        ...fetched.rows.slice(
          Math.max(0, offset - pageStart),
          Math.max(0, end - pageStart),
        ),
      );
      if (!fetched.nextToken || fetched.nextToken === token) {
        return { columns: this.columns ?? [], rows, hasMore: position > end };
      }
      token = fetched.nextToken;
      this.remember(position, token);
      if (position >= end) {
        return { columns: this.columns ?? [], rows, hasMore: true };
      }
    }
  }

  /**
   * Every row, one Athena page (≤ 1000 rows) per batch, in constant memory: the next page is
   * fetched while the caller handles the current one, and no more than that is held. The
   * first batch carries the columns even when the result is empty.
   */
  async *batches(
    signal?: AbortSignal,
  ): AsyncGenerator<{ columns: QueryColumn[]; rows: QueryValue[][] }> {
    let next: Promise<FetchedPage> | undefined = this.fetch(
      undefined,
      ATHENA_MAX_RESULTS,
      signal,
    );
    while (next) {
      const fetched: FetchedPage = await next;
      next = fetched.nextToken
        ? this.fetch(fetched.nextToken, ATHENA_MAX_RESULTS, signal)
        : undefined;
      // If the caller stops early, the prefetched page is never awaited; its failure (an
      // abort, most likely) must not surface as an unhandled rejection.
      next?.catch(() => undefined);
      yield { columns: this.columns ?? [], rows: fetched.rows };
    }
  }

  private async fetch(
    nextToken: string | undefined,
    maxResults: number,
    signal?: AbortSignal,
  ): Promise<FetchedPage> {
    let output;
    try {
      output = await this.client.send(
        new GetQueryResultsCommand({
          QueryExecutionId: this.queryId,
          NextToken: nextToken,
          MaxResults: maxResults,
        }),
        { abortSignal: signal },
      );
    } catch (e) {
      throw new ForwardedError(
        `Athena could not return the results of query ${this.queryId}`,
        e,
      );
    }
    const columnInfo = output.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
    if (!this.columns || !this.convert) {
      this.columns = toQueryColumns(columnInfo);
      this.convert = rowConverter(columnInfo);
    }
    let rows = output.ResultSet?.Rows ?? [];
    if (
      nextToken === undefined &&
      rows.length > 0 &&
      isHeaderRow(rows[0], columnInfo)
    ) {
      rows = rows.slice(1);
    }
    return { rows: rows.map(this.convert), nextToken: output.NextToken };
  }

  /**
   * Keeps a token for later pages. Past MAX_TOKENS, every other one is dropped: memory stays
   * bounded for any result size, and a page is never more than a few Athena pages away from
   * a remembered token.
   */
  private remember(position: number, token: string): void {
    this.tokens.set(position, token);
    if (this.tokens.size > MAX_TOKENS) {
      const sorted = [...this.tokens.entries()].sort(([a], [b]) => a - b);
      this.tokens.clear();
      sorted
        .filter((_, i) => i % 2 === 1)
        .forEach(([p, t]) => this.tokens.set(p, t));
    }
  }
}
