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
import {
  pluginDatabaseConfigs,
  postgresAvailableOrNotCi,
} from './testing/pluginDatabases';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleUnprocessedEntities from '@backstage/plugin-catalog-backend-module-unprocessed';
import dataHubPlugin from '@cloud-data-hub/data-hub-backend';
import dataHubModuleDuckDB, {
  DEMO_DATASETS,
} from '@cloud-data-hub/data-hub-backend-module-duckdb';
import catalogModuleDataHub from '@cloud-data-hub/catalog-backend-module-data-hub';

import { dataHubTestConfig } from './testing/dataHubTestConfig';

jest.setTimeout(120_000);

const badDatasets = `
apiVersion: clouddatahub.io/v1alpha1
kind: Dataset
metadata: { name: bad-layer }
spec:
  layer: gold
  hub: us
  businessObject: domain:default/sales
  owner: group:default/sales-data-us
  lifecycle: production
  classification: internal
  storage: { location: 's3://b/bad_layer/', glueDatabase: bad_layer }
  tables: [{ name: t, columns: [{ name: a, type: string }] }]
---
apiVersion: clouddatahub.io/v1alpha1
kind: Dataset
metadata: { name: bad-hub }
spec:
  layer: source
  hub: mars
  businessObject: domain:default/sales
  owner: group:default/sales-data-us
  lifecycle: production
  classification: internal
  storage: { location: 's3://b/bad_hub/', glueDatabase: bad_hub }
  tables: [{ name: t, columns: [{ name: a, type: string }] }]
`;

// Backstage's catalog, the data-hub backend and the DuckDB module together, on each database
// the product supports: the demo lake is generated, served over REST with service auth and
// registered as Dataset entities; invalid Dataset YAML only produces processing errors.
const databases = pluginDatabaseConfigs('datahub');

describe('catalog + data hub integration', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-int-'));
    await fs.writeFile(path.join(tmp, 'bad-datasets.yaml'), badDatasets);
  });
  afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

  it('runs against PostgreSQL in CI', () => {
    // The PostgreSQL variant must not be skipped silently where CI promises it.
    expect(postgresAvailableOrNotCi()).toBe(true);
  });

  it.each(databases)(
    'registers the demo lake as Datasets with relations on %s',
    async (databaseId, database) => {
      const { server } = await startTestBackend({
        features: [
          databaseServiceFactory,
          // the real scheduler, so the provider refreshes on its schedule as in production
          schedulerServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              ...dataHubTestConfig(path.join(tmp, `lake-${databaseId}`), {
                locations: [
                  { type: 'file', target: path.join(tmp, 'bad-datasets.yaml') },
                ],
              }),
              backend: { database },
            },
          }),
          catalogPlugin,
          catalogModuleUnprocessedEntities,
          catalogModuleDataHub,
          dataHubPlugin,
          dataHubModuleDuckDB,
        ],
      });

      const user = mockCredentials.user.header();
      let datasets: any[] = [];
      for (let i = 0; i < 100 && datasets.length < DEMO_DATASETS.length; i++) {
        const res = await request(server)
          .get('/api/catalog/entities/by-query?filter=kind=dataset&limit=100')
          .set('Authorization', user);
        datasets = (res.body.items ?? []).filter(
          (e: any) => e.relations?.length,
        );
        if (datasets.length < DEMO_DATASETS.length)
          await new Promise(r => setTimeout(r, 500));
      }
      expect(datasets.map(d => d.metadata.name).sort()).toEqual(
        DEMO_DATASETS.map(d => d.name).sort(),
      );

      const trips = datasets.find(
        d => d.metadata.name === 'vehicle-trips-prepared',
      );
      expect(
        trips.spec.tables[0].columns.find((c: any) => c.name === 'vin'),
      ).toMatchObject({
        type: 'string',
        pii: true,
      });
      expect(trips.relations).toEqual(
        expect.arrayContaining([
          {
            type: 'ownedBy',
            targetRef: 'group:default/connected-vehicle-data',
          },
          { type: 'partOf', targetRef: 'domain:default/vehicle' },
          {
            type: 'dependsOn',
            targetRef: 'dataset:default/vehicle-telemetry-source',
          },
          {
            type: 'dependencyOf',
            targetRef: 'dataset:default/vehicle-usage-semantic',
          },
        ]),
      );

      // The invalid Datasets never enter the catalog; their errors name the bad field.
      const names = datasets.map(d => d.metadata.name);
      expect(names).not.toContain('bad-layer');
      expect(names).not.toContain('bad-hub');
      // Never stitched, they stay "pending" with their errors (the Unprocessed Entities page).
      let failed: any[] = [];
      for (let i = 0; i < 60 && failed.length < 2; i++) {
        const res = await request(server)
          .get('/api/catalog/entities/unprocessed/pending')
          .set('Authorization', user);
        failed = (res.body.entities ?? []).filter((f: any) => f.errors?.length);
        if (failed.length < 2) await new Promise(r => setTimeout(r, 500));
      }
      const errorsOf = (name: string) =>
        JSON.stringify(
          failed.find(f => f.unprocessed_entity?.metadata?.name === name)
            ?.errors,
        );
      expect(errorsOf('bad-layer')).toMatch(/\/spec\/layer/);
      expect(errorsOf('bad-hub')).toMatch(
        /spec\.hub \\"mars\\" is not a hub of this portal/,
      );
    },
  );
});
