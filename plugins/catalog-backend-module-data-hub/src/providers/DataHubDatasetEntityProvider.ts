import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { getFromDataHub } from '../dataHubBackend';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  DATASET_API_VERSION,
  type DatasetEntityV1alpha1,
} from '@cloud-data-hub/data-hub-common';

/** What `GET /api/data-hub/datasets` answers: each source's datasets, or its error. */
interface DatasetListing {
  sources: Array<
    | { sourceId: string; ok: true; items: DatasetEntityV1alpha1[] }
    | { sourceId: string; ok: false; error: string }
  >;
}

/**
 * Registers the datasets of every data-hub dataset source (the local demo lake, …) as
 * Dataset entities. It reads them through the data-hub backend's REST API with
 * service-to-service auth, as a separately deployed catalog would.
 *
 * A source that fails keeps its previously registered entities: the provider then applies
 * a delta for the healthy sources only, instead of a full mutation that would delete them.
 *
 * @public
 */
export class DataHubDatasetEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** Refs last applied per source, to compute removals when a delta is needed. */
  private readonly applied = new Map<string, Set<string>>();

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
      fetch?: typeof fetch;
    },
  ) {}

  getProviderName(): string {
    return 'data-hub-datasets';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.deps.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const listing = await this.fetchListing();
    const failed = listing.sources.filter(s => !s.ok);
    const perSource = new Map<string, DeferredEntity[]>();
    for (const source of listing.sources) {
      if (source.ok) {
        perSource.set(
          source.sourceId,
          source.items.map(entity => toDeferred(entity, source.sourceId)),
        );
      }
    }

    if (failed.length === 0) {
      const entities = [...perSource.values()].flat();
      await this.connection.applyMutation({ type: 'full', entities });
    } else {
      for (const f of failed) {
        this.deps.logger.error(
          `Dataset source ${
            f.sourceId
          } failed; keeping its previous entities: ${
            'error' in f ? f.error : ''
          }`,
        );
      }
      const added = [...perSource.values()].flat();
      const removed: DeferredEntity[] = [];
      for (const [sourceId, entities] of perSource) {
        const now = new Set(entities.map(e => stringifyEntityRef(e.entity)));
        for (const ref of this.applied.get(sourceId) ?? []) {
          if (!now.has(ref)) {
            removed.push({
              entity: refToStub(ref),
              locationKey: locationKey(sourceId),
            });
          }
        }
      }
      await this.connection.applyMutation({ type: 'delta', added, removed });
    }

    for (const [sourceId, entities] of perSource) {
      this.applied.set(
        sourceId,
        new Set(entities.map(e => stringifyEntityRef(e.entity))),
      );
    }
    const count = [...perSource.values()].reduce((n, e) => n + e.length, 0);
    const failures = failed.length ? `; ${failed.length} source(s) failed` : '';
    this.deps.logger.info(
      `Applied ${count} datasets from ${perSource.size} source(s)${failures}`,
    );
  }

  private async fetchListing(): Promise<DatasetListing> {
    const body = (await getFromDataHub(
      this.deps,
      '/datasets',
    )) as DatasetListing;
    if (!Array.isArray(body?.sources)) {
      throw new Error('data-hub /datasets answered without a sources list');
    }
    return body;
  }
}

function locationKey(sourceId: string) {
  return `data-hub:${sourceId}`;
}

function toDeferred(
  entity: DatasetEntityV1alpha1,
  sourceId: string,
): DeferredEntity {
  const location = `data-hub:${sourceId}`;
  return {
    locationKey: locationKey(sourceId),
    entity: {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
        },
      },
    },
  };
}

/** Removal only needs kind, namespace and name. */
function refToStub(ref: string) {
  const { kind, namespace, name } = parseEntityRef(ref);
  return {
    apiVersion: DATASET_API_VERSION,
    kind,
    metadata: { namespace, name },
  };
}
