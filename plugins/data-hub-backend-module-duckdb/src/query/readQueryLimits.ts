import path from 'node:path';
import type { RootConfigService } from '@backstage/backend-plugin-api';
import type { DuckDBQueryLimits } from './DuckDBQueryEngine';

const MB = 1024 * 1024;

/** Reads `dataHub.duckdb.query`, with defaults sized for a laptop. */
export function readQueryLimits(config: RootConfigService): DuckDBQueryLimits {
  const query = config.getOptionalConfig('dataHub.duckdb.query');
  return {
    memoryLimit: query?.getOptionalString('memoryLimit') ?? '1GB',
    threads: query?.getOptionalNumber('threads') ?? 2,
    maxResultBytes:
      (query?.getOptionalNumber('maxResultMegabytes') ?? 1024) * MB,
    maxPageBytes: (query?.getOptionalNumber('maxPageMegabytes') ?? 16) * MB,
    timeoutSeconds: query?.getOptionalNumber('timeoutSeconds') ?? 120,
    downloadTimeoutSeconds:
      query?.getOptionalNumber('downloadTimeoutSeconds') ?? 600,
    resultsDirectory: path.resolve(
      query?.getOptionalString('resultsDirectory') ?? '.data-hub/query-results',
    ),
  };
}
