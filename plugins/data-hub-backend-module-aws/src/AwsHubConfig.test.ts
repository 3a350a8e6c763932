import { mockServices } from '@backstage/backend-test-utils';
import { readAwsHubConfigs } from './AwsHubConfig';

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
});
