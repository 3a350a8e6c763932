import { DatasetSpecFilter } from './DatasetSpecFilter';

/**
 * Catalog list filter on `spec.layer` of Dataset entities (`filters[layer]=prepared`).
 *
 * @public
 */
export class DatasetLayerFilter extends DatasetSpecFilter {
  protected readonly field = 'layer';
}
