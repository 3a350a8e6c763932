import type { Knex } from 'knex';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';

/**
 * Columns of `access_requests` that permission rules may filter on. Grants and audit events are
 * filtered through the request behind them, so the same rules mean the same on every list.
 *
 * @public
 */
export type AccessQueryColumn =
  | 'dataset_hub'
  | 'classification'
  | 'requester'
  | 'dataset_owner'
  | 'use_case_owner';

/**
 * What a permission rule compiles to in SQL: a column and the values it may take.
 *
 * @public
 */
export interface AccessQuery {
  column: AccessQueryColumn;
  values: string[];
}

/** Applies permission criteria (allOf / anyOf / not of rule queries) to a Knex query. */
export function applyAccessCriteria(
  qb: Knex.QueryBuilder,
  criteria: PermissionCriteria<AccessQuery>,
  tableAlias: string,
): void {
  if ('allOf' in criteria) {
    qb.where(inner => {
      for (const c of criteria.allOf)
        inner.andWhere(q => applyAccessCriteria(q, c, tableAlias));
    });
  } else if ('anyOf' in criteria) {
    qb.where(inner => {
      for (const c of criteria.anyOf)
        inner.orWhere(q => applyAccessCriteria(q, c, tableAlias));
    });
  } else if ('not' in criteria) {
    qb.whereNot(inner => applyAccessCriteria(inner, criteria.not, tableAlias));
  } else {
    qb.whereIn(`${tableAlias}.${criteria.column}`, criteria.values);
  }
}
