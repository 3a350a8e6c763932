import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { QueryResultsPage } from '@cloud-data-hub/data-hub-common';
import {
  act,
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { DataHubQueryApi, dataHubQueryApiRef } from '../../api/DataHubQueryApi';
import { DataHubQueryError } from '../../api/DataHubQueryError';
import { queryRouteRef } from '../../routes';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { mockLayout } from '../../testing/jsdomLayout';
import {
  ALICE,
  GLOBAL_USE_CASE,
  mockQueryApi,
  pageOf,
  sampleQueryable,
  sampleResults,
  sampleRun,
  sampleSavedQuery,
  US_USE_CASE,
} from '../../testing/queryFixtures';
import { QueryPageContent } from './QueryPage';

jest.setTimeout(60_000);

// The page loads use cases, grants and results one after the other: on a busy CI
// machine that takes longer than Testing Library's default of 1 s.
configure({ asyncUtilTimeout: 10_000 });

/** Types without delays between keys: the behaviour is the same, only faster. */
const userEvent = userEventLib.setup({ delay: null });

const alice = mockApis.identity({
  userEntityRef: ALICE,
  ownershipEntityRefs: [ALICE, 'group:default/us-marketing-analytics'],
});

function renderPage(
  api: DataHubQueryApi,
  url = '/data-hub/query',
  storage = mockApis.storage(),
) {
  return renderInTestApp(<QueryPageContent />, {
    apis: [[dataHubQueryApiRef, api], alice, storage, mockApis.permission()],
    mountPath: '/data-hub/query',
    initialRouteEntries: [url],
    mountedRoutes: {
      '/data-hub/query': queryRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

const editor = () => screen.getByRole('textbox', { name: 'SQL editor' });

/** Waits for the use case to be picked. */
async function picked(titleOfUseCase: string) {
  await screen.findByText(new RegExp(`^${titleOfUseCase} \\(hub`), undefined, {
    timeout: 5000,
  });
}

/** Waits for the use cases and grants, i.e. the page is ready to run. */
async function ready(titleOfUseCase = 'US marketing 360') {
  await picked(titleOfUseCase);
  await screen.findByRole(
    'list',
    { name: 'Queryable datasets' },
    { timeout: 5000 },
  );
}

describe('QueryPageContent', () => {
  let restoreLayout: () => void;
  beforeEach(() => {
    restoreLayout = mockLayout();
    localStorage.clear();
  });
  afterEach(() => {
    restoreLayout();
    jest.restoreAllMocks();
  });

  it('runs the linked SQL as the linked use case on Ctrl+Enter and shows typed rows', async () => {
    const api = mockQueryApi();
    const sql = 'SELECT order_id, list_price_usd, shipped, note FROM orders';
    await renderPage(
      api,
      `/data-hub/query?useCase=global-fleet-insights&sql=${encodeURIComponent(
        sql,
      )}`,
    );
    await ready('Global fleet insights');
    expect(api.getQueryable).toHaveBeenCalledWith(GLOBAL_USE_CASE);
    expect(editor()).toHaveTextContent(sql);

    fireEvent.keyDown(editor(), { key: 'Enter', code: 'Enter', ctrlKey: true });

    await waitFor(() =>
      expect(api.submitQuery).toHaveBeenCalledWith({
        sql,
        useCaseRef: GLOBAL_USE_CASE,
        firstPageRows: 500,
      }),
    );
    const grid = await screen.findByRole('grid', { name: 'Query results' });
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['#', 'order_id', 'list_price_usd', 'shipped', 'note']);
    const rows = within(grid).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('gridcell')
        .map(c => c.textContent);
    expect(cells(rows[0])).toEqual(['O000000001', '48123.5', 'true', 'NULL']);
    expect(cells(rows[1])).toEqual(['O000000002', '99000', 'false', 'gift']);
    // NULL is an element of its own, unlike the text "NULL" a string may hold.
    expect(within(rows[0]).getByText('NULL').tagName).toBe('SPAN');
    expect(screen.getByText('Succeeded · 2 rows · 42 ms')).toBeInTheDocument();
    expect(api.getResults).toHaveBeenCalledWith('run-1', {
      offset: 0,
      limit: 500,
    });
  });

  it('shows the first page the submit answered with, without asking for it again', async () => {
    const api = mockQueryApi();
    api.submitQuery.mockResolvedValue(
      sampleRun({
        firstPage: sampleResults(),
        statistics: { rows: 2, elapsedMs: 42 },
      }),
    );
    await renderPage(
      api,
      `/data-hub/query?useCase=global-fleet-insights&sql=${encodeURIComponent(
        'SELECT 1',
      )}`,
    );
    await ready('Global fleet insights');
    fireEvent.keyDown(editor(), { key: 'Enter', code: 'Enter', ctrlKey: true });
    const grid = await screen.findByRole('grid', { name: 'Query results' });
    await waitFor(() =>
      expect(within(grid).getAllByRole('row').slice(1)).toHaveLength(2),
    );
    expect(api.getResults).not.toHaveBeenCalled();
  });

  /** A link from the query card of the dataset alice's global use case may read. */
  const DATASET_LINK = `/data-hub/query?dataset=${encodeURIComponent(
    'dataset:default/us-sales-orders-source',
  )}&sql=${encodeURIComponent(
    'SELECT * FROM us_sales_orders_source.orders LIMIT 100',
  )}`;

  it('picks the use case that may read the dataset a link comes from', async () => {
    const api = mockQueryApi();
    // Only the global use case may read the linked dataset.
    api.getQueryable.mockImplementation(async ref =>
      ref === GLOBAL_USE_CASE ? sampleQueryable() : [],
    );
    // The last pick cannot read it: the dataset wins.
    const storage = mockApis.storage();
    await storage.forBucket('data-hub.query').set('useCase', US_USE_CASE);
    await renderPage(api, DATASET_LINK, storage);
    await ready('Global fleet insights');
    expect(editor()).toHaveTextContent(
      'SELECT * FROM us_sales_orders_source.orders LIMIT 100',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(api.submitQuery).toHaveBeenCalledWith({
        sql: 'SELECT * FROM us_sales_orders_source.orders LIMIT 100',
        useCaseRef: GLOBAL_USE_CASE,
        firstPageRows: 500,
      }),
    );
    expect(screen.queryByText(/None of your use cases/)).toBeNull();
  });

  it('of several use cases that may read the linked dataset, picks the last one picked, else the first by title', async () => {
    // Both use cases may read it (the fixtures' grants).
    const api = mockQueryApi();
    const { unmount } = await renderPage(api, DATASET_LINK);
    // Not the first of the list (US marketing 360): the first by title.
    await ready('Global fleet insights');
    expect(screen.queryByText(/^US marketing 360 \(hub/)).toBeNull();
    unmount();

    const storage = mockApis.storage();
    await storage.forBucket('data-hub.query').set('useCase', US_USE_CASE);
    await renderPage(api, DATASET_LINK, storage);
    await ready('US marketing 360');
    expect(screen.queryByText(/^Global fleet insights \(hub/)).toBeNull();
  });

  it('says when no use case may read the linked dataset, and links to its page to request access', async () => {
    const api = mockQueryApi();
    await renderPage(
      api,
      `/data-hub/query?dataset=${encodeURIComponent(
        'dataset:default/eu-fleet-telemetry',
      )}&sql=${encodeURIComponent('SELECT * FROM eu_fleet_telemetry.trips')}`,
    );
    // Neither may read it: the page falls back to the first use case.
    await ready('US marketing 360');

    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent(
      'None of your use cases may read this dataset',
    );
    expect(notice).toHaveTextContent("Request access on the dataset's page");
    expect(within(notice).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/dataset/eu-fleet-telemetry',
    );

    await userEvent.click(
      within(notice).getByRole('button', { name: 'Close' }),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the use case the person picks while the dataset check is pending', async () => {
    const api = mockQueryApi();
    let answerGlobal!: () => void;
    const globalAnswered = new Promise<void>(resolve => {
      answerGlobal = resolve;
    });
    // Only the global use case may read the linked dataset, and it answers late.
    api.getQueryable.mockImplementation(async ref => {
      if (ref !== GLOBAL_USE_CASE) return [];
      await globalAnswered;
      return sampleQueryable();
    });
    await renderPage(api, DATASET_LINK);

    // With the keyboard: the picker opens on Enter, an option is taken with Enter.
    const picker = await screen.findByRole('button', { name: /Use case/ });
    picker.focus();
    await userEvent.keyboard('{Enter}');
    await screen.findByRole('option', { name: /US marketing 360/ });
    await userEvent.keyboard('{ArrowDown}{ArrowUp}');
    await waitFor(() =>
      expect(
        screen.getByRole('option', { name: /US marketing 360/ }),
      ).toHaveFocus(),
    );
    await userEvent.keyboard('{Enter}');
    await picked('US marketing 360');

    answerGlobal();
    await waitFor(() =>
      expect(api.getQueryable).toHaveBeenCalledWith(GLOBAL_USE_CASE),
    );
    // Give the late answer its chance to switch; it must not.
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(screen.getByText(/^US marketing 360 \(hub/)).toBeInTheDocument();
  });

  it('never picks a use case from the SQL, linked or typed', async () => {
    const api = mockQueryApi();
    // Only the global use case may read us_sales_orders_source, which the SQL names.
    api.getQueryable.mockImplementation(async ref =>
      ref === GLOBAL_USE_CASE ? sampleQueryable() : [],
    );
    await renderPage(
      api,
      `/data-hub/query?sql=${encodeURIComponent(
        'SELECT * FROM us_sales_orders_source.orders',
      )}`,
    );
    await picked('US marketing 360');
    expect(await screen.findByText('No live grants')).toBeInTheDocument();

    await userEvent.click(editor());
    await userEvent.keyboard(' JOIN us_sales_orders_source.dealers USING (x)');
    await waitFor(() =>
      expect(editor()).toHaveTextContent('JOIN us_sales_orders_source.dealers'),
    );
    await new Promise(resolve => setTimeout(resolve, 200));

    expect(screen.getByText(/^US marketing 360 \(hub/)).toBeInTheDocument();
    // The page never asked which use case may read what the SQL names.
    expect(api.getQueryable).not.toHaveBeenCalledWith(GLOBAL_USE_CASE);
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(api.submitQuery).toHaveBeenCalledWith({
        sql: expect.stringContaining('us_sales_orders_source.dealers'),
        useCaseRef: US_USE_CASE,
        firstPageRows: 500,
      }),
    );
  });

  it('remembers the use case picked last', async () => {
    const api = mockQueryApi();
    // The app's storage, the browser's local storage by default, outlives the page.
    const storage = mockApis.storage();
    const { unmount } = await renderPage(api, '/data-hub/query', storage);
    await ready('US marketing 360');
    await userEvent.click(screen.getByRole('button', { name: /Use case/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: /Global fleet insights/ }),
    );
    await waitFor(() =>
      expect(api.getQueryable).toHaveBeenLastCalledWith(GLOBAL_USE_CASE),
    );
    unmount();

    await renderPage(api, '/data-hub/query', storage);
    await ready('Global fleet insights');
  });

  it("shows the backend's message when the query is refused", async () => {
    const api = mockQueryApi();
    const message =
      'us_customer_crm_source.customers: not a table this use case holds a live grant on';
    api.submitQuery.mockRejectedValue(
      new DataHubQueryError(message, 403, 'NotAllowedError'),
    );
    await renderPage(
      api,
      '/data-hub/query?sql=SELECT%20*%20FROM%20us_customer_crm_source.customers',
    );
    await ready();

    await userEvent.click(screen.getByRole('button', { name: 'Run' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The query failed');
    expect(alert).toHaveTextContent(message);
  });

  it('links to the dataset when a column is not granted', async () => {
    const api = mockQueryApi();
    api.submitQuery.mockRejectedValue(
      new DataHubQueryError(
        "Column vin of US sales orders (dataset:default/us-sales-orders-source, table orders) is not granted to US marketing 360. Request an extension of the grant on the dataset's page.",
        403,
        'NotAllowedError',
      ),
    );
    await renderPage(api, '/data-hub/query?sql=SELECT%20vin%20FROM%20orders');
    await ready();

    await userEvent.click(screen.getByRole('button', { name: 'Run' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Column vin of US sales orders');
    const link = within(alert).getByRole('link');
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/dataset/us-sales-orders-source',
    );
  });

  it('polls a long query, shows its progress, and cancels it', async () => {
    const api = mockQueryApi();
    const running = sampleRun({
      state: 'running',
      progress: 0.4,
      statistics: {},
    });
    api.submitQuery.mockResolvedValue(running);
    api.getQuery.mockResolvedValue(running);
    api.cancelQuery.mockImplementation(async () => {
      api.getQuery.mockResolvedValue(
        sampleRun({ state: 'cancelled', statistics: { elapsedMs: 1500 } }),
      );
      return running;
    });
    await renderPage(api, '/data-hub/query?sql=SELECT%201');
    await ready();

    await userEvent.click(screen.getByRole('button', { name: 'Run' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Running…');
    expect(
      screen.getByRole('progressbar', { name: 'Query progress' }),
    ).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByText(/ · 40 %$/)).toBeInTheDocument();
    // Polled with backoff until it ends.
    await waitFor(() => expect(api.getQuery).toHaveBeenCalledWith('run-1'));

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(api.cancelQuery).toHaveBeenCalledWith('run-1');
    expect(
      await screen.findByText(
        'The query was cancelled after 1.5 s.',
        undefined,
        {
          timeout: 5000,
        },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toBeEnabled();
  });

  it('lists, searches and pages the history, and opens a past query', async () => {
    const api = mockQueryApi();
    const past = sampleRun({
      id: 'run-7',
      sql: 'SELECT count(*) FROM us_sales_orders_source.orders',
      useCaseRef: GLOBAL_USE_CASE,
      statistics: { rows: 1, elapsedMs: 12 },
    });
    api.listHistory.mockImplementation(async options =>
      pageOf(options?.offset ? [] : [past], 45),
    );
    await renderPage(api);
    await ready();

    await userEvent.click(screen.getByRole('tab', { name: 'History' }));

    const list = await screen.findByRole('list', { name: 'Query history' });
    const item = within(list).getByRole('button', {
      name: /SELECT count\(\*\) FROM us_sales_orders_source\.orders/,
    });
    expect(item).toHaveTextContent(
      /Succeeded · Global fleet insights · 1 rows · 12 ms/,
    );
    expect(api.listHistory).toHaveBeenLastCalledWith({
      search: undefined,
      limit: 20,
      offset: 0,
    });
    expect(screen.getByText('1–20 of 45')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listHistory).toHaveBeenLastCalledWith({
        search: undefined,
        limit: 20,
        offset: 20,
      }),
    );
    // The search box's debounce settling must not send the user back to page 1.
    await act(() => new Promise(resolve => setTimeout(resolve, 400)));
    expect(api.listHistory).toHaveBeenLastCalledWith({
      search: undefined,
      limit: 20,
      offset: 20,
    });

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search history' }),
      'orders',
    );
    await waitFor(() =>
      expect(api.listHistory).toHaveBeenLastCalledWith({
        search: 'orders',
        limit: 20,
        offset: 0,
      }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: /SELECT count/ }),
    );
    await waitFor(() => expect(editor()).toHaveTextContent(past.sql));
    await picked('Global fleet insights');
  });

  it('opens a history item or a saved query as the use case stored with it', async () => {
    const api = mockQueryApi();
    const past = sampleRun({
      id: 'run-8',
      sql: 'SELECT count(*) FROM us_sales_orders_prepared.orders',
      useCaseRef: GLOBAL_USE_CASE,
    });
    api.listHistory.mockResolvedValue(pageOf([past]));
    api.listSavedQueries.mockResolvedValue([
      sampleSavedQuery({ useCaseRef: US_USE_CASE }),
    ]);
    await renderPage(api);
    await ready('US marketing 360');

    await userEvent.click(screen.getByRole('tab', { name: 'History' }));
    const history = await screen.findByRole('list', { name: 'Query history' });
    // With the keyboard.
    within(history)
      .getByRole('button', { name: /SELECT count\(\*\)/ })
      .focus();
    await userEvent.keyboard('{Enter}');
    await picked('Global fleet insights');
    await waitFor(() => expect(editor()).toHaveTextContent(past.sql));
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(api.submitQuery).toHaveBeenCalledWith({
        sql: past.sql,
        useCaseRef: GLOBAL_USE_CASE,
        firstPageRows: 500,
      }),
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Saved' }));
    const saved = await screen.findByRole('list', { name: 'Saved queries' });
    await userEvent.click(within(saved).getByText('Orders per state'));
    await picked('US marketing 360');
    expect(editor()).toHaveTextContent(
      'SELECT state, count(*) FROM dealers GROUP BY state',
    );
  });

  it('runs an interrupted query again as the use case it ran as', async () => {
    const api = mockQueryApi();
    api.submitQuery.mockResolvedValue(
      sampleRun({
        state: 'interrupted',
        sql: 'SELECT 1',
        useCaseRef: US_USE_CASE,
        statistics: {},
      }),
    );
    await renderPage(api, '/data-hub/query?sql=SELECT%201');
    await ready('US marketing 360');
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    const again = await screen.findByRole('button', { name: 'Run again' });

    // The person switches meanwhile; running the interrupted query again
    // switches back to the use case it ran as, which the picker shows.
    await userEvent.click(screen.getByRole('button', { name: /Use case/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: /Global fleet insights/ }),
    );
    await picked('Global fleet insights');
    await userEvent.click(again);

    await picked('US marketing 360');
    expect(api.submitQuery).toHaveBeenCalledTimes(2);
    expect(api.submitQuery).toHaveBeenLastCalledWith({
      sql: 'SELECT 1',
      useCaseRef: US_USE_CASE,
      firstPageRows: 500,
    });
  });

  it('explains how to get data when the use case holds no grant', async () => {
    const api = mockQueryApi();
    api.getQueryable.mockResolvedValue([]);
    await renderPage(api);

    expect(await screen.findByText('No live grants')).toBeInTheDocument();
    expect(
      screen.getByText(/request access on a dataset's page/),
    ).toBeInTheDocument();
  });

  it('inserts a table clicked in the side panel into the editor', async () => {
    const api = mockQueryApi();
    await renderPage(api, '/data-hub/query?sql=SELECT%20*%20FROM%20');
    await ready();

    await userEvent.click(screen.getByRole('button', { name: /^dealers/ }));

    expect(editor()).toHaveTextContent(
      'SELECT * FROM us_sales_orders_source.dealers',
    );
  });

  it('loads the page of rows the grid scrolls to', async () => {
    const api = mockQueryApi();
    api.submitQuery.mockResolvedValue(
      sampleRun({ statistics: { rows: 12_000, elapsedMs: 80 } }),
    );
    api.getResults.mockImplementation(
      async (_id, { offset, limit }): Promise<QueryResultsPage> => ({
        columns: [{ name: 'n', type: 'BIGINT' }],
        rows: Array.from(
          { length: Math.min(limit, 12_000 - offset) },
          (_, i) => [offset + i],
        ),
        offset,
        hasMore: offset + limit < 12_000,
      }),
    );
    await renderPage(api, '/data-hub/query?sql=SELECT%20n');
    await ready();
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    const grid = await screen.findByRole('grid', { name: 'Query results' });
    const values = () =>
      within(grid)
        .queryAllByRole('gridcell')
        .map(c => c.textContent);
    await waitFor(() => expect(values()).toContain('20'));
    expect(grid).toHaveAttribute('aria-rowcount', '12001');

    // Down to row 6,000: its page of 5,000 rows is loaded, not those on the way.
    grid.scrollTop = 6000 * 28;
    fireEvent.scroll(grid);

    await waitFor(() =>
      expect(api.getResults).toHaveBeenCalledWith('run-1', {
        offset: 5000,
        limit: 5000,
      }),
    );
    expect(api.getResults).not.toHaveBeenCalledWith('run-1', {
      offset: 0,
      limit: 5000,
    });
    await waitFor(() => expect(values()).toContain('6000'));
  });

  it('downloads the CSV of a result', async () => {
    const api = mockQueryApi();
    const createObjectURL = jest.fn(() => 'blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    await renderPage(api, '/data-hub/query?sql=SELECT%201');
    await ready();
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));

    await userEvent.click(
      await screen.findByRole('button', { name: 'Download CSV' }),
    );

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.downloadCsv).toHaveBeenCalledWith('run-1', expect.anything());
    const anchor = click.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(anchor.download).toBe('query-run-1.csv');
    expect(anchor.href).toBe('blob:csv');
  });

  it('saves the query, shared with the use case, and deletes an own saved query', async () => {
    const api = mockQueryApi();
    const mine = sampleSavedQuery();
    const teammates = sampleSavedQuery({
      id: 'saved-2',
      name: 'Dealers by state',
      ownerRef: 'user:default/frank-analyst',
      shared: true,
    });
    api.listSavedQueries.mockResolvedValue([mine, teammates]);
    await renderPage(api, '/data-hub/query?sql=SELECT%201');
    await ready();

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Name/), 'One');
    await userEvent.click(
      within(dialog).getByLabelText('Share with the team of US marketing 360'),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(api.createSavedQuery).toHaveBeenCalledWith({
      name: 'One',
      description: undefined,
      sql: 'SELECT 1',
      useCaseRef: US_USE_CASE,
      shared: true,
    });
    // The Saved tab opens and lists mine and the shared one of a teammate.
    const list = await screen.findByRole('list', { name: 'Saved queries' });
    expect(within(list).getByText('Dealers by state')).toBeInTheDocument();
    expect(within(list).getByText(/by frank-analyst/)).toBeInTheDocument();
    expect(
      within(list).queryByRole('button', {
        name: 'Delete saved query Dealers by state',
      }),
    ).toBeNull();

    await userEvent.click(
      within(list).getByRole('button', {
        name: 'Delete saved query Orders per state',
      }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );
    expect(api.deleteSavedQuery).toHaveBeenCalledWith('saved-1');
  });

  it('says so when the user belongs to no use case', async () => {
    const api = mockQueryApi();
    api.getUseCases.mockResolvedValue([]);
    await renderPage(api);
    expect(
      await screen.findByText('You belong to no use case'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'SQL editor' })).toBeNull();
  });
});
