import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { DatasetLookup } from './DatasetIndex';
import type { JobDatasetEdge, StoredColumnLineage } from './LineageStore';
import { datasetKey } from './LineageStore';
import type {
  ColumnLineageEntry,
  LineageDirection,
  LineageEdge,
  LineageGraph,
  LineageNode,
} from '@cloud-data-hub/data-hub-common';

const jobId = (namespace: string, name: string) => `job:${namespace}/${name}`;
const externalId = (namespace: string, name: string) =>
  `external:${namespace}/${name}`;

/**
 * The lineage graph around one Dataset: datasets and jobs as nodes, observed job edges
 * (input → job → output) and declared upstream edges, walked `depth` dataset levels up,
 * down or both. Observed names resolve to catalog Datasets where their storage matches.
 */
export function buildLineageGraph(options: {
  rootRef: string;
  depth: number;
  direction: LineageDirection;
  edges: JobDatasetEdge[];
  lookup: DatasetLookup;
}): LineageGraph {
  const { lookup } = options;
  const nodes = new Map<string, LineageNode>();
  const datasetNode = (namespace: string, name: string): string => {
    const hit = lookup.resolve(namespace, name);
    const id = hit ? hit.entityRef : externalId(namespace, name);
    const node =
      nodes.get(id) ??
      describeDataset(id, lookup, hit ? undefined : { namespace, name });
    if (!node.names.some(n => n.namespace === namespace && n.name === name))
      node.names.push({ namespace, name });
    nodes.set(id, node);
    return id;
  };

  // Adjacency over node ids: dataset → jobs reading it, job → datasets it writes, and back.
  const readers = new Map<string, Map<string, string>>(); // dataset → job → lastSeen
  const writers = new Map<string, Map<string, string>>(); // dataset → job → lastSeen
  const jobInputs = new Map<string, Map<string, string>>();
  const jobOutputs = new Map<string, Map<string, string>>();
  const link = (
    m: Map<string, Map<string, string>>,
    a: string,
    b: string,
    at: string,
  ) => {
    const inner = m.get(a) ?? new Map<string, string>();
    if (!inner.has(b) || inner.get(b)! < at) inner.set(b, at);
    m.set(a, inner);
  };
  for (const e of options.edges) {
    const d = datasetNode(e.namespace, e.name);
    const j = jobId(e.jobNamespace, e.jobName);
    if (e.direction === 'input') {
      link(readers, d, j, e.lastSeenAt);
      link(jobInputs, j, d, e.lastSeenAt);
    } else {
      link(writers, d, j, e.lastSeenAt);
      link(jobOutputs, j, d, e.lastSeenAt);
    }
  }
  // Declared upstream, both ways, by lower-cased ref.
  const declaredUp = new Map<string, string[]>();
  const declaredDown = new Map<string, string[]>();
  for (const d of lookup.datasets) {
    const ref = stringifyEntityRef(d);
    for (const up of d.spec.upstream ?? []) {
      const upRef = normaliseRef(up, d.metadata.namespace);
      if (!upRef) continue;
      declaredUp.set(ref, [...(declaredUp.get(ref) ?? []), upRef]);
      declaredDown.set(upRef, [...(declaredDown.get(upRef) ?? []), ref]);
    }
  }

  const used = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const use = (id: string) => {
    if (!used.has(id))
      used.set(id, nodes.get(id) ?? describeDataset(id, lookup));
  };
  const addEdge = (edge: LineageEdge) => {
    const key = `${edge.type}:${edge.from}>${edge.to}`;
    if (!edges.has(key)) edges.set(key, edge);
  };
  const rootId = lookup.byRef(options.rootRef)
    ? stringifyEntityRef(lookup.byRef(options.rootRef)!)
    : options.rootRef;
  use(rootId);

  const walk = (up: boolean) => {
    let frontier = [rootId];
    const seen = new Set(frontier);
    for (let level = 0; level < options.depth && frontier.length; level++) {
      const next: string[] = [];
      const reach = (id: string) => {
        use(id);
        if (!seen.has(id)) {
          seen.add(id);
          next.push(id);
        }
      };
      for (const dataset of frontier) {
        const jobs = (up ? writers : readers).get(dataset) ?? new Map();
        for (const [job, at] of jobs) {
          if (!used.has(job)) used.set(job, describeJob(job));
          addEdge(
            up
              ? { from: job, to: dataset, type: 'observed', lastSeenAt: at }
              : { from: dataset, to: job, type: 'observed', lastSeenAt: at },
          );
          for (const [other, otherAt] of (up ? jobInputs : jobOutputs).get(
            job,
          ) ?? new Map()) {
            reach(other);
            addEdge(
              up
                ? {
                    from: other,
                    to: job,
                    type: 'observed',
                    lastSeenAt: otherAt,
                  }
                : {
                    from: job,
                    to: other,
                    type: 'observed',
                    lastSeenAt: otherAt,
                  },
            );
          }
        }
        for (const other of (up ? declaredUp : declaredDown).get(dataset) ??
          []) {
          reach(other);
          addEdge(
            up
              ? { from: other, to: dataset, type: 'declared' }
              : { from: dataset, to: other, type: 'declared' },
          );
        }
      }
      frontier = next;
    }
  };
  if (options.direction !== 'downstream') walk(true);
  if (options.direction !== 'upstream') walk(false);
  return {
    root: rootId,
    nodes: [...used.values()],
    edges: [...edges.values()],
  };
}

