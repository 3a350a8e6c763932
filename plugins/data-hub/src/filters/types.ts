import type { DefaultEntityFilters } from '@backstage/plugin-catalog-react';
import type { DatasetHubFilter } from './DatasetHubFilter';
import type { DatasetLayerFilter } from './DatasetLayerFilter';

/**
 * The catalog list filters with the Data Hub's `hub` and `layer` filters.
 *
 * @public
 */
export type DatasetEntityFilters = DefaultEntityFilters & {
  hub?: DatasetHubFilter;
  layer?: DatasetLayerFilter;
};
