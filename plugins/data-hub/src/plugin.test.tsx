import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityKindFilter,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { MockEntityListContextProvider } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import dataHubPlugin from './index';
import { sampleDataset, testHubsConfig } from './testing/sampleDataset';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web' },
  spec: {},
};

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function cardTester(id: string) {
  const tester = createExtensionTester(dataHubPlugin.getExtension(id));
  const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
  return {
    tester,
    type: tester.get(EntityCardBlueprint.dataRefs.type),
    filter: filter as ((entity: Entity) => boolean) | undefined,
  };
}

describe('dataHubPlugin (new frontend system)', () => {
  it('is the default export, with id data-hub', () => {
    expect(dataHubPlugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(dataHubPlugin.pluginId).toBe('data-hub');
  });

  it('provides the Dataset overview card as a content card for datasets only', async () => {
    const { tester, type, filter } = cardTester(
      'entity-card:data-hub/dataset-overview',
    );
    expect(type).toBe('content');
    expect(filter?.(sampleDataset())).toBe(true);
    expect(filter?.(component)).toBe(false);

    await renderInTestApp(
      <EntityProvider entity={sampleDataset()}>
        {tester.reactElement()}
      </EntityProvider>,
      { config: testHubsConfig, mountedRoutes },
    );
    expect(await screen.findByText('Dataset')).toBeInTheDocument();
    expect(screen.getByText('United States (us)')).toBeInTheDocument();
    expect(
      screen
        .getByRole('list', { name: 'Upstream datasets' })
        .querySelectorAll('a[href="/catalog/default/dataset/raw-orders"]'),
    ).toHaveLength(1);
  });

  it('provides the Schema card as a full-width content card for datasets only', async () => {
    const { tester, type, filter } = cardTester(
      'entity-card:data-hub/dataset-schema',
    );
    expect(type).toBe('content');
    expect(filter?.(sampleDataset())).toBe(true);
    expect(filter?.(component)).toBe(false);

    await renderInTestApp(
      <EntityProvider entity={sampleDataset()}>
        {tester.reactElement()}
      </EntityProvider>,
    );
    expect(await screen.findByText('Schema')).toBeInTheDocument();
    expect(screen.getByLabelText('Filter columns')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('4 of 4 columns');
  });

  it.each([
    ['catalog-filter:data-hub/hub', 'Hub', 'United States (us)'],
    ['catalog-filter:data-hub/layer', 'Layer', 'Prepared'],
  ])('provides the %s catalog filter', async (id, label, selectedChip) => {
    const tester = createExtensionTester(dataHubPlugin.getExtension(id));
    await renderInTestApp(
      <MockEntityListContextProvider
        value={{
          filters: { kind: new EntityKindFilter('dataset', 'Dataset') },
          queryParameters: { hub: 'us', layer: 'prepared' } as any,
        }}
      >
        {tester.reactElement()}
      </MockEntityListContextProvider>,
      { config: testHubsConfig },
    );
    expect(await screen.findByLabelText(label)).toBeInTheDocument();
    expect(screen.getByText(selectedChip)).toBeInTheDocument();
  });
});
