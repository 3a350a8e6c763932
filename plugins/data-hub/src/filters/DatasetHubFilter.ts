import type { Entity } from '@backstage/catalog-model';
import type { EntityFilter } from '@backstage/plugin-catalog-react';
import { anyOfPredicate, CatalogQuery } from './anyOfPredicate';

/**
 * Catalog list filter on `spec.hub` of Dataset entities. Filters on the
 * catalog backend and serializes to the URL as `filters[hub]=us`.
 *
 * @public
 */
export class DatasetHubFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  /** Backend filter in the `filter=spec.hub=...` form. */
  getCatalogFilters(): Record<string, string[]> {
    return { 'spec.hub': this.values };
  }

  /**
   * The same constraint as a predicate query; catalog-react prefers it over
   * `getCatalogFilters` when both exist.
   */
  getCatalogQuery(): CatalogQuery {
    return anyOfPredicate('spec.hub', this.values);
  }

  filterEntity(entity: Entity): boolean {
    return this.values.includes(entity.spec?.hub as string);
  }

  toQueryValue(): string[] {
    return this.values;
  }
}
