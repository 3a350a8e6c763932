import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  AccessGranter,
  QueryEngine,
  dataHubAccessGrantersExtensionPoint,
  dataHubQueryEnginesExtensionPoint,
} from '@cloud-data-hub/data-hub-node';
import { AthenaQueryEngine } from './athena/AthenaQueryEngine';
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

async function startWith(
  data: object,
): Promise<{ granters: AccessGranter[]; engines: QueryEngine[] }> {
  const granters: AccessGranter[] = [];
  const engines: QueryEngine[] = [];
  // Stands in for the data-hub backend plugin, which owns the extension points: the module
  // reaches them only if it is a module of the `data-hub` plugin.
  const dataHubPlugin = createBackendPlugin({
    pluginId: 'data-hub',
    register(env) {
      env.registerExtensionPoint(dataHubAccessGrantersExtensionPoint, {
        addAccessGranter: granter => granters.push(granter),
      });
      env.registerExtensionPoint(dataHubQueryEnginesExtensionPoint, {
        addQueryEngine: engine => engines.push(engine),
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
  return { granters, engines };
}

describe('dataHubModuleAws', () => {
  it('adds the Lake Formation granter and the Athena engine when dataHub.aws is configured', async () => {
    const { granters, engines } = await startWith({
      dataHub: {
        hubs,
        aws: {
          athenaPricePerTbUsd: 6,
          hubs: [
            {
              hub: 'us',
              roleArn: 'arn:aws:iam::222222222222:role/cdh-portal',
              athenaWorkgroup: 'cdh-us',
              athenaOutputLocation: 's3://cdh-us-athena-results/',
            },
          ],
        },
      },
    });

    expect(granters).toHaveLength(1);
    expect(granters[0]).toBeInstanceOf(LakeFormationGranter);
    expect(granters[0].id).toBe('lake-formation');
    expect(engines).toHaveLength(1);
    expect(engines[0]).toBeInstanceOf(AthenaQueryEngine);
    expect(engines[0].id).toBe('athena');
  });

  it('adds neither granter nor engine in the embedded default', async () => {
    await expect(startWith({ dataHub: { hubs } })).resolves.toEqual({
      granters: [],
      engines: [],
    });
  });

  it('fails the start when dataHub.aws names an unknown hub', async () => {
    await expect(
      startWith({ dataHub: { hubs, aws: { hubs: [{ hub: 'eu' }] } } }),
    ).rejects.toThrow(
      /dataHub\.aws\.hubs: hub "eu" is not in dataHub\.hubs \(us\)/,
    );
  });

  it('fails the start on a negative Athena price', async () => {
    await expect(
      startWith({
        dataHub: {
          hubs,
          aws: { athenaPricePerTbUsd: -1, hubs: [{ hub: 'us' }] },
        },
      }),
    ).rejects.toThrow(
      'dataHub.aws.athenaPricePerTbUsd must be a number >= 0, got -1',
    );
  });
});
