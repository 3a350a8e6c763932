import type {
  LineageEdge,
  LineageGraph,
  LineageNode,
} from '@cloud-data-hub/data-hub-common';
import { nodeLabel } from './lineageLabels';

/** Which side of the dataset a list shows. */
export type LineageSide = 'upstream' | 'downstream';

/** A dataset upstream or downstream of the current one. */
export interface NeighbourDataset {
  node: LineageNode;
  label: string;
  /** Dataset hops from the current dataset: 1 for its direct inputs or outputs. */
  distance: number;
  /** How it is linked at that distance: reported by jobs, declared in `spec.upstream`, or both. */
  observed: boolean;
  declared: boolean;
  /** Labels of the jobs that link it at that distance (observed links only). */
  viaJobs: string[];
}

interface Step {
  to: string;
  type: LineageEdge['type'];
}

/**
 * The datasets on one side of the graph's root, nearest first. Jobs sit
 * between datasets on observed paths (dataset → job → dataset) but are not
 * datasets, so they add no hop; a declared edge links two datasets directly.
 */
export function neighbourDatasets(
  graph: LineageGraph,
  side: LineageSide,
): NeighbourDataset[] {
  const nodes = new Map(graph.nodes.map(n => [n.id, n]));
  const steps = new Map<string, Step[]>();
  for (const edge of graph.edges) {
    const [from, to] =
      side === 'upstream' ? [edge.to, edge.from] : [edge.from, edge.to];
    steps.set(from, [...(steps.get(from) ?? []), { to, type: edge.type }]);
  }

  const found = new Map<string, NeighbourDataset>();
  const reached = new Set([graph.root]);
  let frontier = [graph.root];
  for (let distance = 1; frontier.length > 0; distance++) {
    const level = new Map<string, NeighbourDataset>();
    const reach = (id: string, type: Step['type'], job?: string) => {
      const node = nodes.get(id);
      if (!node || node.kind !== 'dataset' || reached.has(id)) return;
      const entry = level.get(id) ?? {
        node,
        label: nodeLabel(node),
        distance,
        observed: false,
        declared: false,
        viaJobs: [],
      };
      if (type === 'declared') entry.declared = true;
      else entry.observed = true;
      if (job && !entry.viaJobs.includes(job)) entry.viaJobs.push(job);
      level.set(id, entry);
    };
    for (const dataset of frontier) {
      for (const step of steps.get(dataset) ?? []) {
        const next = nodes.get(step.to);
        if (next?.kind !== 'job') {
          reach(step.to, step.type);
          continue;
        }
        for (const out of steps.get(next.id) ?? []) {
          reach(out.to, out.type, nodeLabel(next));
        }
      }
    }
    for (const [id, entry] of level) {
      reached.add(id);
      found.set(id, entry);
    }
    frontier = [...level.keys()];
  }

  return [...found.values()].sort(
    (a, b) =>
      a.distance - b.distance ||
      a.label.localeCompare(b.label, 'en-US', { sensitivity: 'base' }),
  );
}

/** True when the graph shows nothing but the dataset itself. */
export function isEmptyGraph(graph: LineageGraph): boolean {
  return graph.edges.length === 0;
}
