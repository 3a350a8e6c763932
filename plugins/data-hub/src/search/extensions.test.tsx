import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  MockSearchApi,
  SearchContextProvider,
  searchApiRef,
  useSearch,
} from '@backstage/plugin-search-react';
import {
  SearchFilterBlueprint,
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dataHubPlugin from '../index';
import { testHubsConfig } from '../testing/sampleDataset';
import type {
  datasetHubSearchFilter,
  datasetSearchResultListItem,
  datasetSearchResultType,
} from './extensions';

/**
 * An extension of the plugin by id, typed like its definition in
 * `./extensions` (the plugin's own type does not carry extension types).
 */
function extensionOfPlugin<T>(id: string): T {
  return dataHubPlugin.getExtension(id) as unknown as T;
}

function FiltersProbe() {
  const { filters } = useSearch();
  return <output aria-label="filters">{JSON.stringify(filters)}</output>;
}

const searchApis = [
  [searchApiRef, new MockSearchApi({ results: [] })],
] as const;

describe('dataHubPlugin search extensions', () => {
  it('renders search results of type dataset with the dataset list item', async () => {
    const tester = createExtensionTester(
      extensionOfPlugin<typeof datasetSearchResultListItem>(
        'search-result-list-item:data-hub/dataset',
      ),
    );
    const item = tester.get(SearchResultListItemBlueprint.dataRefs.item);
    const document = {
      title: 'Vehicle trips (prepared)',
      text: 'vin: Vehicle identification number',
      location: '/catalog/default/dataset/vehicle-trips-prepared',
      hub: 'us',
      layer: 'prepared',
      columns: ['trip_id', 'vin'],
    };
    expect(item.predicate?.({ type: 'dataset', document })).toBe(true);
    expect(item.predicate?.({ type: 'software-catalog', document })).toBe(
      false,
    );

    const Item = item.component;
    await renderInTestApp(
      <SearchContextProvider
        initialState={{ term: 'vin', types: [], filters: {} }}
      >
        <ul>
          <Item result={document} rank={1} />
        </ul>
      </SearchContextProvider>,
      { config: testHubsConfig, apis: searchApis },
    );
    expect(
      await screen.findByRole('link', { name: 'Vehicle trips (prepared)' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataset/vehicle-trips-prepared',
    );
    expect(screen.getByText('Hub: United States')).toBeInTheDocument();
    const columns = screen.getByRole('list', { name: 'Matching columns' });
    expect(within(columns).getByText('vin')).toBeInTheDocument();
    expect(within(columns).queryByText('trip_id')).not.toBeInTheDocument();
  });

  it('adds the result type Datasets', () => {
    const tester = createExtensionTester(
      extensionOfPlugin<typeof datasetSearchResultType>(
        'search-filter-result-type:data-hub/datasets',
      ),
    );
    const resultType = tester.get(
      SearchFilterResultTypeBlueprint.dataRefs.resultType,
    );
    expect(resultType.value).toBe('dataset');
    expect(resultType.name).toBe('Datasets');
  });

  it.each([
    [
      'search-filter:data-hub/hub',
      'Hub',
      'United States (us)',
      { hubKey: 'hubus' },
    ],
    [
      'search-filter:data-hub/layer',
      'Layer',
      'Semantic',
      { layer: 'semantic' },
    ],
  ])(
    'provides the %s search filter',
    async (id, label, option, expectedFilters) => {
      const tester = createExtensionTester(
        extensionOfPlugin<typeof datasetHubSearchFilter>(id),
      );
      const Filter = tester.get(
        SearchFilterBlueprint.dataRefs.searchFilters,
      ).component;
      await renderInTestApp(
        <SearchContextProvider>
          <Filter className="filter" />
          <FiltersProbe />
        </SearchContextProvider>,
        { config: testHubsConfig, apis: searchApis },
      );

      const select = await screen.findByLabelText(label);
      await userEvent.click(within(select).getByRole('button'));
      await userEvent.click(
        await screen.findByRole('option', { name: option }),
      );
      await waitFor(() =>
        expect(
          screen.getByRole('status', { name: 'filters' }),
        ).toHaveTextContent(JSON.stringify(expectedFilters)),
      );
    },
  );
});
