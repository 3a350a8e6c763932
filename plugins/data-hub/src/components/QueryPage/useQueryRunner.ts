import type { QueryRun } from '@cloud-data-hub/data-hub-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataHubQueryApi } from '../../api/DataHubQueryApi';
import { queryErrorMessage } from '../../api/DataHubQueryError';
import { FIRST_PAGE_ROWS } from './useResultRows';

/** Where a run is: the run's own states plus `idle` and `starting` (submit in flight). */
export type RunPhase = 'idle' | 'starting' | QueryRun['state'];

export interface RunnerState {
  phase: RunPhase;
  /** The run as last reported by the backend. */
  run?: QueryRun;
  /** The backend's message when submitting, polling or the query itself failed. */
  error?: string;
  /** When the page started the run (ms since epoch), for the ticking elapsed time. */
  startedAt?: number;
  cancelling?: boolean;
}

/**
 * Waits between status polls: quick at first, as most queries end within a
 * second or two, then every 2 s so a long query costs the backend little.
 */
const POLL_DELAYS_MS = [250, 500, 1000, 1500, 2000];
/** Consecutive failed polls tolerated (a restarting backend, a dropped connection). */
const POLL_RETRIES = 3;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export function isActive(phase: RunPhase): boolean {
  return phase === 'starting' || phase === 'running' || phase === 'queued';
}

/**
 * Runs a query: submits it, polls a long one with backoff until it ends, and
 * cancels it on request. A new run, or leaving the page, stops the polling of
 * the previous one.
 */
export function useQueryRunner(api: DataHubQueryApi, onFinished?: () => void) {
  const [state, setState] = useState<RunnerState>({ phase: 'idle' });
  const generation = useRef(0);
  const cancelRequested = useRef(false);
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  }, [onFinished]);
  useEffect(
    () => () => {
      generation.current += 1;
    },
    [],
  );

  const run = useCallback(
    async (sql: string, useCaseRef: string) => {
      const current = ++generation.current;
      const stale = () => current !== generation.current;
      const startedAt = Date.now();
      cancelRequested.current = false;
      setState({ phase: 'starting', startedAt });
      let latest: QueryRun | undefined;
      try {
        // Small queries end within the submit's wait: their first rows come with its answer.
        latest = await api.submitQuery({
          sql,
          useCaseRef,
          firstPageRows: FIRST_PAGE_ROWS,
        });
        let failures = 0;
        for (
          let i = 0;
          latest.state === 'running' || latest.state === 'queued';

        ) {
          if (stale()) return;
          const polled = latest;
          setState(previous => ({
            phase: polled.state,
            run: polled,
            startedAt,
            cancelling: previous.cancelling,
          }));
          if (cancelRequested.current) {
            // Cancel was pressed while the submit was still on its way.
            cancelRequested.current = false;
            await api.cancelQuery(latest.id).catch(() => undefined);
          }
          await sleep(POLL_DELAYS_MS[Math.min(i, POLL_DELAYS_MS.length - 1)]);
          if (stale()) return;
          try {
            latest = await api.getQuery(latest.id);
            failures = 0;
            i += 1;
          } catch (error) {
            failures += 1;
            if (failures > POLL_RETRIES) throw error;
          }
        }
        if (stale()) return;
        setState({
          phase: latest.state,
          run: latest,
          startedAt,
          error:
            latest.state === 'failed'
              ? latest.error?.message ?? 'The query failed'
              : undefined,
        });
      } catch (error) {
        if (stale()) return;
        setState({
          phase: 'failed',
          run: latest,
          startedAt,
          error: queryErrorMessage(error),
        });
      }
      onFinishedRef.current?.();
    },
    [api],
  );

  const runId = state.run?.id;
  const cancel = useCallback(async () => {
    if (!runId) {
      cancelRequested.current = true;
      setState(previous => ({ ...previous, cancelling: true }));
      return;
    }
    setState(previous => ({ ...previous, cancelling: true }));
    try {
      // The polling loop picks up the final `cancelled` state.
      await api.cancelQuery(runId);
    } catch (error) {
      setState(previous => ({
        ...previous,
        cancelling: false,
        error: queryErrorMessage(error),
      }));
    }
  }, [api, runId]);

  /** Forgets the last run (e.g. when the use case changes). */
  const reset = useCallback(() => {
    generation.current += 1;
    setState({ phase: 'idle' });
  }, []);

  return { state, run, cancel, reset };
}