function normaliseRef(ref: string, namespace?: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'dataset',
        defaultNamespace: namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

function describeJob(id: string): LineageNode {
  const [namespace, ...name] = id.slice('job:'.length).split('/');
  return { id, kind: 'job', names: [{ namespace, name: name.join('/') }] };
}

function describeDataset(
  id: string,
  lookup: DatasetLookup,
  external?: { namespace: string; name: string },
): LineageNode {
  if (external)
    return {
      id,
      kind: 'dataset',
      external: true,
      title: external.name,
      names: [],
    };
  const dataset = lookup.byRef(id);
  if (!dataset) return { id, kind: 'dataset', entityRef: id, names: [] }; // declared, not (yet) in the catalog
  return {
    id,
    kind: 'dataset',
    entityRef: stringifyEntityRef(dataset),
    title: dataset.metadata.title ?? dataset.metadata.name,
    layer: dataset.spec.layer,
    hub: dataset.spec.hub,
    external: false,
    names: [],
  };
}

/** The OpenLineage names (as stored keys) that resolve to a Dataset, optionally one table. */
export function keysOfDataset(
  lookup: DatasetLookup,
  names: Array<{ namespace: string; name: string }>,
  entityRef: string,
  table?: string,
): string[] {
  return names
    .filter(n => {
      const hit = lookup.resolve(n.namespace, n.name);
      return (
        hit &&
        hit.entityRef.toLocaleLowerCase('en-US') ===
          entityRef.toLocaleLowerCase('en-US') &&
        (!table || hit.table === table)
      );
    })
    .map(n => datasetKey(n.namespace, n.name));
}

/**
 * Column lineage of a Dataset's columns from the newest facts: for each output column, the
 * input columns of the latest run that reported lineage for it.
 */
export function buildColumnLineage(options: {
  rows: StoredColumnLineage[];
  lookup: DatasetLookup;
  column?: string;
}): ColumnLineageEntry[] {
  const entries = new Map<string, ColumnLineageEntry & { runId: string }>();
  for (const row of options.rows) {
    if (
      options.column &&
      row.outputField.toLocaleLowerCase('en-US') !==
        options.column.toLocaleLowerCase('en-US')
    )
      continue;
    const out = options.lookup.resolve(row.outputNamespace, row.outputName);
    const key = `${out?.table ?? row.outputName}\u0000${row.outputField}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        table: out?.table,
        column: row.outputField,
        namespace: row.outputNamespace,
        name: row.outputName,
        lastSeenAt: row.eventTime,
        runId: row.runId,
        inputs: [],
      };
      entries.set(key, entry);
    }
    if (entry.runId !== row.runId) continue; // rows are newest first: only the latest run's facts count
    const input = options.lookup.resolve(row.inputNamespace, row.inputName);
    entry.inputs.push({
      entityRef: input?.entityRef,
      external: !input,
      namespace: row.inputNamespace,
      name: row.inputName,
      table: input?.table,
      field: row.inputField,
      transformationType: row.transformationType,
      transformationSubtype: row.transformationSubtype,
      description: row.description,
      masking: row.masking,
    });
  }
  return [...entries.values()]
    .map(({ runId: _runId, ...entry }) => entry)
    .sort((a, b) =>
      `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`),
    );
}
