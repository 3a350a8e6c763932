import { createHash } from 'node:crypto';
import type { Database, Table } from '@aws-sdk/client-glue';
import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import pMap from 'p-map';
import type { GlueCatalogReader } from './GlueCatalogReader';
import type { GlueHubConfig } from './GlueHubConfig';
import {
  glueDatabaseToDataset,
  isDataHubDatabase,
} from './glueDatasetConvention';

/** What the provider remembers of a database between runs. */
interface CachedDatabase {
  definition: string;
  tableNames: string;
  tables: Table[];
  fetchedAt: number;
}

/** Figures of one refresh, for logs and benchmarks. */
export interface GlueRefreshStats {
  databases: number;
  datasets: number;
  tables: number;
  fullTableReads: number;
  nameOnlyReads: number;
  durationMs: number;
}

/**
 * Registers the Data Hub datasets of one hub's Glue Data Catalog as Dataset entities.
 *
 * One provider per hub, so a failing hub (access denied, throttled past the SDK's retries,
 * timeout) throws before applying anything: its previous entities stay, other hubs are
 * unaffected, and an error page is never mistaken for "no datasets".
 *
 * Incremental: an unchanged database (same parameters, same table names) is only listed by
 * name; its tables are re-read in full when it changes or after `fullRefreshHours`.
 */
export class GlueDatasetEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly cache = new Map<string, CachedDatabase>();

  constructor(
    private readonly config: GlueHubConfig,
    private readonly reader: GlueCatalogReader,
    private readonly logger: LoggerService,
    private readonly taskRunner?: SchedulerServiceTaskRunner,
  ) {}

  getProviderName(): string {
    return `data-hub-glue:${this.config.hub.name}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.taskRunner?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (e) {
          this.logger.error(
            `Glue refresh of hub ${this.config.hub.name} failed; its datasets stay as they were`,
            e as Error,
          );
          throw e;
        }
      },
    });
  }

  async refresh(now = Date.now()): Promise<GlueRefreshStats> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const started = Date.now();
    const stats = { fullTableReads: 0, nameOnlyReads: 0 };
    const databases = (await this.reader.listDatabases()).filter(
      isDataHubDatabase,
    );

    const tablesPerDatabase = await pMap(
      databases,
      async database => this.tablesOf(database, now, stats),
      { concurrency: this.config.concurrency },
    );

    const location = `data-hub-glue:${this.config.hub.name}`;
    const entities = databases.map((database, i) => {
      const entity = glueDatabaseToDataset(
        this.config.hub,
        this.config.region,
        database,
        tablesPerDatabase[i],
      );
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
      };
      return { entity, locationKey: location };
    });
    await this.connection.applyMutation({ type: 'full', entities });

    // Forget databases that are gone.
    const names = new Set(databases.map(d => d.Name));
    for (const name of this.cache.keys()) {
      if (!names.has(name)) this.cache.delete(name);
    }

    const result: GlueRefreshStats = {
      databases: databases.length,
      datasets: entities.length,
      tables: tablesPerDatabase.reduce((n, t) => n + t.length, 0),
      ...stats,
      durationMs: Date.now() - started,
    };
    this.logger.info(
      `Glue hub ${this.config.hub.name}: ${result.datasets} datasets, ${result.tables} tables ` +
        `(${result.fullTableReads} databases read in full, ${result.nameOnlyReads} unchanged) in ${result.durationMs} ms`,
    );
    return result;
  }

  private async tablesOf(
    database: Database,
    now: number,
    stats: { fullTableReads: number; nameOnlyReads: number },
  ): Promise<Table[]> {
    const name = database.Name as string;
    const definition = fingerprint(database);
    const cached = this.cache.get(name);
    const fresh =
      cached &&
      cached.definition === definition &&
      now - cached.fetchedAt < this.config.fullRefreshHours * 3_600_000;
    if (cached && fresh) {
      const tableNames = sortedNames(await this.reader.listTableNames(name));
      stats.nameOnlyReads++;
      if (tableNames === cached.tableNames) {
        return cached.tables;
      }
    }
    const tables = await this.reader.listTables(name);
    stats.fullTableReads++;
    this.cache.set(name, {
      definition,
      tableNames: sortedNames(tables.map(t => t.Name ?? '')),
      tables,
      fetchedAt: now,
    });
    return tables;
  }
}

function fingerprint(database: Database): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        database.Description,
        database.LocationUri,
        database.Parameters,
      ]),
    )
    .digest('hex');
}

function sortedNames(names: string[]): string {
  return [...names].sort().join('\n');
}
