import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityKindFilter,
  EntityKindPicker,
  EntityListProvider,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  MockEntityListContextProvider,
} from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testHubsConfig } from '../testing/sampleDataset';
import { DatasetHubFilter } from './DatasetHubFilter';
import { DatasetHubPicker } from './DatasetHubPicker';
import { DatasetLayerFilter } from './DatasetLayerFilter';
import { DatasetLayerPicker } from './DatasetLayerPicker';

function dataset(name: string, hub: string, layer: string): Entity {
  return {
    apiVersion: 'clouddatahub.io/v1alpha1',
    kind: 'Dataset',
    metadata: { name, namespace: 'default' },
    spec: { hub, layer },
  };
}

const entities: Entity[] = [
  dataset('us-orders', 'us', 'prepared'),
  dataset('us-kpis', 'us', 'semantic'),
  dataset('eu-orders', 'eu', 'source'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'website' },
  },
];

/** Lists the names of the entities that pass all filters. */
function EntityNames() {
  const { entities: listed, loading } = useEntityList();
  if (loading) return <p>Loading…</p>;
  return (
    <ul aria-label="Entities">
      {listed.map(e => (
        <li key={e.metadata.name}>{e.metadata.name}</li>
      ))}
    </ul>
  );
}

async function listedNames() {
  const list = await screen.findByRole('list', { name: 'Entities' });
  return within(list)
    .queryAllByRole('listitem')
    .map(li => li.textContent);
}

function decodedSearch() {
  return decodeURIComponent(window.location.search);
}

describe('Hub and Layer pickers', () => {
  afterEach(() => {
    window.history.replaceState(null, '', '/');
  });

  it('filter the catalog list in the backend and keep the selection in the URL', async () => {
    const user = userEvent.setup();
    const catalogApi = catalogApiMock({ entities });
    const streamEntities = jest.spyOn(catalogApi, 'streamEntities');
    await renderInTestApp(
      <EntityListProvider>
        <EntityKindPicker />
        <DatasetHubPicker />
        <DatasetLayerPicker />
        <EntityNames />
      </EntityListProvider>,
      {
        config: testHubsConfig,
        apis: [catalogApi],
        initialRouteEntries: ['/catalog?filters[kind]=dataset&filters[hub]=us'],
      },
    );

    // The hub comes from the URL.
    await waitFor(async () =>
      expect((await listedNames()).sort()).toEqual(['us-kpis', 'us-orders']),
    );
    const hubPicker = screen.getByLabelText('Hub');
    expect(
      screen.getByRole('button', { name: 'United States (us)' }),
    ).toBeInTheDocument();
    expect(decodedSearch()).toContain('filters[hub]=us');

    // Options come from the config and DATASET_LAYERS.
    await user.click(hubPicker);
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'United States (us)',
      'Europe (eu)',
    ]);
    await user.keyboard('{Escape}');

    await user.click(screen.getByLabelText('Layer'));
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'Source',
      'Prepared',
      'Semantic',
    ]);
    await user.click(screen.getByRole('option', { name: 'Semantic' }));
    await user.keyboard('{Escape}');

    await waitFor(async () => expect(await listedNames()).toEqual(['us-kpis']));
    // The catalog backend did the filtering.
    expect(streamEntities).toHaveBeenLastCalledWith(
      expect.objectContaining({
        query: {
          $all: expect.arrayContaining([
            { kind: 'dataset' },
            { 'spec.hub': 'us' },
            { 'spec.layer': 'semantic' },
          ]),
        },
      }),
    );
    expect(decodedSearch()).toContain('filters[hub]=us');
    expect(decodedSearch()).toContain('filters[layer]=semantic');
  });

  it('are shown only for the Dataset kind and clear their filters otherwise', async () => {
    const user = userEvent.setup();
    await renderInTestApp(
      <EntityListProvider>
        <EntityKindPicker />
        <DatasetHubPicker />
        <DatasetLayerPicker />
        <EntityNames />
      </EntityListProvider>,
      {
        config: testHubsConfig,
        apis: [catalogApiMock({ entities })],
        initialRouteEntries: [
          '/catalog?filters[kind]=dataset&filters[hub]=eu&filters[layer]=source',
        ],
      },
    );
    await waitFor(async () =>
      expect(await listedNames()).toEqual(['eu-orders']),
    );
    expect(screen.getByLabelText('Hub')).toBeInTheDocument();

    // Pick the Component kind in the Kind select.
    await user.click(screen.getByRole('button', { name: /dataset/i }));
    await user.click(await screen.findByRole('option', { name: 'Component' }));

    await waitFor(async () => expect(await listedNames()).toEqual(['web']));
    expect(screen.queryByLabelText('Hub')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Layer')).not.toBeInTheDocument();
    expect(decodedSearch()).not.toContain('filters[hub]');
    expect(decodedSearch()).not.toContain('filters[layer]');
  });

  it('set and clear their EntityFilter classes', async () => {
    const user = userEvent.setup();
    const updateFilters = jest.fn();
    await renderInTestApp(
      <MockEntityListContextProvider
        value={{
          filters: { kind: new EntityKindFilter('dataset', 'Dataset') },
          updateFilters,
          queryParameters: { hub: ['eu'] } as any,
        }}
      >
        <DatasetHubPicker />
      </MockEntityListContextProvider>,
      { config: testHubsConfig },
    );
    expect(updateFilters).toHaveBeenLastCalledWith({
      hub: new DatasetHubFilter(['eu']),
    });

    await user.click(screen.getByLabelText('Hub'));
    await user.click(
      screen.getByRole('option', { name: 'United States (us)' }),
    );
    expect(updateFilters).toHaveBeenLastCalledWith({
      hub: new DatasetHubFilter(['eu', 'us']),
    });

    // Remove both chips with the keyboard: the filter is cleared.
    await user.keyboard('{Escape}{Backspace}{Backspace}');
    expect(updateFilters).toHaveBeenLastCalledWith({ hub: undefined });
  });

  it('render nothing and clear their filter for other kinds', async () => {
    const updateFilters = jest.fn();
    await renderInTestApp(
      <MockEntityListContextProvider
        value={{
          filters: { kind: new EntityKindFilter('component', 'Component') },
          updateFilters,
          queryParameters: { layer: 'prepared' } as any,
        }}
      >
        <DatasetLayerPicker />
      </MockEntityListContextProvider>,
      { config: testHubsConfig },
    );
    expect(screen.queryByLabelText('Layer')).not.toBeInTheDocument();
    expect(updateFilters).toHaveBeenLastCalledWith({ layer: undefined });
    expect(updateFilters).not.toHaveBeenCalledWith({
      layer: new DatasetLayerFilter(['prepared']),
    });
  });
});
