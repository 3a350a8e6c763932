import type {
  ColumnLineage,
  LineageGraph,
  LineageNode,
} from '@cloud-data-hub/data-hub-common';
import type { DatasetVisibility } from './ReadableDatasets';

/** How a Dataset the caller may not read appears in lineage. */
export const HIDDEN_DATASET_TITLE = 'A dataset you cannot see';

/**
 * Redacts the Datasets the caller may not read from a lineage graph: such a node keeps its
 * place (so the path through it stays visible) but loses its ref, names, hub and layer, under
 * an id that means nothing outside this answer.
 */
export function hideUnreadableNodes(
  graph: LineageGraph,
  visible: DatasetVisibility,
): LineageGraph {
  const ids = new Map<string, string>();
  const nodes: LineageNode[] = graph.nodes.map(node => {
    if (!node.entityRef || visible.canRead(node.entityRef)) return node;
    const id = `hidden:${ids.size + 1}`;
    ids.set(node.id, id);
    return { id, kind: 'dataset', title: HIDDEN_DATASET_TITLE, names: [] };
  });
  const idOf = (id: string) => ids.get(id) ?? id;
  return {
    root: graph.root,
    nodes,
    edges: graph.edges.map(e => ({ ...e, from: idOf(e.from), to: idOf(e.to) })),
  };
}

/** Redacts the input columns that come from Datasets the caller may not read. */
export function hideUnreadableInputs(
  lineage: ColumnLineage,
  visible: DatasetVisibility,
): ColumnLineage {
  return {
    entityRef: lineage.entityRef,
    columns: lineage.columns.map(column => ({
      ...column,
      inputs: column.inputs.map(input =>
        !input.entityRef || visible.canRead(input.entityRef)
          ? input
          : {
              external: false,
              namespace: '',
              name: HIDDEN_DATASET_TITLE,
              field: '',
              transformationType: input.transformationType,
              transformationSubtype: input.transformationSubtype,
              masking: input.masking,
            },
      ),
    })),
  };
}
