import {
  isMainThread,
  parentPort,
  workerData,
  type MessagePort,
} from 'node:worker_threads';
import { analyseTrinoSql, type TrinoAnalysis } from './trinoAnalysis';

/*
 * The analysis worker's entry point: TrinoAnalyser starts this file in a worker thread and
 * sends it one statement at a time. The main thread imports it too, for its file name (so
 * that the build keeps it as a file of its own); only in the worker does it serve.
 */

/** This file, for `new Worker(…)`: `.ts` run from source, `.cjs.js` once built. */
export const TRINO_ANALYSIS_WORKER_FILE = __filename;
/** The `workerData` that makes this file serve. */
export const TRINO_ANALYSIS_WORKER_DATA = 'cloud-data-hub:trino-analysis';

export interface AnalysisRequest {
  id: number;
  sql: string;
  /** How long the parser may take before it gives up by itself (TrinoAnalyser stops it later). */
  parseBudgetMs: number;
}

export type AnalysisReply =
  /** Loaded and warmed up: requests are answered at full speed from now on. */
  { ready: true } | { id: number; analysis: TrinoAnalysis };

/**
 * Parsed once at start: the grammar's prediction caches fill on first use, which makes a cold
 * parse some hundred milliseconds slower, and that should not count against a user's budget.
 */
const WARM_UP = `WITH t AS (SELECT a.x, count(*) AS n FROM db.a a JOIN db.b b ON a.x = b.x
  WHERE a.y IN (1, 2) AND b.z LIKE 'q%' GROUP BY 1)
  SELECT x, n, CAST(n AS double) / 2 FROM t ORDER BY n DESC LIMIT 10`;

function serve(port: MessagePort): void {
  analyseTrinoSql(WARM_UP, Date.now() + 60_000);
  port.postMessage({ ready: true } satisfies AnalysisReply);
  port.on('message', (request: AnalysisRequest) => {
    const analysis = analyseTrinoSql(
      request.sql,
      Date.now() + request.parseBudgetMs,
    );
    port.postMessage({ id: request.id, analysis } satisfies AnalysisReply);
  });
}

if (!isMainThread && parentPort && workerData === TRINO_ANALYSIS_WORKER_DATA) {
  serve(parentPort);
}
