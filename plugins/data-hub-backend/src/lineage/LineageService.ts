import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { DatasetIndex, DatasetLookup } from './DatasetIndex';
import type { LineageStore } from './LineageStore';
import type { UsageStats } from './UsageStats';
import type {
  ColumnLineage,
  DataHubOverview,
  DatasetHealth,
  DatasetUsage,
  LineageDirection,
  LineageGraph,
  ObservedDependencies,
} from '@cloud-data-hub/data-hub-common';
import {
  buildColumnLineage,
  buildLineageGraph,
  keysOfDataset,
} from './LineageGraph';
import { computeHealth } from './DatasetHealth';
import type { DatasetVisibility, ReadableDatasets } from './ReadableDatasets';
import { hideUnreadableInputs, hideUnreadableNodes } from './hideUnreadable';

/** How long a dependency seen in one job run counts as observed: a quarter covers monthly jobs. */
export const DEFAULT_DEPENDENCY_WINDOW_DAYS = 90;

export interface LineageServiceOptions {
  dependencyWindowDays: number;
  /**
   * The use cases whose users and names a caller may see in a dataset's usage; without it,
   * usage names nobody.
   */
  useCasesNamedFor?: (
    datasetRef: string,
    credentials: BackstageCredentials,
  ) => Promise<'all' | ReadonlySet<string>>;
}

/**
 * The read side of lineage, health, usage and the overview, over the store and the catalog.
 * Every answer covers only the Datasets the caller may read in the catalog: a single Dataset
 * they may not read is answered as missing (404), lists leave such Datasets out, and lineage
 * shows them as "a dataset you cannot see".
 */
export class LineageService {
  constructor(
    private readonly store: LineageStore,
    private readonly index: DatasetIndex,
    private readonly usage: UsageStats,
    private readonly readable: ReadableDatasets,
    private readonly options: LineageServiceOptions = {
      dependencyWindowDays: DEFAULT_DEPENDENCY_WINDOW_DAYS,
    },
  ) {}

  private async dataset(entityRef: string) {
    const lookup = await this.index.get();
    const dataset = lookup.byRef(entityRef);
    if (!dataset)
      throw new NotFoundError(`No Dataset ${entityRef} in the catalog`);
    return { lookup, dataset, ref: stringifyEntityRef(dataset) };
  }

  /**
   * Like the catalog, answers a Dataset the caller may not read as missing, in the words they
   * asked with: the catalog's spelling of the ref would tell them it exists.
   */
  private assertReadable(
    ref: string,
    visible: DatasetVisibility,
    asked: string,
  ) {
    if (!visible.canRead(ref))
      throw new NotFoundError(`No Dataset ${asked} in the catalog`);
  }

  async graph(
    entityRef: string,
    depth: number,
    direction: LineageDirection,
    credentials: BackstageCredentials,
  ): Promise<LineageGraph> {
    const { lookup, ref } = await this.dataset(entityRef);
    const graph = buildLineageGraph({
      rootRef: ref,
      depth,
      direction,
      edges: await this.store.jobDatasetEdges(),
      lookup,
    });
    const refs = graph.nodes.flatMap(n => (n.entityRef ? [n.entityRef] : []));
    const visible = await this.readable.among([ref, ...refs], credentials);
    this.assertReadable(ref, visible, entityRef);
    return hideUnreadableNodes(graph, visible);
  }

