import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * A link to a Dataset's catalog page, named by the title the backend sent
 * along. Without a title the catalog's own presentation of the ref is shown.
 */
export function DatasetLink(props: { entityRef: string; title?: string }) {
  const { entityRef, title } = props;
  return (
    <EntityRefLink entityRef={entityRef} defaultKind="dataset">
      {title || undefined}
    </EntityRefLink>
  );
}
