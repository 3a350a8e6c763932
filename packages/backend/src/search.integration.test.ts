import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  pluginDatabaseConfigs,
  postgresAvailableOrNotCi,
} from './testing/pluginDatabases';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModulePg from '@backstage/plugin-search-backend-module-pg';
import catalogModuleDataHub from '@cloud-data-hub/catalog-backend-module-data-hub';
import dataHubPlugin from '@cloud-data-hub/data-hub-backend';
import dataHubModuleDuckDB, {
  DEMO_DATASETS,
} from '@cloud-data-hub/data-hub-backend-module-duckdb';
import searchModuleDataHub from '@cloud-data-hub/search-backend-module-data-hub';
import {
  DATASET_SEARCH_HUB_KEY_FIELD,
  datasetSearchHubKey,
} from '@cloud-data-hub/data-hub-common';

import { dataHubTestConfig } from './testing/dataHubTestConfig';

jest.setTimeout(120_000);

// The portal's search finds datasets by column name, with Backstage's default engine (Lunr,
// what SQLite deployments get) and with the PostgreSQL engine. Backstage's real database
// service gives every plugin its own database (see testing/pluginDatabases.ts).
const databaseConfigs = pluginDatabaseConfigs('search');

describe('searching datasets by column', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cdh-search-'));
  });
  afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

  it('runs against PostgreSQL in CI', () => {
    expect(postgresAvailableOrNotCi()).toBe(true);
  });

  it.each(databaseConfigs)(
    'finds datasets holding a column on %s',
    async (name, database) => {
      const { server } = await startTestBackend({
        features: [
          databaseServiceFactory,
          schedulerServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              backend: { database },
              ...dataHubTestConfig(
                path.join(tmp, `lake-${name.split(' ')[0]}`),
              ),
              search: {
                collators: {
                  dataHubDatasets: {
                    schedule: {
                      frequency: { seconds: 3 },
                      timeout: { minutes: 1 },
                      initialDelay: { seconds: 2 },
                    },
                  },
                },
              },
            },
          }),
          catalogPlugin,
          catalogModuleDataHub,
          dataHubPlugin,
          dataHubModuleDuckDB,
          searchPlugin,
          searchModulePg,
          searchModuleDataHub,
        ],
      });

      const search = async (term: string, filters = '') => {
        const res = await request(server)
          .get(
            `/api/search/query?term=${encodeURIComponent(
              term,
            )}&types[0]=dataset${filters}`,
          )
          .set('Authorization', mockCredentials.user.header());
        // until the first index run the engine has no dataset index and answers 500
        return res.status === 200
          ? (res.body.results as any[]).map(r => r.document.title as string)
          : [];
      };

      // Datasets holding a `vin` column rank first (Lunr also matches near words at the end;
      // PostgreSQL returns only exact matches).
      const withVin = DEMO_DATASETS.filter(d =>
        d.tables.some(t => t.columns.some(c => c.name === 'vin')),
      ).map(d => d.title);
      let titles: string[] = [];
      // Wait until the index holds every dataset with a VIN (a partial index on a slow machine
      // can already return as many near matches).
      const complete = () => withVin.every(t => titles.includes(t));
      for (let i = 0; i < 120 && !complete(); i++) {
        titles = await search('vin');
        if (!complete()) await new Promise(r => setTimeout(r, 500));
      }
      expect(titles.slice(0, withVin.length).sort()).toEqual(
        [...withVin].sort(),
      );

      // A column only the wide dataset has, and the hub filter (for `us`, a stop word to Lunr).
      expect((await search('opt_seat_massage'))[0]).toBe(
        'US vehicle order configurations (prepared)',
      );
      const usOnly = await search(
        'vin',
        `&filters[${DATASET_SEARCH_HUB_KEY_FIELD}]=${datasetSearchHubKey(
          'us',
        )}`,
      );
      expect(usOnly.length).toBeGreaterThan(0);
      expect(usOnly.every(t => t.startsWith('US '))).toBe(true);
    },
  );
});
