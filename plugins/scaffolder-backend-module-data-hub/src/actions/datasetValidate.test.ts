import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createDatasetValidateAction } from './datasetValidate';
import { examples } from './datasetValidate.examples';

const hubs = [
  {
    name: 'us',
    title: 'United States',
    region: 'us-east-1',
    accountId: '222222222222',
    consumesFrom: ['us'],
  },
];
const entity = (
  kind: string,
  name: string,
  apiVersion = 'backstage.io/v1alpha1',
) => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});
const catalog = catalogServiceMock({
  entities: [
    entity('Domain', 'sales'),
    entity('Group', 'sales-data-us'),
    entity('Dataset', 'us-sales-orders-source', 'clouddatahub.io/v1alpha1'),
  ],
});

describe('datahub:dataset:validate', () => {
  const action = createDatasetValidateAction({ hubs, catalog });
  const run = (input: Record<string, string>) => {
    const ctx = createMockActionContext({ input: input as any });
    return { ctx, result: action.handler(ctx as any) };
  };

  it('accepts its example: a free, well-named dataset of existing hub, domain and group', async () => {
    const { ctx, result } = run(yaml.parse(examples[0].example).steps[0].input);
    await result;
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'dataset:default/us-dealer-orders-source',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'glueDatabase',
      'us_dealer_orders_source',
    );
  });

  it('rejects a name that is taken', async () => {
    const { ctx, result } = run({
      name: 'us-sales-orders-source',
      layer: 'source',
      hub: 'us',
      businessObject: 'domain:default/sales',
      owner: 'group:default/sales-data-us',
    });
    await expect(result).rejects.toThrow(
      'a dataset named "us-sales-orders-source" already exists (dataset:default/us-sales-orders-source)',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('reports every problem at once', async () => {
    const { result } = run({
      name: 'Orders',
      layer: 'prepared',
      hub: 'mars',
      businessObject: 'domain:default/unknown',
      owner: 'user:default/alice',
    });
    await expect(result).rejects.toThrow(
      'The dataset cannot be created: name "Orders" must be lower-case letters and digits in words joined by single hyphens, e.g. vehicle-trips-prepared; ' +
        'name "Orders" must end with its layer: "-prepared"; hub "mars" is not a hub of this portal (us); ' +
        'business object "domain:default/unknown" does not exist in the catalog; owner "user:default/alice" must be a Group',
    );
  });
});
