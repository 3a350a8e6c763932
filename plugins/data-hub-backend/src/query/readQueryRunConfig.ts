import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** `dataHub.query`: how runs are kept alive, ended and their results kept. */
export interface QueryRunConfig {
  /** How long a succeeded run's result stays readable. */
  resultRetentionMs: number;
  /** Stored results per user; the oldest are removed beyond it. */
  maxResultBytesPerUser: number;
  /** How often a process records that its in-process runs are alive (and picks up cancels). */
  heartbeatMs: number;
  /** An in-process run not reported alive for this long is `interrupted` (its process stopped). */
  interruptAfterMs: number;
  /** How often the scheduler looks for such runs and polls runs of engines like Athena. */
  watchIntervalMs: number;
}

const MB = 1024 * 1024;

export function readQueryRunConfig(config: Config): QueryRunConfig {
  const query = config.getOptionalConfig('dataHub.query');
  const retention = query?.has('resultRetention')
    ? durationToMilliseconds(
        readDurationFromConfig(query, { key: 'resultRetention' }),
      )
    : 24 * 3_600_000;
  const heartbeatMs =
    (query?.getOptionalNumber('heartbeatSeconds') ?? 2) * 1000;
  const interruptAfterMs =
    (query?.getOptionalNumber('interruptAfterSeconds') ?? 30) * 1000;
  if (interruptAfterMs < 3 * heartbeatMs) {
    throw new Error(
      `dataHub.query.interruptAfterSeconds must be at least three heartbeats (dataHub.query.heartbeatSeconds × 3 = ${
        (3 * heartbeatMs) / 1000
      } s), else slow runs would be taken for stopped ones`,
    );
  }
  return {
    resultRetentionMs: retention,
    maxResultBytesPerUser:
      (query?.getOptionalNumber('maxResultMegabytesPerUser') ?? 2048) * MB,
    heartbeatMs,
    interruptAfterMs,
    watchIntervalMs:
      (query?.getOptionalNumber('watchIntervalSeconds') ?? 10) * 1000,
  };
}
