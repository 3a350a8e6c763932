/** API types of lineage, dataset health, usage and the overview (`/api/data-hub/...`). */

/**
 * `GET /lineage/graph` direction: walk to producers, consumers, or both.
 *
 * @public
 */
export type LineageDirection = 'upstream' | 'downstream' | 'both';

/**
 * A dataset or job in the lineage graph.
 *
 * @public
 */
export interface LineageNode {
  /** The entity ref of a catalog Dataset, `job:{namespace}/{name}`, or `external:{namespace}/{name}`. */
  id: string;
  kind: 'dataset' | 'job';
  /** Catalog Dataset behind the node; absent for external datasets and for jobs. */
  entityRef?: string;
  title?: string;
  layer?: string;
  hub?: string;
  /** A dataset jobs reported that no catalog Dataset's storage matches. */
  external?: boolean;
  /** The OpenLineage names behind the node (a Dataset may be reported as S3 path and as Glue table). */
  names: Array<{ namespace: string; name: string }>;
}

/** @public */
export interface LineageEdge {
  from: string;
  to: string;
  /** observed: reported by job runs; declared: from a Dataset's `spec.upstream`. */
  type: 'observed' | 'declared';
  /** Latest event time of a run that reported the edge (observed edges). */
  lastSeenAt?: string;
}

/**
 * `GET /lineage/graph?entityRef=&depth=&direction=`
 *
 * @public
 */
export interface LineageGraph {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
}

/**
 * `GET /lineage/dependencies`: dataset-to-dataset dependencies observed in job runs (a job
 * read `upstream` and wrote `downstream`), both catalog Datasets; the catalog turns them into
 * `dependsOn` / `dependencyOf` relations.
 *
 * @public
 */
export interface ObservedDependencies {
  items: Array<{
    /** Entity ref of the Dataset a job read. */
    upstream: string;
    /** Entity ref of the Dataset the same job wrote. */
    downstream: string;
    /** Latest event time of a run that reported both. */
    lastSeenAt: string;
  }>;
}

/**
 * One input column an output column is computed from.
 *
 * @public
 */
export interface ColumnLineageInput {
  entityRef?: string;
  external: boolean;
  namespace: string;
  name: string;
  table?: string;
  field: string;
  /** DIRECT | INDIRECT (or the deprecated IDENTITY | MASKED). */
  transformationType?: string;
  /** e.g. IDENTITY, TRANSFORMATION, AGGREGATION, JOIN, GROUP_BY, FILTER. */
  transformationSubtype?: string;
  description?: string;
  masking?: boolean;
}

/**
 * The lineage of one column of a Dataset, from the latest run that reported it.
 *
 * @public
 */
export interface ColumnLineageEntry {
  table?: string;
  column: string;
  namespace: string;
  name: string;
  lastSeenAt: string;
  inputs: ColumnLineageInput[];
}

/**
 * `GET /lineage/columns?entityRef=&table=&column=`
 *
 * @public
 */
export interface ColumnLineage {
  entityRef: string;
  columns: ColumnLineageEntry[];
}

/**
 * A stored job run (`GET /lineage/runs`).
 *
 * @public
 */
export interface LineageRun {
  runId: string;
  jobNamespace: string;
  jobName: string;
  state: 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';
  stateTime: string;
  startedAt?: string;
  endedAt?: string;
  producer: string;
}

/** @public */
export type DatasetHealthStatus = 'healthy' | 'stale' | 'failing';

/**
 * `GET /health?entityRef=` (one) and `GET /health` (`{ items }`, all Datasets).
 *
 * @public
 */
export interface DatasetHealth {
  entityRef: string;
  title?: string;
  hub: string;
  layer: string;
  status: DatasetHealthStatus;
  /** Why the status is what it is, for people. */
  reason: string;
  lastSuccessfulWrite?: {
    at: string;
    /** lineage: a COMPLETE run wrote it; storage: the source's own update time (Glue, file time). */
    source: 'lineage' | 'storage';
    runId?: string;
    job?: { namespace: string; name: string };
  };
  ageHours?: number;
  maxAgeHours?: number;
  /** The latest failed run that wrote (or meant to write) the dataset, if newer than its latest COMPLETE run. */
  lastFailure?: {
    at: string;
    runId: string;
    job: { namespace: string; name: string };
    error?: {
      message: string;
      programmingLanguage?: string;
      stackTrace?: string;
    };
  };
  rowCount?: number;
  sizeBytes?: number;
  tables: Array<{ name: string; rowCount?: number; sizeBytes?: number }>;
}

/**
 * `GET /usage?entityRef=&days=`
 *
 * @public
 */
export interface DatasetUsage {
  entityRef: string;
  days: number;
  since: string;
  totalQueries: number;
  succeededQueries: number;
  distinctUsers: number;
  perDay: Array<{ date: string; queries: number; users: number }>;
  topUsers: Array<{ userRef: string; queries: number }>;
  topUseCases: Array<{ useCaseRef: string; queries: number }>;
  /**
   * Queries run under use cases whose grants the caller may not read: counted in the figures,
   * but neither their users nor their use cases are named in the top lists.
   */
  unnamedQueries?: number;
}

/**
 * `GET /overview`: the Data Hub overview page.
 *
 * @public
 */
export interface DataHubOverview {
  totals: { datasets: number; healthy: number; stale: number; failing: number };
  datasetsPerHubAndLayer: Array<{
    hub: string;
    layer: string;
    datasets: number;
  }>;
  /** Stale and failing datasets. */
  unhealthy: DatasetHealth[];
  /** Most queried datasets over the last 30 days. */
  mostUsed: Array<{
    entityRef: string;
    title?: string;
    queries: number;
    users: number;
  }>;
  /** Latest COMPLETE runs that wrote source-layer datasets. */
  recentIngests: Array<{
    entityRef: string;
    title?: string;
    hub: string;
    runId: string;
    job: { namespace: string; name: string };
    completedAt: string;
  }>;
}
