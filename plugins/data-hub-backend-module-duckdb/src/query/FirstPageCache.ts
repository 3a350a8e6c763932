import type { QueryResultPage } from '@cloud-data-hub/data-hub-node';
import { LRUCache } from 'lru-cache';
import { rowBytes } from './rowBytes';

/** The page the query page asks for first, right after a run ends. */
export const FIRST_PAGE_ROWS = 500;

/**
 * The first page of the runs this process just stored, read once as each run ends, while its
 * submit is still answering. The query page asks for exactly that page next, so the most
 * common read skips a Parquet read. A cache only: the file stays the truth and any replica
 * reads it; the data hub authorizes every read and checks that the run's result is still
 * available before it asks the engine. Bounded in entries (the least recently used goes
 * first) and in bytes per page.
 */
export class FirstPageCache {
  private readonly pages: LRUCache<
    string,
    Promise<QueryResultPage | undefined>
  >;

  constructor(maxEntries = 64, private readonly maxPageBytes = 512 * 1024) {
    this.pages = new LRUCache({ max: maxEntries });
  }

  /** Reads a run's first page in the background; a failed or large one is not kept. */
  remember(runId: string, read: () => Promise<QueryResultPage>) {
    const page = read().then(
      p =>
        p.rows.reduce((sum, row) => sum + rowBytes(row), 0) <= this.maxPageBytes
          ? p
          : undefined,
      () => undefined,
    );
    this.pages.set(runId, page);
    void page.then(p => {
      if (!p && this.pages.peek(runId) === page) this.pages.delete(runId);
    });
  }

  /** Rows `offset`..`offset+limit` when the cached first page holds all of them. */
  async serve(
    runId: string,
    offset: number,
    limit: number,
  ): Promise<QueryResultPage | undefined> {
    const page = await this.pages.get(runId);
    if (!page) return undefined;
    const end = offset + limit;
    if (end > page.rows.length && page.hasMore) return undefined;
    return {
      columns: page.columns,
      rows: page.rows.slice(offset, end),
      hasMore: end < page.rows.length || page.hasMore,
    };
  }

  forget(runId: string) {
    this.pages.delete(runId);
  }
}
