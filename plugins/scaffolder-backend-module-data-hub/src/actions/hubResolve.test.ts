import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createHubResolveAction } from './hubResolve';
import { examples } from './hubResolve.examples';

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

describe('datahub:hub:resolve', () => {
  const action = createHubResolveAction({ hubs });

  it('runs its example', async () => {
    const ctx = createMockActionContext({
      input: yaml.parse(examples[0].example).steps[0].input,
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('accountId', '222222222222');
    expect(ctx.output).toHaveBeenCalledWith('region', 'us-east-1');
    expect(ctx.output).toHaveBeenCalledWith(
      'bucket',
      'cdh-us-source-222222222222',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'glueDatabase',
      'us_dealer_orders_source',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'location',
      's3://cdh-us-source-222222222222/us_dealer_orders_source/',
    );
    expect(ctx.output).toHaveBeenCalledWith('consumesFrom', ['global', 'us']);
  });

  it('rejects an unknown hub, naming the known ones', async () => {
    const ctx = createMockActionContext({
      input: { hub: 'mars', layer: 'source', datasetName: 'x-source' },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'Unknown hub "mars"; the hubs of this portal are: global, us',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
