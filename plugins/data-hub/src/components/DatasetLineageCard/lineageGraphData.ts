import type { DependencyGraphTypes } from '@backstage/core-components';
import type {
  LineageEdge,
  LineageGraph,
  LineageNode,
} from '@cloud-data-hub/data-hub-common';
import { nodeLabel } from './lineageLabels';

/** What a graph node carries to its renderer. */
export interface LineageNodeData {
  lineage: LineageNode;
  label: string;
  /** The dataset whose page this is. */
  isRoot: boolean;
}

/** What a graph edge carries to its renderer. */
export interface LineageEdgeData {
  type: LineageEdge['type'];
  lastSeenAt?: string;
}

export type LineageGraphNode =
  DependencyGraphTypes.DependencyNode<LineageNodeData>;
export type LineageGraphEdge =
  DependencyGraphTypes.DependencyEdge<LineageEdgeData>;

/**
 * The lineage graph as `DependencyGraph` nodes and edges. Dagre keeps one
 * edge per pair of nodes, so an observed and a declared edge between the same
 * two nodes become one, drawn as observed (the stronger evidence). Edges to
 * nodes the graph does not list are dropped: dagre would add them without data.
 */
export function toGraphData(graph: LineageGraph): {
  nodes: LineageGraphNode[];
  edges: LineageGraphEdge[];
} {
  const nodes = graph.nodes.map(lineage => ({
    id: lineage.id,
    lineage,
    label: nodeLabel(lineage),
    isRoot: lineage.id === graph.root,
  }));
  const ids = new Set(nodes.map(n => n.id));
  const edges = new Map<string, LineageGraphEdge>();
  for (const edge of graph.edges) {
    if (!ids.has(edge.from) || !ids.has(edge.to)) continue;
    const key = `${edge.from}\u0000${edge.to}`;
    const existing = edges.get(key);
    if (existing?.type === 'observed') continue;
    edges.set(key, {
      from: edge.from,
      to: edge.to,
      type: edge.type,
      lastSeenAt: edge.lastSeenAt,
    });
  }
  return { nodes, edges: [...edges.values()] };
}
