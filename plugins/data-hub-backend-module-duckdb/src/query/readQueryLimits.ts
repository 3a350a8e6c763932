import type { RootConfigService } from '@backstage/backend-plugin-api';
import type { DuckDBQueryLimits } from './DuckDBQueryEngine';

const MB = 1024 * 1024;

/** Reads `dataHub.duckdb.query`, with defaults sized for a laptop. */
export function readQueryLimits(config: RootConfigService): DuckDBQueryLimits {
  const query = config.getOptionalConfig('dataHub.duckdb.query');
  return {
    memoryLimit: query?.getOptionalString('memoryLimit') ?? '1GB',
    threads: query?.getOptionalNumber('threads') ?? 2,
    maxRows: query?.getOptionalNumber('maxRows') ?? 100_000,
    maxResultBytes: (query?.getOptionalNumber('maxResultMegabytes') ?? 64) * MB,
    maxRetainedBytes: (query?.getOptionalNumber('maxRetainedMegabytes') ?? 512) * MB,
    timeoutSeconds: query?.getOptionalNumber('timeoutSeconds') ?? 120,
    downloadTimeoutSeconds: query?.getOptionalNumber('downloadTimeoutSeconds') ?? 600,
    resultRetentionMinutes: query?.getOptionalNumber('resultRetentionMinutes') ?? 30,
    maxRetainedQueries: query?.getOptionalNumber('maxRetainedQueries') ?? 200,
  };
}
