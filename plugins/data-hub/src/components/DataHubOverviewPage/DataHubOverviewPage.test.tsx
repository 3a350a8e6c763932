import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { DataHubOverview } from '@cloud-data-hub/data-hub-common';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import type { DataHubLineageApi } from '../../api/DataHubLineageApi';
import { dataHubLineageApiRef } from '../../api/DataHubLineageApi';
import { DataHubQueryError } from '../../api/DataHubQueryError';
import { catalogIndexRouteRef, overviewRouteRef } from '../../routes';
import { DataHubOverviewPageContent } from './DataHubOverviewPage';
import { NOW, quietOverview, sampleOverview } from './overviewFixtures';

jest.setTimeout(60_000);

// material-table renders slowly on a busy CI machine.
configure({ asyncUtilTimeout: 10_000 });

/** Clicks without delays between events: the behaviour is the same, only faster. */
const userEvent = userEventLib.setup({ delay: null });

function mockLineageApi(
  getOverview: () => Promise<DataHubOverview>,
): jest.Mocked<DataHubLineageApi> {
  return {
    getLineageGraph: jest.fn(),
    getColumnLineage: jest.fn(),
    getHealth: jest.fn(),
    getAllHealth: jest.fn(),
    getUsage: jest.fn(),
    getOverview: jest.fn(getOverview),
  };
}

const HUBS_CONFIG = {
  dataHub: {
    hubs: [
      {
        name: 'us',
        title: 'United States',
        region: 'us-east-1',
        accountId: '222222222222',
      },
      { name: 'cn', title: 'China', region: 'cn-north-1', accountId: '3333' },
    ],
  },
};

function renderPage(
  api: DataHubLineageApi,
  options: { withCatalog?: boolean } = {},
) {
  const { withCatalog = true } = options;
  return renderInTestApp(<DataHubOverviewPageContent />, {
    apis: [[dataHubLineageApiRef, api]],
    config: HUBS_CONFIG,
    mountPath: '/data-hub',
    initialRouteEntries: ['/data-hub'],
    mountedRoutes: {
      '/data-hub': overviewRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      ...(withCatalog ? { '/catalog': catalogIndexRouteRef } : {}),
    },
  });
}

const region = (name: string) => screen.getByRole('region', { name });
const findRegion = (name: string) => screen.findByRole('region', { name });

/** The text of each cell of each body row of the table in `container`. */
function bodyRows(container: HTMLElement): HTMLElement[] {
  const [, ...rows] = within(container).getAllByRole('row');
  return rows;
}
const cellTexts = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(c => c.textContent);

/** The link's target as the catalog reads it, brackets decoded. */
const decodedHref = (link: HTMLElement) =>
  decodeURIComponent(link.getAttribute('href') ?? '');

