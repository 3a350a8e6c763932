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
import { GroupCommit } from './GroupCommit';
import { LineageStore } from './LineageStore';
import { OpenLineageValidator } from './OpenLineageValidator';
import { ReadableDatasets } from './ReadableDatasets';
import { UsageStats } from './UsageStats';

/**
 * Intake statements in flight at once per backend: a few, so a slow one does not hold the
 * others up, and few enough that requests under load wait and share statements.
 */
const INTAKE_WRITES = 4;
/** Events one intake statement takes at most (a larger request goes alone, split by the store). */
const INTAKE_MAX_EVENTS = 1_000;

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
    // Requests arriving while INTAKE_WRITES statements are in flight share the next one.
    intake: new GroupCommit(events => store.ingest(events), {
      concurrency: INTAKE_WRITES,
      maxItems: INTAKE_MAX_EVENTS,
    }),
    service,
  });
  return { router };
}
