import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  AccessGranter,
  dataHubAccessGrantersExtensionPoint,
} from '@cloud-data-hub/data-hub-node';
import { LakeFormationGranter } from './lakeformation/LakeFormationGranter';
import { dataHubModuleAws } from './module';

const hubs = [
  {
    name: 'us',
    title: 'United States',
    region: 'us-east-1',
    accountId: '222222222222',
  },
];

async function grantersWith(data: object): Promise<AccessGranter[]> {
  const granters: AccessGranter[] = [];
  // Stands in for the data-hub backend plugin, which owns the extension point: the module
  // reaches it only if it is a module of the `data-hub` plugin.
  const dataHubPlugin = createBackendPlugin({
    pluginId: 'data-hub',
    register(env) {
      env.registerExtensionPoint(dataHubAccessGrantersExtensionPoint, {
        addAccessGranter: granter => granters.push(granter),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  await startTestBackend({
    features: [
      dataHubPlugin,
      dataHubModuleAws,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return granters;
}

describe('dataHubModuleAws', () => {
  it('adds the Lake Formation granter when dataHub.aws is configured', async () => {
    const granters = await grantersWith({
      dataHub: {
        hubs,
        aws: {
          hubs: [
            { hub: 'us', roleArn: 'arn:aws:iam::222222222222:role/cdh-portal' },
          ],
        },
      },
    });

    expect(granters).toHaveLength(1);
    expect(granters[0]).toBeInstanceOf(LakeFormationGranter);
    expect(granters[0].id).toBe('lake-formation');
  });

  it('adds no granter in the embedded default', async () => {
    await expect(grantersWith({ dataHub: { hubs } })).resolves.toEqual([]);
  });

  it('fails the start when dataHub.aws names an unknown hub', async () => {
    await expect(
      grantersWith({ dataHub: { hubs, aws: { hubs: [{ hub: 'eu' }] } } }),
    ).rejects.toThrow(
      /dataHub\.aws\.hubs: hub "eu" is not in dataHub\.hubs \(us\)/,
    );
  });
});
