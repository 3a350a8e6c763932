import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import dataHubPlugin from '@cloud-data-hub/data-hub-backend';
import dataHubModuleDuckDB from '@cloud-data-hub/data-hub-backend-module-duckdb';
import catalogModuleDataHub from '@cloud-data-hub/catalog-backend-module-data-hub';
import {
  pluginDatabaseConfigs,
  postgresAvailableOrNotCi,
} from './testing/pluginDatabases';
import { dataHubTestConfig } from './testing/dataHubTestConfig';

jest.setTimeout(180_000);

const PREPARED = 'dataset:default/vehicle-trips-prepared';
const databases = pluginDatabaseConfigs('lineage');

/** Polls until `check` returns a value, or fails with the last thing seen. */
async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  seconds = 90,
): Promise<T> {
  let last: unknown;
  for (let i = 0; i < seconds * 2; i++) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for ${what}: ${last}`);
}

// The embedded default end to end: the DuckDB module replays the demo lake's lineage through
// the data-hub backend's intake, the catalog registers the lake's Datasets, and the lineage,
// health and overview APIs show the pipelines, the failing job and the stale dataset.
describe('demo lineage replay', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-lineage-'));
  });
  afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

  it('runs against PostgreSQL in CI', () => {
    expect(postgresAvailableOrNotCi()).toBe(true);
  });

  it.each(databases)(
    'shows the demo pipelines, a failing job and a stale dataset on %s',
    async (databaseId, database) => {
      const config = dataHubTestConfig(path.join(tmp, `lake-${databaseId}`));
      // The catalog rereads observed lineage every second (30 s by default), as it processes.
      const dataHubProvider = {
        ...config.catalog.providers.dataHub,
        observedLineage: { cacheSeconds: 1 },
      };
      const backend = await startTestBackend({
        features: [
          databaseServiceFactory,
          schedulerServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              ...config,
              catalog: {
                ...config.catalog,
                providers: { dataHub: dataHubProvider },
              },
              backend: { database },
            },
          }),
          catalogPlugin,
          catalogModuleDataHub,
          dataHubPlugin,
          dataHubModuleDuckDB,
        ],
      });
      try {
        const get = (url: string) =>
          request(backend.server)
            .get(`/api/data-hub${url}`)
            .set('Authorization', mockCredentials.user.header());
        const runs = await eventually(async () => {
          const res = await get('/lineage/runs?limit=500');
          return res.body.items?.length ? res.body.items : undefined;
        }, 'the demo lineage replay');
        expect(runs.filter((r: any) => r.state === 'FAIL')).toHaveLength(1);

        const graph = await eventually(async () => {
          const res = await get(`/lineage/graph?entityRef=${PREPARED}&depth=1`);
          return res.status === 200 && res.body.nodes.length > 3
            ? res.body
            : undefined;
        }, 'the prepared dataset in the catalog');
        const edges = graph.edges.map(
          (e: any) => `${e.type}:${e.from}>${e.to}`,
        );
        const sparkJob = graph.nodes.find(
          (n: any) =>
            n.kind === 'job' && n.id.includes('prepare_vehicle_trips_prepared'),
        );
        expect(edges).toEqual(
          expect.arrayContaining([
            `observed:dataset:default/vehicle-telemetry-source>${sparkJob.id}`,
            `observed:${sparkJob.id}>${PREPARED}`,
            `declared:dataset:default/vehicle-telemetry-source>${PREPARED}`,
            `declared:${PREPARED}>dataset:default/vehicle-usage-semantic`,
          ]),
        );
        expect(
          edges.some((e: string) =>
            e.startsWith(
              `observed:${PREPARED}>job:airflow-global/build_vehicle_usage_semantic`,
            ),
          ),
        ).toBe(true);
        expect(graph.nodes.some((n: any) => n.external)).toBe(false);

        // Observed lineage in the catalog: the demo's Spark job reads the telemetry source (also
        // declared upstream); a backfill job reported here reads the vehicle master too, which
        // only lineage tells. Both become the prepared dataset's dependsOn relations.
        const backfill = await request(backend.server)
          .post('/api/data-hub/lineage')
          .set('Authorization', mockCredentials.service.header())
          .send({
            eventType: 'COMPLETE',
            eventTime: new Date().toISOString(),
            producer:
              'https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark',
            schemaURL:
              'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
            run: { runId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
            job: {
              namespace: 'spark-global',
              name: 'backfill_vehicle_trips_prepared',
            },
            inputs: [
              {
                namespace: 'arn:aws:glue:eu-central-1:111111111111',
                name: 'table/vehicle_master_source/vehicles',
              },
            ],
            outputs: [
              {
                namespace: 'arn:aws:glue:eu-central-1:111111111111',
                name: 'table/vehicle_trips_prepared/trips',
              },
            ],
          });
        expect(backfill.status).toBe(201);
        const catalogEntity = async (ref: string) => {
          const [kind, rest] = ref.split(':');
          const res = await request(backend.server)
            .get(`/api/catalog/entities/by-name/${kind}/${rest}`)
            .set('Authorization', mockCredentials.user.header());
          return res.status === 200 ? res.body : undefined;
        };
        const observedUpstream =
          'dataset:default/vehicle-master-source,dataset:default/vehicle-telemetry-source';
        const prepared = await eventually(async () => {
          const entity = await catalogEntity(PREPARED);
          const ready =
            entity?.metadata.annotations?.[
              'clouddatahub.io/observed-upstream'
            ] === observedUpstream &&
            entity.relations.some(
              (r: any) =>
                r.type === 'dependsOn' &&
                r.targetRef === 'dataset:default/vehicle-master-source',
            );
          return ready ? entity : undefined;
        }, 'the observed upstream of the prepared dataset in the catalog');
        expect(
          prepared.relations
            .filter((r: any) => r.type === 'dependsOn')
            .map((r: any) => r.targetRef)
            .sort(),
        ).toEqual([
          'dataset:default/vehicle-master-source',
          'dataset:default/vehicle-telemetry-source',
        ]);
        const master = await eventually(async () => {
          const entity = await catalogEntity(
            'dataset:default/vehicle-master-source',
          );
          return entity?.relations.some(
            (r: any) => r.type === 'dependencyOf' && r.targetRef === PREPARED,
          )
            ? entity
            : undefined;
        }, 'the reverse relation on the vehicle master');
        expect(
          master.metadata.annotations?.['clouddatahub.io/observed-upstream'],
        ).toBeUndefined();

        const columns = await get(
          `/lineage/columns?entityRef=${PREPARED}&column=vin`,
        );
        expect(columns.body.columns[0].inputs[0]).toMatchObject({
          entityRef: 'dataset:default/vehicle-telemetry-source',
          field: 'vin',
        });

        // The aged files reach the catalog on its next refresh; the overview then lists both.
        const overview = await eventually(async () => {
          const res = await get('/overview');
          const refs = (res.body.unhealthy ?? []).map(
            (h: any) => `${h.entityRef}=${h.status}`,
          );
          return refs.includes('dataset:default/vehicle-telemetry-source=stale')
            ? res.body
            : undefined;
        }, 'the stale dataset in the overview');
        expect(overview.unhealthy).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              entityRef: 'dataset:default/us-sales-performance-semantic',
              status: 'failing',
              lastFailure: expect.objectContaining({
                error: expect.objectContaining({
                  programmingLanguage: 'PYTHON',
                }),
              }),
            }),
          ]),
        );
        expect(overview.recentIngests.length).toBeGreaterThan(0);
        expect(overview.totals.healthy).toBeGreaterThan(10);
      } finally {
        await backend.stop();
      }
    },
  );
});
