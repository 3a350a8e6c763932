import request from 'supertest';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { dataHubDatasetSourcesExtensionPoint } from '@cloud-data-hub/data-hub-node';
import { dataHubPlugin } from './plugin';

const hubs = [
  {
    name: 'global',
    title: 'Global',
    region: 'eu-central-1',
    accountId: '111111111111',
    consumesFrom: ['global'],
  },
  {
    name: 'us',
    title: 'United States',
    region: 'us-east-1',
    accountId: '222222222222',
    consumesFrom: ['global', 'us'],
  },
];

const dataset = {
  apiVersion: 'clouddatahub.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'a' },
  spec: { hub: 'global' },
};

const sources = createBackendModule({
  pluginId: 'data-hub',
  moduleId: 'test-sources',
  register(env) {
    env.registerInit({
      deps: { sources: dataHubDatasetSourcesExtensionPoint },
      async init({ sources: ext }) {
        ext.addDatasetSource({
          id: 'healthy',
          listDatasets: async () => [dataset as any],
        });
        ext.addDatasetSource({
          id: 'broken',
          listDatasets: async () => {
            throw new Error(
              'AccessDeniedException: not authorized to glue:GetDatabases',
            );
          },
        });
      },
    });
  },
});

describe('data-hub backend plugin', () => {
  it("serves hubs and each source's datasets, reporting a failing source as failed", async () => {
    const { server } = await startTestBackend({
      features: [
        dataHubPlugin,
        sources,
        mockServices.rootConfig.factory({ data: { dataHub: { hubs } } }),
      ],
    });

    const hubsRes = await request(server)
      .get('/api/data-hub/hubs')
      .set('Authorization', mockCredentials.user.header());
    expect(hubsRes.status).toBe(200);
    expect(hubsRes.body.items.map((h: any) => h.name)).toEqual([
      'global',
      'us',
    ]);

    const res = await request(server)
      .get('/api/data-hub/datasets')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.sources).toEqual([
      { sourceId: 'healthy', ok: true, items: [dataset] },
      {
        sourceId: 'broken',
        ok: false,
        error: 'AccessDeniedException: not authorized to glue:GetDatabases',
      },
    ]);
  });

  it('rejects an invalid token', async () => {
    const { server } = await startTestBackend({
      features: [
        dataHubPlugin,
        mockServices.rootConfig.factory({ data: { dataHub: { hubs } } }),
      ],
    });
    const res = await request(server)
      .get('/api/data-hub/datasets')
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(res.status).toBe(401);
  });
});
