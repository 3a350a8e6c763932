import type { Entity } from '@backstage/catalog-model';
import type { EntityFilter } from '@backstage/plugin-catalog-react';
import { anyOfPredicate } from './anyOfPredicate';

/**
 * A catalog list filter on one top-level `spec` field of Dataset entities: it filters
 * on the catalog backend and serializes to the URL as `filters[<key>]=<value>`.
 *
 * @public
 */
export abstract class DatasetSpecFilter implements EntityFilter {
  /** The `spec` field filtered on, e.g. `hub`. */
  protected abstract readonly field: string;

  constructor(readonly values: string[]) {}

  /** Backend filter in the `filter=spec.<field>=...` form. */
  getCatalogFilters(): Record<string, string[]> {
    return { [`spec.${this.field}`]: this.values };
  }

  /**
   * The same constraint as a predicate query; catalog-react prefers it over
   * `getCatalogFilters` when both exist.
   */
  getCatalogQuery(): ReturnType<NonNullable<EntityFilter['getCatalogQuery']>> {
    return anyOfPredicate(`spec.${this.field}`, this.values);
  }

  filterEntity(entity: Entity): boolean {
    return this.values.includes(entity.spec?.[this.field] as string);
  }

  toQueryValue(): string[] {
    return this.values;
  }
}
