import type {
  Permission,
  PrincipalResourcePermissions,
  Resource,
} from '@aws-sdk/client-lakeformation';
import type { AccessScopeTable } from '@cloud-data-hub/data-hub-common';

/**
 * Column placeholder in `listGranted` for a SELECT that covers a whole table (a table-level
 * grant or a column wildcard, possibly with exclusions). The portal never grants those
 * itself, so `*` tells the reconcile job that somebody else widened the grant.
 */
export const ALL_COLUMNS = '*';

/** The Lake Formation permissions a principal holds on one table, as ListPermissions lists them. */
export interface ListedTablePermissions {
  table: string;
  entries: PrincipalResourcePermissions[];
}

/** One grant or revoke of a batch call, named by the table it touches for error messages. */
export interface PermissionChange {
  table: string;
  resource: Resource;
  permissions: Permission[];
  permissionsWithGrantOption?: Permission[];
}

/** What brings the listed permissions to the wanted columns: revokes run before grants. */
export interface ColumnGrantPlan {
  revokes: PermissionChange[];
  grants: PermissionChange[];
}

/** Where the dataset's tables live and who receives the grant. */
export interface TableLocation {
  catalogId?: string;
  databaseName: string;
}

function grantsSelect(entry: PrincipalResourcePermissions): boolean {
  const all = [
    ...(entry.Permissions ?? []),
    ...(entry.PermissionsWithGrantOption ?? []),
  ];
  return all.includes('SELECT') || all.includes('ALL');
}

/**
 * Whether an entry looks like the grants the portal makes itself: SELECT on a named list of
 * columns, no grant option, no condition. Only those can be narrowed column by column;
 * anything else (table-level, column wildcard, grant option) is replaced as a whole.
 */
function isColumnListGrant(entry: PrincipalResourcePermissions): boolean {
  const columns = entry.Resource?.TableWithColumns;
  return (
    !!columns?.ColumnNames?.length &&
    !columns.ColumnWildcard &&
    !entry.Condition &&
    (entry.PermissionsWithGrantOption ?? []).length === 0 &&
    (entry.Permissions ?? []).every(p => p === 'SELECT')
  );
}

/**
 * The columns the listed entries let the principal SELECT: the union of their column lists,
 * or `[ALL_COLUMNS]` when any entry covers the whole table; undefined without SELECT.
 */
export function selectableColumns(
  entries: PrincipalResourcePermissions[],
): string[] | undefined {
  const selecting = entries.filter(grantsSelect);
  if (selecting.length === 0) {
    return undefined;
  }
  if (selecting.some(e => !e.Resource?.TableWithColumns?.ColumnNames?.length)) {
    return [ALL_COLUMNS];
  }
  const columns = new Set<string>();
  for (const entry of selecting) {
    for (const column of entry.Resource!.TableWithColumns!.ColumnNames!) {
      columns.add(column);
    }
  }
  return [...columns];
}

/**
 * Merges duplicate tables and columns and drops tables without columns: a table with no
 * columns wanted means no access to it, which is how a grant is narrowed to fewer tables.
 */
export function normaliseScope(tables: AccessScopeTable[]): AccessScopeTable[] {
  const merged = new Map<string, string[]>();
  for (const table of tables) {
    const columns = merged.get(table.name) ?? [];
    for (const column of table.columns) {
      if (!columns.includes(column)) {
        columns.push(column);
      }
    }
    merged.set(table.name, columns);
  }
  return [...merged.entries()]
    .filter(([, columns]) => columns.length > 0)
    .map(([name, columns]) => ({ name, columns }));
}

/** Orders columns as the caller listed them, unknown ones (e.g. `*`) after, alphabetically. */
export function orderColumns(columns: string[], preferred: string[]): string[] {
  const known = preferred.filter(c => columns.includes(c));
  const rest = columns.filter(c => !preferred.includes(c)).sort();
  return [...known, ...rest];
}

function sameColumns(
  a: string[] | undefined,
  b: string[] | undefined,
): boolean {
  const left = new Set(a ?? []);
  const right = new Set(b ?? []);
  return left.size === right.size && [...left].every(c => right.has(c));
}

/** Tables whose listed SELECT columns differ from the wanted ones. */
export function mismatchedTables(
  wanted: AccessScopeTable[],
  listed: ListedTablePermissions[],
): string[] {
  return listed
    .filter(
      ({ table, entries }) =>
        !sameColumns(
          selectableColumns(entries),
          wanted.find(t => t.name === table)?.columns,
        ),
    )
    .map(({ table }) => table);
}

function columnsResource(
  location: TableLocation,
  table: string,
  columns: string[],
): Resource {
  return {
    TableWithColumns: {
      CatalogId: location.catalogId,
      DatabaseName: location.databaseName,
      Name: table,
      ColumnNames: columns,
    },
  };
}

/** Revokes an entry exactly as ListPermissions returned it, with all its permissions. */
export function revokeListedEntry(
  table: string,
  entry: PrincipalResourcePermissions,
): PermissionChange {
  return {
    table,
    resource: entry.Resource!,
    permissions: entry.Permissions ?? [],
    permissionsWithGrantOption: entry.PermissionsWithGrantOption ?? [],
  };
}

/**
 * The smallest change from the listed permissions to SELECT on exactly the wanted columns,
 * per table in `listed` (every table the target names):
 * - column-list grants are adjusted in place: unwanted columns revoked, missing ones granted,
 *   so columns that stay are never revoked and queries on them keep working;
 * - any other SELECT (table-level, column wildcard, grant option, condition) is revoked as
 *   listed and the wanted columns granted afresh (`replace`), since such a grant cannot be
 *   narrowed by naming columns.
 * Permissions without SELECT (e.g. DESCRIBE) are left to `revoke`.
 */
export function planColumnGrants(
  location: TableLocation,
  wanted: AccessScopeTable[],
  listed: ListedTablePermissions[],
  replace: ReadonlySet<string> = new Set(),
): ColumnGrantPlan {
  const plan: ColumnGrantPlan = { revokes: [], grants: [] };
  for (const { table, entries } of listed) {
    const wantedColumns = wanted.find(t => t.name === table)?.columns ?? [];
    const selecting = entries.filter(grantsSelect);
    if (replace.has(table) || !selecting.every(isColumnListGrant)) {
      plan.revokes.push(...selecting.map(e => revokeListedEntry(table, e)));
      if (wantedColumns.length > 0) {
        plan.grants.push({
          table,
          resource: columnsResource(location, table, wantedColumns),
          permissions: ['SELECT'],
        });
      }
      continue;
    }
    const held = selectableColumns(selecting) ?? [];
    const unwanted = held.filter(c => !wantedColumns.includes(c));
    const missing = wantedColumns.filter(c => !held.includes(c));
    if (unwanted.length > 0) {
      plan.revokes.push({
        table,
        resource: columnsResource(location, table, unwanted),
        permissions: ['SELECT'],
      });
    }
    if (missing.length > 0) {
      plan.grants.push({
        table,
        resource: columnsResource(location, table, missing),
        permissions: ['SELECT'],
      });
    }
  }
  return plan;
}
