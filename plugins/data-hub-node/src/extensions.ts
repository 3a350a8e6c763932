import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DatasetSource } from './DatasetSource';
import type { AccessGranter } from './AccessGranter';
import type { QueryEngine } from './QueryEngine';

/**
 * Lets backend modules plug dataset sources into the data-hub backend plugin.
 *
 * @public
 */
export interface DataHubDatasetSourcesExtensionPoint {
  addDatasetSource(source: DatasetSource): void;
}

/** @public */
export const dataHubDatasetSourcesExtensionPoint =
  createExtensionPoint<DataHubDatasetSourcesExtensionPoint>({
    id: 'data-hub.dataset-sources',
  });

/**
 * Lets a backend module provide the granter (local DuckDB grants, Lake Formation). With more
 * than one, `dataHub.access.granter` names the one to use.
 *
 * @public
 */
export interface DataHubAccessGrantersExtensionPoint {
  addAccessGranter(granter: AccessGranter): void;
}

/** @public */
export const dataHubAccessGrantersExtensionPoint =
  createExtensionPoint<DataHubAccessGrantersExtensionPoint>({
    id: 'data-hub.access-granters',
  });

/**
 * Lets a backend module provide the query engine (DuckDB, Athena). With more than one,
 * `dataHub.query.engine` names the one to use.
 *
 * @public
 */
export interface DataHubQueryEnginesExtensionPoint {
  addQueryEngine(engine: QueryEngine): void;
}

/** @public */
export const dataHubQueryEnginesExtensionPoint =
  createExtensionPoint<DataHubQueryEnginesExtensionPoint>({
    id: 'data-hub.query-engines',
  });
