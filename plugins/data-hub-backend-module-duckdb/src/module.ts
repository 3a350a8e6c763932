import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { readHubsFromConfig } from '@cloud-data-hub/data-hub-common';
import {
  dataHubAccessGrantersExtensionPoint,
  dataHubDatasetSourcesExtensionPoint,
  dataHubQueryEnginesExtensionPoint,
} from '@cloud-data-hub/data-hub-node';
import { DemoLakeGenerator } from './lake/DemoLakeGenerator';
import { LocalLakeDatasetSource } from './lake/LocalLakeDatasetSource';
import { LocalGrantStore } from './grants/LocalGrantStore';
import { LocalAccessGranter } from './grants/LocalAccessGranter';
import { DuckDBQueryEngine } from './query/DuckDBQueryEngine';
import { readQueryLimits } from './query/readQueryLimits';
import { datasetDirectory, tableDirectory } from './lake/lakeLayout';
import { glueDatabaseName } from '@cloud-data-hub/data-hub-common';
import { DemoLineageReplay } from './lineage/DemoLineageReplay';
import {
  DEMO_STALE_DATASET,
  demoLatestRunEnd,
  demoLineageEvents,
} from './lineage/demoLineageEvents';
import { ageDemoDataset } from './lineage/ageDemoDataset';

/**
 * The embedded default of the data hub: a local lake of Parquet files, generated on first
 * start, served as a dataset source, with local grants that the DuckDB engine enforces.
 *
 * @public
 */
export const dataHubModuleDuckDB = createBackendModule({
  pluginId: 'data-hub',
  moduleId: 'duckdb',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        sources: dataHubDatasetSourcesExtensionPoint,
        granters: dataHubAccessGrantersExtensionPoint,
        engines: dataHubQueryEnginesExtensionPoint,
        lifecycle: coreServices.rootLifecycle,
        pluginLifecycle: coreServices.lifecycle,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({
        config,
        logger,
        database,
        sources,
        granters,
        engines,
        lifecycle,
        pluginLifecycle,
        discovery,
        auth,
      }) {
        const grants = await LocalGrantStore.create(
          await database.getClient(),
          resolvePackagePath(
            '@cloud-data-hub/data-hub-backend-module-duckdb',
            'migrations',
          ),
          database.migrations?.skip,
        );
        granters.addAccessGranter(new LocalAccessGranter(grants));

        const duckdbConfig = config.getOptionalConfig('dataHub.duckdb');
        const directory = path.resolve(
          duckdbConfig?.getOptionalString('lakeDirectory') ?? '.data-hub/lake',
        );
        const generator = new DemoLakeGenerator({
          directory,
          scale: duckdbConfig?.getOptionalNumber('demoLake.scale') ?? 1,
          logger,
        });
        // Generation runs in the background so the backend starts at once; the dataset
        // source waits for it, and so the catalog sees the lake as soon as it exists.
        const ready =
          duckdbConfig?.getOptionalBoolean('demoLake.generate') === false
            ? Promise.resolve()
            : generator.ensure();
        ready.catch(e => logger.error('Demo lake generation failed', e));
        // The engine finds a granted table's folder from the lake's own definitions.
        const layouts = new Map(
          generator.datasets.map(d => [
            glueDatabaseName(d.name),
            {
              hub: d.hub,
              layer: d.layer,
              tables: new Set(d.tables.map(t => t.name)),
            },
          ]),
        );
        const engine = new DuckDBQueryEngine({
          grants,
          limits: readQueryLimits(config),
          locate: (glueDatabase, table) => {
            const layout = layouts.get(glueDatabase);
            return layout?.tables.has(table)
              ? tableDirectory(
                  directory,
                  layout.hub,
                  layout.layer,
                  glueDatabase,
                  table,
                )
              : undefined;
          },
        });
        engines.addQueryEngine(engine);
        lifecycle.addShutdownHook(() => engine.close());
        const demoReplay =
          config.getOptionalBoolean('dataHub.lineage.demoReplay') ?? true;
        // The demo's stopped ingest must look stopped in its files too. Aging them before the
        // dataset source first reads the lake keeps the catalog from caching fresh file times.
        const staleAged = demoReplay
          ? ready.then(async () => {
              const stale = generator.datasets.find(
                d => d.name === DEMO_STALE_DATASET,
              );
              if (stale) {
                const location = datasetDirectory(
                  directory,
                  stale.hub,
                  stale.layer,
                  glueDatabaseName(stale.name),
                );
                await ageDemoDataset(
                  location,
                  demoLatestRunEnd(stale.name, new Date()),
                );
              }
            })
          : ready;
        sources.addDatasetSource(
          new LocalLakeDatasetSource({
            directory,
            datasets: generator.datasets,
            hubs: readHubsFromConfig(config),
            logger,
            ready: staleAged,
          }),
        );

        // The embedded default shows lineage, health and a failing job from the start.
        if (demoReplay) {
          const hubs = readHubsFromConfig(config);
          const replay = new DemoLineageReplay({
            discovery,
            auth,
            logger,
            events: now =>
              demoLineageEvents({
                datasets: generator.datasets,
                directory,
                hubs,
                now,
              }),
            prepare: async () => {
              await staleAged;
            },
          });
          pluginLifecycle.addStartupHook(() => replay.start());
        }
      },
    });
  },
});
