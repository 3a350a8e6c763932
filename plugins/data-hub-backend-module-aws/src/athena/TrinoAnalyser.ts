import { ServiceUnavailableError } from '@backstage/errors';
import { Worker } from 'node:worker_threads';
import type { TrinoAnalysis } from './trinoAnalysis';
import {
  TRINO_ANALYSIS_WORKER_DATA,
  TRINO_ANALYSIS_WORKER_FILE,
  type AnalysisReply,
  type AnalysisRequest,
} from './trinoAnalysis.worker';

/*
 * Runs trinoAnalysis in a worker thread, one statement at a time, each within a time budget.
 *
 * Parsing is synchronous, and on crafted input (deep brackets, a long query with a syntax
 * error near its end, which sends ANTLR to its full-LL fallback) it takes seconds to minutes:
 * on the event loop it would stall every request of the backend. In a worker it stalls only
 * the statements queued behind it, and only for the budget: the parser stops itself shortly
 * before it, and when one of its predictions runs on past it, the worker is terminated (which
 * interrupts running JavaScript) and the next statement gets a new one.
 */

export interface TrinoAnalyserOptions {
  /** How long one statement's analysis may take, once the worker starts on it. */
  budgetMs?: number;
  /** Statements waiting for the worker beyond which more are turned away (503). */
  maxWaiting?: number;
  /** The worker's heap limit: an analysis that needs more is over budget too. */
  maxHeapMb?: number;
}

export const DEFAULT_ANALYSIS_BUDGET_MS = 2000;

interface Job {
  sql: string;
  resolve(analysis: TrinoAnalysis): void;
  reject(error: Error): void;
}

interface Running {
  worker: Worker;
  ready: boolean;
  job?: Job & { id: number; timer: NodeJS.Timeout };
}

/**
 * A worker whose file is TypeScript source (tests, `backstage-cli package start`) needs a
 * TypeScript loader; the dev server's `--require` reaches the worker through `execArgv`, Jest
 * has none for plain Node.js, so the worker loads Backstage's own when none is there.
 */
function startWorker(maxHeapMb: number): Worker {
  const options = {
    workerData: TRINO_ANALYSIS_WORKER_DATA,
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  };
  if (!TRINO_ANALYSIS_WORKER_FILE.endsWith('.ts')) {
    return new Worker(TRINO_ANALYSIS_WORKER_FILE, options);
  }
  const transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');
  return new Worker(
    `if (!require.extensions['.ts']) require(${JSON.stringify(transform)});
     require(${JSON.stringify(TRINO_ANALYSIS_WORKER_FILE)});`,
    { ...options, eval: true },
  );
}

export class TrinoAnalyser {
  readonly budgetMs: number;
  private readonly maxWaiting: number;
  private readonly maxHeapMb: number;
  private readonly waiting: Job[] = [];
  private running?: Running;
  private nextId = 1;

  constructor(options: TrinoAnalyserOptions = {}) {
    this.budgetMs = options.budgetMs ?? DEFAULT_ANALYSIS_BUDGET_MS;
    this.maxWaiting = options.maxWaiting ?? 32;
    this.maxHeapMb = options.maxHeapMb ?? 512;
  }

  /**
   * Analyses `sql` off the event loop: `timedOut` when it took longer than the budget.
   * Rejects with ServiceUnavailableError when too many statements wait, and with an Error
   * when the worker failed (a bug, or it could not load the grammar).
   */
  analyse(sql: string): Promise<TrinoAnalysis> {
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(
        new ServiceUnavailableError(
          `${this.waiting.length} queries are waiting for their SQL check: try again in a few seconds`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ sql, resolve, reject });
      this.next();
    });
  }

  /** Stops the worker; statements waiting or running fail. */
  async close(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    const error = new Error('The SQL checker was stopped');
    running?.job?.reject(error);
    if (running?.job) clearTimeout(running.job.timer);
    for (const job of this.waiting.splice(0)) job.reject(error);
    await running?.worker.terminate();
  }

  private next(): void {
    if (!this.running) {
      if (this.waiting.length === 0) return;
      this.running = this.start();
    }
    const running = this.running;
    // Only a worker with statements to answer keeps the process alive.
    if (running.job || this.waiting.length > 0) {
      running.worker.ref();
    } else {
      running.worker.unref();
    }
    if (!running.ready || running.job) return;
    const job = this.waiting.shift();
    if (!job) return;
    const id = this.nextId++;
    running.job = {
      ...job,
      id,
      timer: setTimeout(
        () => this.stop(running, { kind: 'timedOut' }),
        this.budgetMs,
      ),
    };
    running.worker.postMessage({
      id,
      sql: job.sql,
      // The rest of the budget is for the way back, and for a prediction that overruns.
      parseBudgetMs: Math.max(this.budgetMs - 250, this.budgetMs / 2),
    } satisfies AnalysisRequest);
  }

  private start(): Running {
    const worker = startWorker(this.maxHeapMb);
    const running: Running = { worker, ready: false };
    worker.on('message', (reply: AnalysisReply) => {
      if (this.running !== running) return;
      if ('ready' in reply) {
        running.ready = true;
      } else if (running.job?.id === reply.id) {
        clearTimeout(running.job.timer);
        running.job.resolve(reply.analysis);
        running.job = undefined;
      }
      this.next();
    });
    const failed = (error: Error) => {
      if (this.running !== running) return;
      if (
        (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
      ) {
        this.stop(running, { kind: 'timedOut' });
        return;
      }
      const failure = new Error(`The SQL checker failed: ${error.message}`);
      this.running = undefined;
      if (running.job) {
        clearTimeout(running.job.timer);
        running.job.reject(failure);
      } else if (!running.ready) {
        // It did not even start: the statements waiting would fail the same way.
        for (const job of this.waiting.splice(0)) job.reject(failure);
      }
      this.next();
    };
    worker.on('error', failed);
    worker.on('exit', code =>
      failed(new Error(`its worker stopped (exit code ${code})`)),
    );
    return running;
  }

  /** Answers the running job with `analysis` and replaces its worker. */
  private stop(running: Running, analysis: TrinoAnalysis): void {
    if (this.running !== running) return;
    this.running = undefined;
    if (running.job) {
      clearTimeout(running.job.timer);
      running.job.resolve(analysis);
    }
    running.worker.terminate().catch(() => {});
    this.next();
  }
}
