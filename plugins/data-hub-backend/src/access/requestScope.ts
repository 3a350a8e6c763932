import { InputError } from '@backstage/errors';
import type {
  AccessScopeTable,
  CreateAccessRequestBody,
} from '@cloud-data-hub/data-hub-common';
import type { DatasetFacts } from './AccessSubjects';

/**
 * Turns what a request asks for into exact tables and columns. Defaults never include PII:
 * a request gets PII columns only by naming them. Unknown names fail with the valid ones.
 */
export function resolveRequestScope(
  dataset: DatasetFacts,
  requested: CreateAccessRequestBody['tables'],
): AccessScopeTable[] {
  const byName = new Map(dataset.tables.map(t => [t.name, t]));
  const problems: string[] = [];
  const wanted =
    requested ??
    dataset.tables.map(t => ({ name: t.name, columns: undefined }));
  const scope: AccessScopeTable[] = [];
  const seen = new Set<string>();

  for (const { name, columns } of wanted) {
    const table = byName.get(name);
    if (!table) {
      problems.push(
        `"${name}" is not a table of ${dataset.ref} (tables: ${[
          ...byName.keys(),
        ].join(', ')})`,
      );
      continue;
    }
    if (seen.has(name)) {
      problems.push(`table "${name}" is listed twice`);
      continue;
    }
    seen.add(name);
    const all = [...(table.partitionKeys ?? []), ...table.columns];
    let granted: string[];
    if (columns === undefined) {
      granted = all.filter(c => !c.pii).map(c => c.name);
    } else {
      const known = new Set(all.map(c => c.name));
      const unknown = columns.filter(c => !known.has(c));
      if (unknown.length) {
        problems.push(
          `${unknown
            .map(c => `"${c}"`)
            .join(', ')} not a column of table "${name}"`,
        );
      }
      granted = [...new Set(columns.filter(c => known.has(c)))];
    }
    if (granted.length) scope.push({ name, columns: granted });
    else if (columns !== undefined && problems.length === 0)
      problems.push(`no columns requested for table "${name}"`);
  }

  if (problems.length)
    throw new InputError(`Invalid tables/columns: ${problems.join('; ')}`);
  if (scope.length === 0) {
    throw new InputError(
      `Nothing to request: every column of ${dataset.ref} is PII; name the PII columns you need in "tables"`,
    );
  }
  return scope;
}

/** Columns of `scope` that the dataset marks as PII, as `table.column`. */
export function piiColumnsOf(
  dataset: DatasetFacts,
  scope: AccessScopeTable[],
): string[] {
  const pii: string[] = [];
  for (const t of scope) {
    const table = dataset.tables.find(x => x.name === t.name);
    const piiNames = new Set(
      [...(table?.partitionKeys ?? []), ...(table?.columns ?? [])]
        .filter(c => c.pii)
        .map(c => c.name),
    );
    for (const c of t.columns) if (piiNames.has(c)) pii.push(`${t.name}.${c}`);
  }
  return pii;
}
