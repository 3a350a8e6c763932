import { parseEntityRef } from '@backstage/catalog-model';
import type { LineageNode } from '@cloud-data-hub/data-hub-common';

/** The text after `prefix:` of a node id such as `job:spark/prepare` or `external:s3://b/k`. */
function afterPrefix(id: string, prefix: string): string {
  return id.startsWith(`${prefix}:`) ? id.slice(prefix.length + 1) : id;
}

/**
 * What people call a node: a Dataset's title, a job's name, an external
 * dataset's name. Datasets declared but not (yet) in the catalog have neither
 * title nor names, so their entity ref's name stands in.
 */
export function nodeLabel(node: LineageNode): string {
  if (node.title) return node.title;
  const [first] = node.names;
  if (first?.name) return first.name;
  if (node.entityRef) {
    try {
      return parseEntityRef(node.entityRef).name;
    } catch {
      return node.entityRef;
    }
  }
  return afterPrefix(node.id, node.kind === 'job' ? 'job' : 'external');
}

/** The OpenLineage `namespace/name` of a job or external dataset, e.g. `s3://raw-bucket/orders`. */
export function openLineageName(node: LineageNode): string {
  const [first] = node.names;
  if (first) return `${first.namespace}/${first.name}`;
  return afterPrefix(node.id, node.kind === 'job' ? 'job' : 'external');
}

/** True for datasets jobs reported that no catalog Dataset's storage matches. */
export function isExternal(node: LineageNode): boolean {
  return node.kind === 'dataset' && (node.external === true || !node.entityRef);
}

/**
 * `text` cut to `max` characters with an ellipsis: SVG text does not wrap or
 * clip by itself, and node boxes have a fixed width.
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