describe('DataHubOverviewPageContent', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows the totals as tiles, the stale and failing ones leading to their list', async () => {
    await renderPage(mockLineageApi(async () => sampleOverview()));

    const tile = async (name: string) =>
      within(await findRegion(name)).getByTestId(/^tile-/).textContent;
    expect(await tile('Datasets')).toBe('9');
    expect(await tile('Healthy')).toBe('7');
    expect(await tile('Stale')).toBe('1');
    expect(await tile('Failing')).toBe('1');

    expect(
      within(region('Datasets')).getByRole('link', {
        name: 'Browse in the catalog',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog?filters%5Bkind%5D=dataset&filters%5Buser%5D=all',
    );

    const showStale = within(region('Stale')).getByRole('link', {
      name: 'Show the list of stale datasets',
    });
    expect(showStale.getAttribute('href')).toMatch(
      /#stale-or-failing-datasets$/,
    );
    await userEvent.click(showStale);
    // The list takes the focus, so keyboard users continue from there.
    expect(region('Stale or failing datasets')).toHaveFocus();
    expect(
      within(region('Failing')).getByRole('link', {
        name: 'Show the list of failing datasets',
      }),
    ).toBeInTheDocument();
  });

  it('counts datasets per hub and layer, each count linking to the filtered catalog', async () => {
    await renderPage(mockLineageApi(async () => sampleOverview()));

    const card = await findRegion('Datasets per hub and layer');
    const table = within(card).getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Hub', 'Source', 'Prepared', 'Semantic', 'All layers']);
    // Hubs in the order of the config, by their titles; totals last.
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map(h => h.textContent),
    ).toEqual(['United States (us)', 'China (cn)', 'All hubs']);
    const rows = bodyRows(table);
    expect(cellTexts(rows[0])).toEqual(['2', '3', '1', '6']);
    expect(cellTexts(rows[1])).toEqual(['2', '1', '0', '3']);
    expect(cellTexts(rows[2])).toEqual(['4', '4', '1', '9']);

    expect(
      decodedHref(
        within(card).getByRole('link', {
          name: '3 prepared datasets in hub us',
        }),
      ),
    ).toBe(
      '/catalog?filters[kind]=dataset&filters[user]=all&filters[hub]=us&filters[layer]=prepared',
    );
    expect(
      decodedHref(
        within(card).getByRole('link', { name: '3 datasets in hub cn' }),
      ),
    ).toBe('/catalog?filters[kind]=dataset&filters[user]=all&filters[hub]=cn');
    expect(
      decodedHref(
        within(card).getByRole('link', {
          name: '4 source datasets in all hubs',
        }),
      ),
    ).toBe(
      '/catalog?filters[kind]=dataset&filters[user]=all&filters[layer]=source',
    );
    // No link to an empty list: cn has no semantic dataset.
    expect(within(rows[1]).getAllByRole('cell')[2]).toHaveTextContent('0');
    expect(
      within(within(rows[1]).getAllByRole('cell')[2]).queryByRole('link'),
    ).toBeNull();
  });

  it('lists the stale and failing datasets, failing first, with why and when', async () => {
    await renderPage(mockLineageApi(async () => sampleOverview()));

    const card = await findRegion('Stale or failing datasets');
    expect(card).toHaveTextContent('1 failing, 1 stale.');
    const table = within(card).getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Dataset',
      'Hub',
      'Layer',
      'Status',
      'Reason',
      'Last successful write',
      'Last failure',
    ]);
    const rows = bodyRows(table);
    expect(rows).toHaveLength(2);

    const [failing, stale] = rows;
    expect(cellTexts(failing)).toEqual([
      'CN dealer orders',
      'cn',
      'source',
      'Failing',
      'Job ingest-dealer-orders failed: AccessDenied on s3://cdh-cn-source/dealer-orders/',
      '3 hours agoby ingest-dealer-orders',
      'AccessDenied on s3://cdh-cn-source/dealer-orders/airflow-cn/ingest-dealer-orders, 1 hour ago',
    ]);
    expect(
      within(failing).getByRole('link', { name: 'CN dealer orders' }),
    ).toHaveAttribute('href', '/catalog/default/dataset/cn-dealer-orders');

    expect(cellTexts(stale)).toEqual([
      'US customer profiles',
      'us',
      'prepared',
      'Stale',
      'Last written 30 h ago, expected every 24 h',
      '30 hours agoby build-customer-profiles',
      '—',
    ]);
    expect(
      within(stale).getByRole('link', { name: 'US customer profiles' }),
    ).toHaveAttribute('href', '/catalog/default/dataset/us-customer-profiles');
    // The exact instant is a hover away.
    expect(within(stale).getByText('30 hours ago')).toHaveAttribute(
      'dateTime',
      '2024-05-09T06:00:00.000Z',
    );
  });

  it('lists the most used datasets and the recent ingests', async () => {
    await renderPage(mockLineageApi(async () => sampleOverview()));

    const used = await findRegion('Most used datasets (30 days)');
    expect(
      within(used)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Dataset', 'Queries', 'Users']);
    const usedRows = bodyRows(used);
    expect(usedRows.map(cellTexts)).toEqual([
      ['Vehicle orders', '1,234', '17'],
      ['US customer profiles', '87', '5'],
    ]);
    expect(
      within(usedRows[0]).getByRole('link', { name: 'Vehicle orders' }),
    ).toHaveAttribute('href', '/catalog/default/dataset/vehicle-orders');

    const ingests = region('Recent ingests');
    expect(
      within(ingests)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Dataset', 'Hub', 'Job', 'Run', 'Completed']);
    const ingestRows = bodyRows(ingests);
    expect(ingestRows.map(cellTexts)).toEqual([
      [
        'US dealer master',
        'us',
        'ingest-dealer-masterairflow-us',
        '9d8c7b6a',
        '2 hours ago',
      ],
      [
        'CN dealer orders',
        'cn',
        'ingest-dealer-ordersairflow-cn',
        '7f3a9c21',
        '3 hours ago',
      ],
    ]);
    // The short run id carries the full one, to search the scheduler's logs.
    expect(within(ingestRows[0]).getByText('9d8c7b6a')).toHaveAttribute(
      'title',
      '9d8c7b6a-4444-4e3f-a2b1-c0d9e8f7a6b5',
    );
    expect(
      within(ingestRows[0]).getByRole('link', { name: 'US dealer master' }),
    ).toHaveAttribute('href', '/catalog/default/dataset/us-dealer-master');
  });

  it('says so when all is well and nothing was used or ingested', async () => {
    await renderPage(mockLineageApi(async () => quietOverview()));

    const unhealthy = await findRegion('Stale or failing datasets');
    expect(unhealthy).toHaveTextContent(
      'Every dataset is fresh and no job is failing.',
    );
    expect(within(unhealthy).queryByRole('table')).toBeNull();
    expect(region('Most used datasets (30 days)')).toHaveTextContent(
      'No dataset was queried through the Data Hub in the last 30 days.',
    );
    expect(region('Recent ingests')).toHaveTextContent(
      'No job run has reported writing a source-layer dataset yet.',
    );
    // Nothing to show: the tiles do not lead to an empty list.
    expect(within(region('Stale')).queryByRole('link')).toBeNull();
    expect(region('Stale')).toHaveTextContent('None');
    // The configured hub without datasets still has its row, of zeros.
    const matrix = region('Datasets per hub and layer');
    expect(
      within(matrix)
        .getAllByRole('rowheader')
        .map(h => h.textContent),
    ).toEqual(['United States (us)', 'China (cn)', 'All hubs']);
    expect(cellTexts(bodyRows(matrix)[1])).toEqual(['0', '0', '0', '0']);
  });

  it('shows plain counts when the app bound no catalog', async () => {
    await renderPage(
      mockLineageApi(async () => sampleOverview()),
      {
        withCatalog: false,
      },
    );

    const matrix = await findRegion('Datasets per hub and layer');
    expect(cellTexts(bodyRows(matrix)[0])).toEqual(['2', '3', '1', '6']);
    expect(within(matrix).queryByRole('link')).toBeNull();
    expect(region('Datasets')).toHaveTextContent('In the catalog');
    expect(within(region('Datasets')).queryByRole('link')).toBeNull();
    // Dataset pages are still linked: they come from the catalog's own route.
    expect(
      within(region('Stale or failing datasets')).getByRole('link', {
        name: 'US customer profiles',
      }),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    await renderPage(mockLineageApi(() => new Promise(() => {})));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Stale or failing datasets' }),
    ).toBeNull();
  });

  it('shows the error with a retry that loads the page', async () => {
    const api = mockLineageApi(async () => sampleOverview());
    api.getOverview.mockRejectedValueOnce(
      new DataHubQueryError(
        'The lineage store is unavailable',
        503,
        'ServiceUnavailableError',
      ),
    );
    await renderPage(api);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the Data Hub overview');
    expect(alert).toHaveTextContent('The lineage store is unavailable');

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    const card = await findRegion('Stale or failing datasets');
    expect(within(card).getByText('US customer profiles')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(api.getOverview).toHaveBeenCalledTimes(2);
  });
});
