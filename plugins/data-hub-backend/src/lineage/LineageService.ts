import { NotFoundError } from '@backstage/errors';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { DatasetIndex } from './DatasetIndex';
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
import { buildColumnLineage, buildLineageGraph, keysOfDataset } from './LineageGraph';
import { computeHealth } from './DatasetHealth';

/** How long a dependency seen in one job run counts as observed: a quarter covers monthly jobs. */
export const DEFAULT_DEPENDENCY_WINDOW_DAYS = 90;

/** The read side of lineage, health, usage and the overview, over the store and the catalog. */
export class LineageService {
  constructor(
    private readonly store: LineageStore,
    private readonly index: DatasetIndex,
    private readonly usage: UsageStats,
    private readonly options: { dependencyWindowDays: number } = {
      dependencyWindowDays: DEFAULT_DEPENDENCY_WINDOW_DAYS,
    },
  ) {}

  private async dataset(entityRef: string) {
    const lookup = await this.index.get();
    const dataset = lookup.byRef(entityRef);
    if (!dataset) throw new NotFoundError(`No Dataset ${entityRef} in the catalog`);
    return { lookup, dataset };
  }

  async graph(entityRef: string, depth: number, direction: LineageDirection): Promise<LineageGraph> {
    const { lookup, dataset } = await this.dataset(entityRef);
    return buildLineageGraph({
      rootRef: stringifyEntityRef(dataset),
      depth,
      direction,
      edges: await this.store.jobDatasetEdges(),
      lookup,
    });
  }

  async columns(entityRef: string, table?: string, column?: string): Promise<ColumnLineage> {
    const { lookup, dataset } = await this.dataset(entityRef);
    const ref = stringifyEntityRef(dataset);
    const outputs = (await this.store.jobDatasetEdges()).filter(e => e.direction === 'output');
    const keys = keysOfDataset(lookup, outputs, ref, table);
    const rows = await this.store.columnLineage([...new Set(keys)]);
    return { entityRef: ref, columns: buildColumnLineage({ rows, lookup, column }) };
  }

  /**
   * Dataset → dataset dependencies seen in job runs: the inputs and outputs one COMPLETE run
   * reported, both resolved to catalog Datasets (external names and self-edges are left out),
   * from runs that ended within the last `dependencyWindowDays`, so an input a job stopped
   * reading falls out. One entry per pair, last seen at the latest such run's end.
   */
  async observedDependencies(): Promise<ObservedDependencies['items']> {
    const lookup = await this.index.get();
    const since = new Date(Date.now() - this.options.dependencyWindowDays * 24 * 3_600_000);
    const edges = new Map<string, ObservedDependencies['items'][number]>();
    for (const pair of await this.store.completedRunPairs(since)) {
      const upstream = lookup.resolve(pair.input.namespace, pair.input.name)?.entityRef;
      const downstream = lookup.resolve(pair.output.namespace, pair.output.name)?.entityRef;
      if (!upstream || !downstream) continue;
      const key = `${upstream}\u0000${downstream}`.toLocaleLowerCase('en-US');
      if (upstream.toLocaleLowerCase('en-US') === downstream.toLocaleLowerCase('en-US')) continue;
      const edge = edges.get(key);
      if (!edge) edges.set(key, { upstream, downstream, lastSeenAt: pair.lastSeenAt });
      else if (edge.lastSeenAt < pair.lastSeenAt) edge.lastSeenAt = pair.lastSeenAt;
    }
    return [...edges.values()].sort(
      (a, b) => a.downstream.localeCompare(b.downstream) || a.upstream.localeCompare(b.upstream),
    );
  }

  async health(entityRef?: string): Promise<DatasetHealth[]> {
    const lookup = await this.index.get();
    const only = entityRef ? [(await this.dataset(entityRef)).dataset] : undefined;
    const [completes, failures] = await Promise.all([
      this.store.latestWrites('COMPLETE'),
      this.store.latestWrites('FAIL'),
    ]);
    const errors = await this.store.errorsOf(failures.map(f => f.runId));
    return computeHealth({ lookup, completes, failures, errors, now: new Date(), only });
  }

  async usageOf(entityRef: string, days: number): Promise<DatasetUsage> {
    const { dataset } = await this.dataset(entityRef);
    return this.usage.forDataset(stringifyEntityRef(dataset), days);
  }

  async overview(): Promise<DataHubOverview> {
    const lookup = await this.index.get();
    const health = await this.health();
    const perHubAndLayer = new Map<string, { hub: string; layer: string; datasets: number }>();
    for (const d of lookup.datasets) {
      const key = `${d.spec.hub}/${d.spec.layer}`;
      const entry = perHubAndLayer.get(key) ?? { hub: d.spec.hub, layer: d.spec.layer, datasets: 0 };
      entry.datasets++;
      perHubAndLayer.set(key, entry);
    }
    const recentIngests: DataHubOverview['recentIngests'] = [];
    // A run writing several tables (or one reported by two names) is one ingest of the dataset.
    const listed = new Set<string>();
    for (const write of await this.store.recentCompleteWrites(500)) {
      const hit = lookup.resolve(write.namespace, write.name);
      if (hit?.dataset.spec.layer !== 'source') continue;
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
    const mostUsed = (await this.usage.mostUsed(30, 10)).map(u => ({
      ...u,
      title: lookup.byRef(u.entityRef)?.metadata.title,
    }));
    return {
      totals: {
        datasets: lookup.datasets.length,
        healthy: health.filter(h => h.status === 'healthy').length,
        stale: health.filter(h => h.status === 'stale').length,
        failing: health.filter(h => h.status === 'failing').length,
      },
      datasetsPerHubAndLayer: [...perHubAndLayer.values()].sort((a, b) => `${a.hub}/${a.layer}`.localeCompare(`${b.hub}/${b.layer}`)),
      unhealthy: health.filter(h => h.status !== 'healthy'),
      mostUsed,
      recentIngests,
    };
  }
}
