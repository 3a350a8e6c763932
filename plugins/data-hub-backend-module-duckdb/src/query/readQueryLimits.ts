import type { RootConfigService } from '@backstage/backend-plugin-api';
import type { DuckDBQueryLimits } from './DuckDBQueryEngine';

/** Reads `dataHub.duckdb.query`, with defaults sized for a laptop. */
export function readQueryLimits(config: RootConfigService): DuckDBQueryLimits {
  const query = config.getOptionalConfig('dataHub.duckdb.query');
  return {
    memoryLimit: query?.getOptionalString('memoryLimit') ?? '1GB',
    threads: query?.getOptionalNumber('threads') ?? 2,
    maxRows: query?.getOptionalNumber('maxRows') ?? 100_000,
    timeoutSeconds: query?.getOptionalNumber('timeoutSeconds') ?? 120,
    resultRetentionMinutes: query?.getOptionalNumber('resultRetentionMinutes') ?? 30,
    maxRetainedQueries: query?.getOptionalNumber('maxRetainedQueries') ?? 200,
  };
}
