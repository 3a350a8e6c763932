import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  dataHubLegacyPlugin,
  EntityDatasetOverviewCard,
  EntityDatasetSchemaCard,
} from './index';
import { sampleDataset, testHubsConfig } from './testing/sampleDataset';

function renderLegacy(element: JSX.Element) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[configApiRef, mockApis.config({ data: testHubsConfig })]]}
    >
      <EntityProvider entity={sampleDataset()}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('legacy frontend system exports', () => {
  it('exposes a plugin with id data-hub', () => {
    expect(dataHubLegacyPlugin.getId()).toBe('data-hub');
  });

  it('renders EntityDatasetOverviewCard', async () => {
    await renderLegacy(<EntityDatasetOverviewCard />);
    expect(await screen.findByText('Dataset')).toBeInTheDocument();
    expect(screen.getByText('United States (us)')).toBeInTheDocument();
    const downstream = screen.getByRole('list', {
      name: 'Downstream datasets',
    });
    expect(within(downstream).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/dataset/vehicle-sales-kpis',
    );
  });

  it('renders EntityDatasetSchemaCard', async () => {
    await renderLegacy(<EntityDatasetSchemaCard />);
    expect(await screen.findByText('Schema')).toBeInTheDocument();
    expect(screen.getAllByRole('tab')).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveTextContent('4 of 4 columns');
  });
});
