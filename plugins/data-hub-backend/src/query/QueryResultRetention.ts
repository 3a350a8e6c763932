import type { LoggerService } from '@backstage/backend-plugin-api';
import type { QueryEngine } from '@cloud-data-hub/data-hub-node';
import { runHandle } from './runHandle';
import type { QueryStore, StoredQueryRun } from './QueryStore';

/**
 * Removes stored results: those older than the retention (by the scheduler, once across
 * replicas) and a user's oldest ones beyond their cap (after each of their runs ends). The
 * run stays in the history, its result marked `removed`.
 */
export class QueryResultRetention {
  constructor(
    private readonly options: {
      store: QueryStore;
      engine: QueryEngine | undefined;
      retentionMs: number;
      maxBytesPerUser: number;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private async remove(runs: StoredQueryRun[]) {
    const { engine, store, logger } = this.options;
    let removed = 0;
    for (const run of runs) {
      try {
        // A run of another engine (the configuration changed) keeps its files where they are.
        if (engine?.id === run.engine && run.engineQueryId)
          await engine.removeResult(runHandle(run));
        await store.markResultRemoved(run.id);
        removed++;
      } catch (error) {
        logger.warn(`Could not remove the result of query ${run.id}: ${error}`);
      }
    }
    return removed;
  }

  /** Removes results past the retention, 500 at a time until none is left. */
  async removeExpired(): Promise<number> {
    const cutoff = new Date(
      (this.options.now?.() ?? new Date()).getTime() - this.options.retentionMs,
    );
    let total = 0;
    for (;;) {
      const runs = await this.options.store.expiredResults(cutoff, 500);
      const removed = await this.remove(runs);
      total += removed;
      if (runs.length < 500 || removed === 0) return total;
    }
  }

  /** Keeps the user's stored results within their cap, removing the oldest first. */
  async enforceUserCap(userRef: string): Promise<number> {
    return this.remove(
      await this.options.store.resultsBeyondCap(
        userRef,
        this.options.maxBytesPerUser,
      ),
    );
  }
}
