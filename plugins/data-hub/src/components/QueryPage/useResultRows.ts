import type {
  QueryResultColumn,
  QueryResultsPage,
} from '@cloud-data-hub/data-hub-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataHubQueryApi } from '../../api/DataHubQueryApi';
import { queryErrorMessage } from '../../api/DataHubQueryError';

export type ResultRow = QueryResultsPage['rows'][number];

/** Rows of the first request: enough to fill the grid quickly, small enough to come fast. */
export const FIRST_PAGE_ROWS = 500;
/** Rows per later request, at most (the backend allows 10,000). */
const MAX_PAGE_ROWS = 5000;
/** Cells per later request: wide results get fewer rows per page so pages stay small. */
const CELLS_PER_PAGE = 200_000;

export function pageRowsFor(columnCount: number): number {
  return Math.max(
    FIRST_PAGE_ROWS,
    Math.min(
      MAX_PAGE_ROWS,
      Math.floor(CELLS_PER_PAGE / Math.max(1, columnCount)),
    ),
  );
}

export interface ResultRows {
  columns?: QueryResultColumn[];
  /** Rows the grid can scroll through: the backend's count, else what is loaded (+1 while more exist). */
  rowCount: number;
  /** Rows per page of later requests (wide results get fewer). */
  pageRows: number;
  /** Rows in the page's memory. */
  loadedCount: number;
  /** The row, or undefined while its page is loading. */
  row(index: number): ResultRow | undefined;
  /** Loads the pages of rows `[start, end)` that are not loaded or loading yet. */
  ensure(start: number, end: number): void;
  loading: boolean;
  error?: string;
  retry(): void;
}

/**
 * The rows of a finished query, loaded page by page as the grid scrolls to
 * them. Rows are kept in a sparse array, so jumping to the end of 100,000
 * rows loads one page, not every page on the way.
 *
 * @param totalRows - the run's `statistics.rows`, when the engine reports it
 * @param firstPage - the first page when the submit answered with it (no request then)
 */
export function useResultRows(
  api: DataHubQueryApi,
  queryId: string | undefined,
  totalRows: number | undefined,
  firstPage?: QueryResultsPage,
): ResultRows {
  const rows = useRef<Array<ResultRow | undefined>>([]);
  const loaded = useRef(0);
  /** Half-open ranges being fetched. */
  const inflight = useRef<Array<[number, number]>>([]);
  const [columns, setColumns] = useState<QueryResultColumn[]>();
  /** End of the furthest page loaded, and whether the backend has rows after it. */
  const highest = useRef(0);
  const hasMore = useRef(false);
  const [loadingCount, setLoadingCount] = useState(0);
  const [error, setError] = useState<string>();
  const [, setVersion] = useState(0);
  const current = useRef(queryId);

  const keep = useCallback((page: QueryResultsPage, offset: number) => {
    setColumns(previous => previous ?? page.columns);
    page.rows.forEach((row, i) => {
      if (rows.current[offset + i] === undefined) loaded.current += 1;
      rows.current[offset + i] = row;
    });
    const end = offset + page.rows.length;
    if (end >= highest.current) {
      highest.current = end;
      hasMore.current = page.hasMore;
    }
    setError(undefined);
    setVersion(v => v + 1);
  }, []);

  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      if (!queryId) return;
      const range: [number, number] = [offset, offset + limit];
      inflight.current.push(range);
      setLoadingCount(n => n + 1);
      try {
        const page = await api.getResults(queryId, { offset, limit });
        if (current.current !== queryId) return;
        keep(page, offset);
      } catch (e) {
        if (current.current === queryId) setError(queryErrorMessage(e));
      } finally {
        inflight.current = inflight.current.filter(r => r !== range);
        if (current.current === queryId) setLoadingCount(n => n - 1);
      }
    },
    [api, queryId, keep],
  );

  // The first page of this query as the submit answered it, if it did (read once per query).
  const initial = useRef(firstPage);
  initial.current = firstPage;

  // A new query: forget the previous one's rows and load (or take) the first page.
  useEffect(() => {
    current.current = queryId;
    rows.current = [];
    loaded.current = 0;
    inflight.current = [];
    highest.current = 0;
    hasMore.current = false;
    setColumns(undefined);
    setLoadingCount(0);
    setError(undefined);
    setVersion(v => v + 1);
    if (!queryId) return;
    if (initial.current?.offset === 0) keep(initial.current, 0);
    else void fetchPage(0, FIRST_PAGE_ROWS);
  }, [queryId, fetchPage, keep]);

  const rowCount =
    totalRows ?? (columns ? highest.current + (hasMore.current ? 1 : 0) : 0);
  const pageRows = pageRowsFor(columns?.length ?? 1);

  const ensure = useCallback(
    (start: number, end: number) => {
      // Until the first page came, the column count (and so the page size) is unknown.
      if (!queryId || !columns || error) return;
      const last = Math.min(end, rowCount);
      for (let i = Math.max(0, start); i < last; i++) {
        if (rows.current[i] !== undefined) continue;
        const busy = inflight.current.find(([a, b]) => i >= a && i < b);
        if (busy) {
          i = busy[1] - 1;
          continue;
        }
        // Pages are aligned, so scrolling back and forth asks for the same
        // ranges; rows of the page already loaded are not asked for again.
        const pageStart = Math.floor(i / pageRows) * pageRows;
        let offset = pageStart;
        while (offset < i && rows.current[offset] !== undefined) offset++;
        const until = inflight.current
          .map(([a]) => a)
          .filter(a => a > offset)
          .reduce((min, a) => Math.min(min, a), pageStart + pageRows);
        void fetchPage(offset, until - offset);
        i = until - 1;
      }
    },
    [queryId, columns, error, rowCount, pageRows, fetchPage],
  );

  const retry = useCallback(() => {
    setError(undefined);
    if (!columns && queryId) void fetchPage(0, FIRST_PAGE_ROWS);
  }, [columns, queryId, fetchPage]);

  const row = useCallback((index: number) => rows.current[index], []);

  return {
    columns,
    rowCount,
    pageRows,
    loadedCount: loaded.current,
    row,
    ensure,
    loading: loadingCount > 0,
    error,
    retry,
  };
}
