import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import dataHubPlugin from '@cloud-data-hub/data-hub-backend';
import dataHubModuleDuckDB from '@cloud-data-hub/data-hub-backend-module-duckdb';
import catalogModuleDataHub from '@cloud-data-hub/catalog-backend-module-data-hub';
import { pluginDatabaseConfigs, postgresAvailableOrNotCi } from './testing/pluginDatabases';
import { dataHubTestConfig } from './testing/dataHubTestConfig';

jest.setTimeout(180_000);

const PREPARED = 'dataset:default/vehicle-trips-prepared';
const databases = pluginDatabaseConfigs('lineage');

/** Polls until `check` returns a value, or fails with the last thing seen. */
async function eventually<T>(check: () => Promise<T | undefined>, what: string, seconds = 90): Promise<T> {
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

  it.each(databases)('shows the demo pipelines, a failing job and a stale dataset on %s', async (databaseId, database) => {
    const backend = await startTestBackend({
      features: [
        databaseServiceFactory,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: { ...dataHubTestConfig(path.join(tmp, `lake-${databaseId}`)), backend: { database } },
        }),
        catalogPlugin,
        catalogModuleDataHub,
        dataHubPlugin,
        dataHubModuleDuckDB,
      ],
    });
    try {
      const get = (url: string) => request(backend.server).get(`/api/data-hub${url}`).set('Authorization', mockCredentials.user.header());
      const runs = await eventually(async () => {
        const res = await get('/lineage/runs?limit=500');
        return res.body.items?.length ? res.body.items : undefined;
      }, 'the demo lineage replay');
      expect(runs.filter((r: any) => r.state === 'FAIL')).toHaveLength(1);

      const graph = await eventually(async () => {
        const res = await get(`/lineage/graph?entityRef=${PREPARED}&depth=1`);
        return res.status === 200 && res.body.nodes.length > 3 ? res.body : undefined;
      }, 'the prepared dataset in the catalog');
      const edges = graph.edges.map((e: any) => `${e.type}:${e.from}>${e.to}`);
      const sparkJob = graph.nodes.find((n: any) => n.kind === 'job' && n.id.includes('prepare_vehicle_trips_prepared'));
      expect(edges).toEqual(
        expect.arrayContaining([
          `observed:dataset:default/vehicle-telemetry-source>${sparkJob.id}`,
          `observed:${sparkJob.id}>${PREPARED}`,
          `declared:dataset:default/vehicle-telemetry-source>${PREPARED}`,
          `declared:${PREPARED}>dataset:default/vehicle-usage-semantic`,
        ]),
      );
      expect(edges.some((e: string) => e.startsWith(`observed:${PREPARED}>job:airflow-global/build_vehicle_usage_semantic`))).toBe(true);
      expect(graph.nodes.some((n: any) => n.external)).toBe(false);

      const columns = await get(`/lineage/columns?entityRef=${PREPARED}&column=vin`);
      expect(columns.body.columns[0].inputs[0]).toMatchObject({ entityRef: 'dataset:default/vehicle-telemetry-source', field: 'vin' });

      // The aged files reach the catalog on its next refresh; the overview then lists both.
      const overview = await eventually(async () => {
        const res = await get('/overview');
        const refs = (res.body.unhealthy ?? []).map((h: any) => `${h.entityRef}=${h.status}`);
        return refs.includes('dataset:default/vehicle-telemetry-source=stale') ? res.body : undefined;
      }, 'the stale dataset in the overview');
      expect(overview.unhealthy).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            entityRef: 'dataset:default/us-sales-performance-semantic',
            status: 'failing',
            lastFailure: expect.objectContaining({ error: expect.objectContaining({ programmingLanguage: 'PYTHON' }) }),
          }),
        ]),
      );
      expect(overview.recentIngests.length).toBeGreaterThan(0);
      expect(overview.totals.healthy).toBeGreaterThan(10);
    } finally {
      await backend.stop();
    }
  });
});
