import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { QueryStore } from './QueryStore';

/**
 * The runs executing in this backend process (in-process engines: DuckDB), kept alive in
 * the store. Every beat records that this process still runs them, so another replica can
 * tell a run that is slow from one whose process died; and picks up cancel requests any
 * replica recorded for them. The timer runs only while runs are.
 */
export class RunHeartbeat {
  /** This process, as the store names the runner of its runs. */
  readonly runnerId = randomUUID();
  private readonly runs = new Map<string, () => Promise<void>>();
  private timer?: NodeJS.Timeout;
  private beating = false;

  constructor(
    private readonly options: {
      store: QueryStore;
      intervalMs: number;
      logger?: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** A run starts here; `cancel` stops it when someone asks through any replica. */
  add(runId: string, cancel: () => Promise<void>) {
    this.runs.set(runId, cancel);
    this.timer ??= setInterval(
      () => void this.beat(),
      this.options.intervalMs,
    ).unref();
  }

  remove(runId: string) {
    this.runs.delete(runId);
    if (!this.runs.size && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Ids of the runs executing here. */
  running(): string[] {
    return [...this.runs.keys()];
  }

  /** Cancels a run executing here at once (the caller is on this replica). */
  async cancelHere(runId: string): Promise<boolean> {
    const cancel = this.runs.get(runId);
    if (!cancel) return false;
    await cancel();
    return true;
  }

  async beat() {
    if (this.beating || !this.runs.size) return;
    this.beating = true;
    try {
      const now = this.options.now?.() ?? new Date();
      const cancelled = await this.options.store.heartbeat(
        this.runnerId,
        this.running(),
        now,
      );
      for (const id of cancelled) await this.cancelHere(id);
    } catch (error) {
      this.options.logger?.warn(`Query run heartbeat failed: ${error}`);
    } finally {
      this.beating = false;
    }
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
