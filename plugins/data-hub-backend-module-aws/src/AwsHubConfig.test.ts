import { mockServices } from '@backstage/backend-test-utils';
import { readAthenaPricePerTbUsd, readAwsHubConfigs } from './AwsHubConfig';

const hubs = [
  { name: 'global', region: 'eu-central-1', accountId: '111111111111' },
  { name: 'cn', region: 'cn-north-1', accountId: '333333333333' },
];

function read(data: object) {
  return readAwsHubConfigs(mockServices.rootConfig({ data }));
}

describe('readAwsHubConfigs', () => {
  it('is undefined without dataHub.aws (the embedded default)', () => {
    expect(read({ dataHub: { hubs } })).toBeUndefined();
  });

  it('takes region and account from the hub unless the entry sets the region', () => {
    expect(
      read({
        dataHub: {
          hubs,
          aws: {
            hubs: [
              {
                hub: 'global',
                roleArn: 'arn:aws:iam::111111111111:role/cdh-portal',
                externalId: 'secret',
                athenaWorkgroup: 'cdh-global',
              },
              {
                hub: 'cn',
                region: 'cn-northwest-1',
                endpoint: 'http://127.0.0.1:5000',
                maxAttempts: 3,
              },
            ],
          },
        },
      }),
    ).toEqual([
      {
        hub: 'global',
        region: 'eu-central-1',
        accountId: '111111111111',
        roleArn: 'arn:aws:iam::111111111111:role/cdh-portal',
        externalId: 'secret',
        athenaWorkgroup: 'cdh-global',
        maxAttempts: 8,
      },
      {
        hub: 'cn',
        region: 'cn-northwest-1',
        accountId: '333333333333',
        endpoint: 'http://127.0.0.1:5000',
        maxAttempts: 3,
      },
    ]);
  });

  it('rejects a hub that is not in dataHub.hubs', () => {
    expect(() =>
      read({ dataHub: { hubs, aws: { hubs: [{ hub: 'us' }] } } }),
    ).toThrow('dataHub.aws.hubs: hub "us" is not in dataHub.hubs (global, cn)');
  });

  it('rejects a hub configured twice', () => {
    expect(() =>
      read({
        dataHub: { hubs, aws: { hubs: [{ hub: 'cn' }, { hub: 'cn' }] } },
      }),
    ).toThrow('dataHub.aws.hubs: hub "cn" is configured twice');
  });

  it("reads a hub's Athena price, which must not be negative", () => {
    expect(
      read({
        dataHub: {
          hubs,
          aws: { hubs: [{ hub: 'cn', athenaPricePerTbUsd: 6.75 }] },
        },
      })?.[0].athenaPricePerTbUsd,
    ).toBe(6.75);
    expect(() =>
      read({
        dataHub: {
          hubs,
          aws: { hubs: [{ hub: 'cn', athenaPricePerTbUsd: -2 }] },
        },
      }),
    ).toThrow(
      'dataHub.aws.hubs[cn].athenaPricePerTbUsd must be a number >= 0, got -2',
    );
  });
});

describe('readAthenaPricePerTbUsd', () => {
  it("is Athena's US list price unless configured", () => {
    expect(readAthenaPricePerTbUsd(mockServices.rootConfig({ data: {} }))).toBe(
      5,
    );
    expect(
      readAthenaPricePerTbUsd(
        mockServices.rootConfig({
          data: { dataHub: { aws: { athenaPricePerTbUsd: 7, hubs: [] } } },
        }),
      ),
    ).toBe(7);
  });
});
