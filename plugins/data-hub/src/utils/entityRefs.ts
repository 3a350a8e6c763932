import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The full, lower-cased form of an entity ref (`group:default/sales-data-us`),
 * so that refs written in short form in YAML (`sales-data-us`) compare equal
 * to the full refs of a Backstage identity. Undefined for unparseable refs.
 */
export function fullEntityRef(
  ref: string,
  defaultKind: string,
): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** True when one of `ownershipRefs` (a user's identity) is the owner `ownerRef`. */
export function isOwnedBy(ownershipRefs: string[], ownerRef: string): boolean {
  const owner = fullEntityRef(ownerRef, 'group');
  return (
    !!owner && ownershipRefs.some(ref => fullEntityRef(ref, 'group') === owner)
  );
}