  async columns(
    entityRef: string,
    table: string | undefined,
    column: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<ColumnLineage> {
    const { lookup, ref } = await this.dataset(entityRef);
    const outputs = (await this.store.jobDatasetEdges()).filter(
      e => e.direction === 'output',
    );
    const keys = keysOfDataset(lookup, outputs, ref, table);
    const rows = await this.store.columnLineage([...new Set(keys)]);
    const lineage = {
      entityRef: ref,
      columns: buildColumnLineage({ rows, lookup, column }),
    };
    const inputs = lineage.columns.flatMap(c =>
      c.inputs.flatMap(i => (i.entityRef ? [i.entityRef] : [])),
    );
    const visible = await this.readable.among([ref, ...inputs], credentials);
    this.assertReadable(ref, visible, entityRef);
    return hideUnreadableInputs(lineage, visible);
  }

  /**
   * Dataset → dataset dependencies seen in job runs: the inputs and outputs one COMPLETE run
   * reported, both resolved to catalog Datasets (external names and self-edges are left out),
   * from runs that ended within the last `dependencyWindowDays`, so an input a job stopped
   * reading falls out. One entry per pair, last seen at the latest such run's end.
   */
  async observedDependencies(
    credentials: BackstageCredentials,
  ): Promise<ObservedDependencies['items']> {
    const lookup = await this.index.get();
    const visible = await this.readable.all(credentials);
    const since = new Date(
      Date.now() - this.options.dependencyWindowDays * 24 * 3_600_000,
    );
    const edges = new Map<string, ObservedDependencies['items'][number]>();
    for (const pair of await this.store.completedRunPairs(since)) {
      const upstream = lookup.resolve(
        pair.input.namespace,
        pair.input.name,
      )?.entityRef;
      const downstream = lookup.resolve(
        pair.output.namespace,
        pair.output.name,
      )?.entityRef;
      if (!upstream || !downstream) continue;
      if (!visible.canRead(upstream) || !visible.canRead(downstream)) continue;
      const key = `${upstream}\u0000${downstream}`.toLocaleLowerCase('en-US');
      if (
        upstream.toLocaleLowerCase('en-US') ===
        downstream.toLocaleLowerCase('en-US')
      )
        continue;
      const edge = edges.get(key);
      if (!edge)
        edges.set(key, { upstream, downstream, lastSeenAt: pair.lastSeenAt });
      else if (edge.lastSeenAt < pair.lastSeenAt)
        edge.lastSeenAt = pair.lastSeenAt;
    }
    return [...edges.values()].sort(
      (a, b) =>
        a.downstream.localeCompare(b.downstream) ||
        a.upstream.localeCompare(b.upstream),
    );
  }

  async health(
    entityRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<DatasetHealth[]> {
    const lookup = await this.index.get();
    let only;
    if (entityRef) {
      const { dataset, ref } = await this.dataset(entityRef);
      this.assertReadable(
        ref,
        await this.readable.among([ref], credentials),
        entityRef,
      );
      only = [dataset];
    } else {
      const visible = await this.readable.all(credentials);
      only = lookup.datasets.filter(d =>
        visible.canRead(stringifyEntityRef(d)),
      );
    }
    return this.healthOf(only);
  }

  private async healthOf(
    only: DatasetLookup['datasets'],
  ): Promise<DatasetHealth[]> {
    const lookup = await this.index.get();
    const [completes, failures] = await Promise.all([
      this.store.latestWrites('COMPLETE'),
      this.store.latestWrites('FAIL'),
    ]);
    const errors = await this.store.errorsOf(failures.map(f => f.runId));
    return computeHealth({
      lookup,
      completes,
      failures,
      errors,
      now: new Date(),
      only,
    });
  }

  async usageOf(
    entityRef: string,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<DatasetUsage> {
    const { ref } = await this.dataset(entityRef);
    this.assertReadable(
      ref,
      await this.readable.among([ref], credentials),
      entityRef,
    );
    const named = this.options.useCasesNamedFor
      ? await this.options.useCasesNamedFor(ref, credentials)
      : new Set<string>();
    return this.usage.forDataset(ref, days, named);
  }

  async overview(credentials: BackstageCredentials): Promise<DataHubOverview> {
    const lookup = await this.index.get();
    const visible = await this.readable.all(credentials);
    const datasets = lookup.datasets.filter(d =>
      visible.canRead(stringifyEntityRef(d)),
    );
    const hidden = lookup.datasets.length - datasets.length;
    const health = await this.healthOf(datasets);
    const perHubAndLayer = new Map<
      string,
      { hub: string; layer: string; datasets: number }
    >();
    for (const d of datasets) {
      const key = `${d.spec.hub}/${d.spec.layer}`;
      const entry = perHubAndLayer.get(key) ?? {
        hub: d.spec.hub,
        layer: d.spec.layer,
        datasets: 0,
      };
      entry.datasets++;
      perHubAndLayer.set(key, entry);
    }
    const recentIngests: DataHubOverview['recentIngests'] = [];
    // A run writing several tables (or one reported by two names) is one ingest of the dataset.
    const listed = new Set<string>();
    for (const write of await this.store.recentCompleteWrites(500)) {
      const hit = lookup.resolve(write.namespace, write.name);
      if (
        hit?.dataset.spec.layer !== 'source' ||
        !visible.canRead(hit.entityRef)
      )
        continue;
      const key = `${hit.entityRef}\u0000${write.runId}`;
      if (listed.has(key)) continue;
      listed.add(key);
      recentIngests.push({
        entityRef: hit.entityRef,
        title: hit.dataset.metadata.title,
        hub: hit.dataset.spec.hub,
        runId: write.runId,
        job: { namespace: write.jobNamespace, name: write.jobName },
        completedAt: write.at,
      });
      if (recentIngests.length >= 20) break;
    }
    // Asks for as many more as could be left out, so up to ten readable ones remain.
    const mostUsed = (await this.usage.mostUsed(30, 10 + Math.min(hidden, 100)))
      .filter(u => visible.canRead(u.entityRef))
      .slice(0, 10)
      .map(u => ({ ...u, title: lookup.byRef(u.entityRef)?.metadata.title }));
    return {
      totals: {
        datasets: datasets.length,
        healthy: health.filter(h => h.status === 'healthy').length,
        stale: health.filter(h => h.status === 'stale').length,
        failing: health.filter(h => h.status === 'failing').length,
      },
      datasetsPerHubAndLayer: [...perHubAndLayer.values()].sort((a, b) =>
        `${a.hub}/${a.layer}`.localeCompare(`${b.hub}/${b.layer}`),
      ),
      unhealthy: health.filter(h => h.status !== 'healthy'),
      mostUsed,
      recentIngests,
    };
  }
}
