import { DatasetSpecFilter } from './DatasetSpecFilter';

/**
 * Catalog list filter on `spec.hub` of Dataset entities (`filters[hub]=us`).
 *
 * @public
 */
export class DatasetHubFilter extends DatasetSpecFilter {
  protected readonly field = 'hub';
}
