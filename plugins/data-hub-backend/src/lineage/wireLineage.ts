import {
  resolvePackagePath,
  type AuthService,
  type HttpAuthService,
  type RootConfigService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type express from 'express';
import type { Knex } from 'knex';
import type { AccessWiring } from '../access/wireAccess';
import type { QueryStore } from '../query/QueryStore';
import { createLineageRouter } from '../service/lineageRouter';
import { DatasetIndex } from './DatasetIndex';
import {
  DEFAULT_DEPENDENCY_WINDOW_DAYS,
  LineageService,
} from './LineageService';
import { LineageStore } from './LineageStore';
import { OpenLineageValidator } from './OpenLineageValidator';
import { ReadableDatasets } from './ReadableDatasets';
import { UsageStats } from './UsageStats';

export interface LineageWiringOptions {
  db: Knex;
  access: Pick<AccessWiring, 'workflow'>;
  queryRuns: QueryStore;
  config: RootConfigService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  catalog: CatalogService;
}

/**
 * Lineage intake (OpenLineage), the lineage graph, dataset health, usage from the query
 * runs, and the overview: the store, the service over the catalog, and the routes.
 */
export function wireLineage(options: LineageWiringOptions): {
  router: express.Router;
} {
  const { config, catalog } = options;
  const store = new LineageStore(options.db);
  const service = new LineageService(
    store,
    new DatasetIndex(catalog, options.auth),
    new UsageStats(options.queryRuns),
    new ReadableDatasets(catalog),
    {
      dependencyWindowDays:
        config.getOptionalNumber('dataHub.lineage.dependencyWindowDays') ??
        DEFAULT_DEPENDENCY_WINDOW_DAYS,
      useCasesNamedFor: (ref, credentials) =>
        options.access.workflow.useCasesNamedFor(ref, credentials),
    },
  );
  const router = createLineageRouter({
    httpAuth: options.httpAuth,
    maxBodySize: config.getOptionalString('dataHub.lineage.maxRequestBody'),
    validator: new OpenLineageValidator(
      resolvePackagePath(
        '@cloud-data-hub/data-hub-backend',
        'schemas/openlineage',
      ),
    ),
    store,
    service,
  });
  return { router };
}
