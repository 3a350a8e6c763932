import { ConfigReader } from '@backstage/config';
import { hubMayConsume, readHubsFromConfig } from './hubs';

const config = (hubs: object[]) => new ConfigReader({ dataHub: { hubs } });

describe('hubs', () => {
  const hubs = readHubsFromConfig(
    config([
      {
        name: 'global',
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
      {
        name: 'cn',
        region: 'cn-north-1',
        accountId: '333333333333',
        consumesFrom: ['global', 'cn'],
      },
    ]),
  );

  it('reads hubs with defaults', () => {
    expect(hubs.map(h => h.name)).toEqual(['global', 'us', 'cn']);
    expect(hubs[0].title).toBe('global');
    expect(hubs[1].title).toBe('United States');
  });

  it('lets a hub consume only the hubs it names', () => {
    expect(hubMayConsume(hubs, 'us', 'global')).toBe(true);
    expect(hubMayConsume(hubs, 'us', 'us')).toBe(true);
    expect(hubMayConsume(hubs, 'cn', 'us')).toBe(false);
    expect(hubMayConsume(hubs, 'global', 'us')).toBe(false);
    expect(hubMayConsume(hubs, 'mars', 'global')).toBe(false);
  });

  it('rejects consumesFrom naming an unknown hub', () => {
    expect(() =>
      readHubsFromConfig(
        config([
          {
            name: 'us',
            region: 'us-east-1',
            accountId: '2',
            consumesFrom: ['global'],
          },
        ]),
      ),
    ).toThrow(/unknown hub "global"/);
  });

  it('rejects duplicate hub names', () => {
    expect(() =>
      readHubsFromConfig(
        config([
          { name: 'us', region: 'us-east-1', accountId: '2' },
          { name: 'us', region: 'us-east-2', accountId: '3' },
        ]),
      ),
    ).toThrow(/unique/);
  });
});
