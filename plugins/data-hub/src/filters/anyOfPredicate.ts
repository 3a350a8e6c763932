import type { EntityFilter } from '@backstage/plugin-catalog-react';

/** The predicate type of `EntityFilter.getCatalogQuery`. */
export type CatalogQuery = NonNullable<
  ReturnType<NonNullable<EntityFilter['getCatalogQuery']>>
>;

/** `{ field: value }` for one value, `{ field: { $in: values } }` for several. */
export function anyOfPredicate(field: string, values: string[]): CatalogQuery {
  if (values.length === 0) {
    return { $any: [] };
  }
  if (values.length === 1) {
    return { [field]: values[0] } as CatalogQuery;
  }
  return { [field]: { $in: values } } as CatalogQuery;
}
