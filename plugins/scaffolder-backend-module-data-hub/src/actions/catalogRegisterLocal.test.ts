import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { LocalGitRepositories } from '../git/LocalGitRepositories';
import { createCatalogRegisterLocalAction } from './catalogRegisterLocal';
import { examples } from './catalogRegisterLocal.examples';

describe('datahub:catalog:register-local', () => {
  const root = createMockDirectory();
  const repositories = new LocalGitRepositories(root.path);
  const catalogFile = path.join(
    root.path,
    '.checkouts',
    'orders-source',
    'catalog-info.yaml',
  );
  const location = { id: 'l', type: 'file', target: catalogFile };
  const dataset = {
    apiVersion: 'clouddatahub.io/v1alpha1',
    kind: 'Dataset',
    metadata: { name: 'orders-source', namespace: 'default' },
  };
  const locationEntity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name: 'generated-1', namespace: 'default' },
  };

  let catalog: ReturnType<typeof catalogServiceMock.mock>;
  beforeEach(() => {
    root.setContent({
      '.checkouts': {
        'orders-source': { 'catalog-info.yaml': 'kind: Dataset\n' },
      },
      'secret.yaml': 'x',
    });
    catalog = catalogServiceMock.mock({
      addLocation: jest.fn(async request =>
        request.dryRun
          ? { location, entities: [locationEntity, dataset], exists: true }
          : { location, entities: [] },
      ) as any,
    });
  });
  const run = (catalogInfoUrl: string) => {
    const ctx = createMockActionContext({ input: { catalogInfoUrl } });
    return {
      ctx,
      result: createCatalogRegisterLocalAction({
        catalog,
        repositories,
      }).handler(ctx as any),
    };
  };

  it('runs its example: adds a file location and names the Dataset it holds', async () => {
    const step = yaml.parse(examples[0].example).steps[0];
    expect(step.input.catalogInfoUrl).toBe(
      "${{ steps['publish'].output.catalogInfoUrl }}",
    );

    const url = pathToFileURL(catalogFile).href;
    const { ctx, result } = run(url);
    await result;
    expect(catalog.addLocation).toHaveBeenNthCalledWith(
      1,
      { type: 'file', target: catalogFile },
      expect.anything(),
    );
    expect(catalog.addLocation).toHaveBeenNthCalledWith(
      2,
      { type: 'file', target: catalogFile, dryRun: true },
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'dataset:default/orders-source',
    );
    expect(ctx.output).toHaveBeenCalledWith('catalogInfoUrl', url);
  });

  it.each([
    [
      () => pathToFileURL(path.join(root.path, 'secret.yaml')).href,
      'is not in a repository published with datahub:publish:local',
    ],
    [
      () => 'file:///etc/passwd',
      'is not in a repository published with datahub:publish:local',
    ],
    [
      () => 'https://github.com/acme/orders/blob/main/catalog-info.yaml',
      'is not a file: URL',
    ],
    [
      () =>
        pathToFileURL(
          path.join(root.path, '.checkouts', 'orders-source', 'missing.yaml'),
        ).href,
      'does not exist',
    ],
  ])(
    'refuses files outside the published checkouts (%#)',
    async (url, message) => {
      const { result } = run(url());
      await expect(result).rejects.toThrow(message);
      expect(catalog.addLocation).not.toHaveBeenCalled();
    },
  );
});
