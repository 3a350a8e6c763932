import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  MockSearchApi,
  SearchContextProvider,
  searchApiRef,
} from '@backstage/plugin-search-react';
import { screen, within } from '@testing-library/react';
import { testHubsConfig } from '../testing/sampleDataset';
import { DatasetSearchResultListItem } from './DatasetSearchResultListItem';
import type { DatasetSearchDocument } from './types';

const optionColumns = [
  'heating',
  'ventilation',
  'massage',
  'memory',
  'lumbar',
  'sport',
  'leather',
  'cooling',
  'comfort',
  'third_row',
  'headrest_comfort',
  'child_isofix',
].map(option => `opt_seat_${option}`);

const document: DatasetSearchDocument = {
  title: 'US vehicle order configurations (prepared)',
  text: 'The full equipment configuration of every US vehicle order.\norder_id: Order number',
  location: '/catalog/default/dataset/us-vehicle-order-configurations-prepared',
  kind: 'Dataset',
  namespace: 'default',
  name: 'us-vehicle-order-configurations-prepared',
  description: 'The full equipment configuration of every US vehicle order.',
  hub: 'us',
  layer: 'prepared',
  owner: 'group:default/sales-data-us',
  lifecycle: 'production',
  classification: 'confidential',
  businessObject: 'domain:default/sales',
  tags: [],
  tables: ['order_configurations'],
  columns: ['order_id', 'vin', ...optionColumns],
};

async function renderItem(element: JSX.Element) {
  return renderInTestApp(element, { config: testHubsConfig });
}

function matchingColumnsList() {
  return screen.queryByRole('list', { name: 'Matching columns' });
}

describe('DatasetSearchResultListItem', () => {
  it('shows the title linked to the entity page, the description and the dataset chips', async () => {
    await renderItem(<DatasetSearchResultListItem result={document} term="" />);

    const link = await screen.findByRole('link', {
      name: 'US vehicle order configurations (prepared)',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/dataset/us-vehicle-order-configurations-prepared',
    );
    expect(
      screen.getByText(
        'The full equipment configuration of every US vehicle order.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Hub: United States')).toBeInTheDocument();
    expect(screen.getByText('Layer: Prepared')).toBeInTheDocument();
    expect(screen.getByText('Owner: sales-data-us')).toBeInTheDocument();
    expect(screen.getByText('Confidential')).toBeInTheDocument();
    // an empty term matches no column
    expect(matchingColumnsList()).not.toBeInTheDocument();
  });

  it('lists the columns that match the search term', async () => {
    await renderItem(
      <DatasetSearchResultListItem result={document} term="vin" />,
    );
    const list = await screen.findByRole('list', { name: 'Matching columns' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['vin']);
  });

  it('shows at most maxColumns matching columns and counts the rest', async () => {
    await renderItem(
      <DatasetSearchResultListItem
        result={document}
        term="opt_seat"
        maxColumns={5}
      />,
    );
    const list = await screen.findByRole('list', { name: 'Matching columns' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    expect(within(list).getByText('opt_seat_heating')).toBeInTheDocument();
    expect(screen.getByText('+7 more')).toBeInTheDocument();
  });

  it('shows no matching columns when the term names none', async () => {
    await renderItem(
      <DatasetSearchResultListItem result={document} term="customer" />,
    );
    expect(await screen.findByText('Layer: Prepared')).toBeInTheDocument();
    expect(matchingColumnsList()).not.toBeInTheDocument();
  });

  it('takes the term from the search context', async () => {
    await renderInTestApp(
      <SearchContextProvider
        initialState={{ term: 'massage', types: [], filters: {} }}
      >
        <DatasetSearchResultListItem result={document} />
      </SearchContextProvider>,
      {
        config: testHubsConfig,
        apis: [[searchApiRef, new MockSearchApi({ results: [] })]],
      },
    );
    const list = await screen.findByRole('list', { name: 'Matching columns' });
    expect(within(list).getByText('opt_seat_massage')).toBeInTheDocument();
  });

  it('highlights the title when the engine returns a highlight', async () => {
    await renderItem(
      <DatasetSearchResultListItem
        result={document}
        term="configurations"
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: {
            title: 'US vehicle order <em>configurations</em> (prepared)',
          },
        }}
      />,
    );
    const mark = await screen.findByText('configurations', {
      selector: 'mark',
    });
    expect(mark.closest('a')).toHaveAttribute('href', document.location);
  });

  it('falls back to the hub name and a raw owner, and omits missing chips', async () => {
    await renderItem(
      <DatasetSearchResultListItem
        result={{
          title: 'Bare',
          text: '',
          location: '/catalog/default/dataset/bare',
          hub: 'mars',
          owner: 'not a ref:',
        }}
        term="vin"
      />,
    );
    expect(await screen.findByText('Hub: mars')).toBeInTheDocument();
    expect(screen.getByText('Owner: not a ref:')).toBeInTheDocument();
    expect(screen.queryByText(/^Layer:/)).not.toBeInTheDocument();
    expect(matchingColumnsList()).not.toBeInTheDocument();
  });
});
