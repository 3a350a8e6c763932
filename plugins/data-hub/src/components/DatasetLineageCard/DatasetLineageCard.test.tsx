import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { LineageGraph } from '@cloud-data-hub/data-hub-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import type { DataHubLineageApi } from '../../api/DataHubLineageApi';
import { dataHubLineageApiRef } from '../../api/DataHubLineageApi';
import { DataHubQueryError } from '../../api/DataHubQueryError';
import { sampleDataset } from '../../testing/sampleDataset';
import { DatasetLineageCard } from './DatasetLineageCard';
import {
  mockLineageApi,
  ROOT_REF,
  sampleColumnLineage,
  sampleLineageGraph,
  upstreamOnly,
} from './lineageFixtures';

const NOW = new Date('2024-05-10T12:00:00Z').getTime();

// The graph lays out with dagre and settles on timers; slow on small CI machines.
jest.setTimeout(30_000);

/** Types without delays between keys: the behaviour is the same, only faster. */
const userEvent = userEventLib.setup({ delay: null });

function renderCard(api: DataHubLineageApi, entity: Entity = sampleDataset()) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <DatasetLineageCard />
    </EntityProvider>,
    {
      apis: [[dataHubLineageApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** Text and link targets of a list's items. */
function listItems(name: string) {
  const list = screen.getByRole('list', { name });
  return within(list)
    .getAllByRole('listitem')
    .map(li => {
      const link = within(li).queryByRole('link');
      return link
        ? `${link.textContent} -> ${link.getAttribute('href')}`
        : li.textContent;
    });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('DatasetLineageCard', () => {
  const svgPrototype = SVGElement.prototype as any;
  const originalGetBBox = svgPrototype.getBBox;

  beforeAll(() => {
    // jsdom does no SVG layout; DependencyGraph measures every node with getBBox.
    svgPrototype.getBBox = () => ({ x: 0, y: 0, width: 230, height: 58 });
  });
  afterAll(() => {
    svgPrototype.getBBox = originalGetBBox;
  });
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('lists upstream and downstream datasets as links, nearest first', async () => {
    const api = mockLineageApi();
    await renderCard(api);

    expect(
      await screen.findByRole('list', {
        name: 'Upstream datasets in the lineage graph',
      }),
    ).toBeInTheDocument();
    expect(api.getLineageGraph).toHaveBeenCalledWith(ROOT_REF, {
      depth: 2,
      direction: 'both',
    });
    expect(listItems('Upstream datasets in the lineage graph')).toEqual([
      // The partner file is no catalog Dataset: no link, marked external.
      'customers.csvexternaldirects3://partner-bucket/customers.csv · via prepare_vehicle_orders',
      'Raw customers -> /catalog/default/dataset/raw-customers',
      'Raw orders -> /catalog/default/dataset/raw-orders',
      // Two hops away: the landing file raw-orders is ingested from.
      'ordersexternal2 hopss3://landing-bucket/orders · via ingest_raw_orders',
    ]);
    expect(listItems('Downstream datasets in the lineage graph')).toEqual([
      'Vehicle sales KPIs -> /catalog/default/dataset/vehicle-sales-kpis',
    ]);
    expect(
      screen.getByRole('heading', { name: 'Upstream datasets (4)' }),
    ).toBeInTheDocument();

    // How each neighbour is linked: declared, observed, or both.
    const upstream = screen.getByRole('list', {
      name: 'Upstream datasets in the lineage graph',
    });
    const rawOrders = within(upstream)
      .getByRole('link', { name: 'Raw orders' })
      .closest('li')!;
    expect(rawOrders).toHaveTextContent(
      'via prepare_vehicle_orders; also declared in spec.upstream',
    );
    const rawCustomers = within(upstream)
      .getByRole('link', { name: 'Raw customers' })
      .closest('li')!;
    expect(rawCustomers).toHaveTextContent('declared in spec.upstream');
  });

  it('draws datasets and jobs, the dataset itself marked, catalog datasets as links', async () => {
    const api = mockLineageApi();
    const { apis } = await renderCard(api);
    const graph = await screen.findByLabelText('Lineage graph');

    // Nine nodes, edges with their own styles: observed solid, declared dashed.
    await waitFor(() =>
      expect(graph.querySelectorAll('[data-testid="node"]')).toHaveLength(9),
    );
    expect(graph.querySelectorAll('[data-lineage-kind="job"]')).toHaveLength(3);
    expect(
      graph.querySelectorAll('[data-lineage-kind="external"]'),
    ).toHaveLength(2);
    await waitFor(() =>
      expect(
        graph.querySelectorAll('path[data-edge-type="declared"]'),
      ).toHaveLength(2),
    );
    expect(
      graph.querySelectorAll('path[data-edge-type="observed"]'),
    ).toHaveLength(7);
    expect(within(graph).getByText('this dataset')).toBeInTheDocument();
    expect(within(graph).getByText('build_sales_kpis')).toBeInTheDocument();

    // The dataset itself and external datasets lead nowhere; others are links.
    const nodeLinks = await within(graph).findAllByRole('link');
    expect(nodeLinks.map(a => a.getAttribute('aria-label'))).toEqual([
      'Raw orders, source, us: open dataset',
      'Raw customers, source, us: open dataset',
      'Vehicle sales KPIs, semantic, us: open dataset',
    ]);

    // A click opens the dataset's page in the app.
    await userEvent.click(nodeLinks[2]);
    expect(apis.get(coreApis.appHistory)!.getSnapshot().location.pathname).toBe(
      '/catalog/default/dataset/vehicle-sales-kpis',
    );

    expect(screen.getByRole('list', { name: 'Legend' })).toHaveTextContent(
      'Declared (spec.upstream)',
    );
  });

  it('reloads on a new depth or direction, keeping the old graph while loading', async () => {
    const api = mockLineageApi();
    await renderCard(api);
    await screen.findByRole('list', {
      name: 'Downstream datasets in the lineage graph',
    });

    const next = deferred<LineageGraph>();
    api.getLineageGraph.mockReturnValueOnce(next.promise);
    await userEvent.selectOptions(screen.getByLabelText('Depth'), '4');
    expect(api.getLineageGraph).toHaveBeenLastCalledWith(ROOT_REF, {
      depth: 4,
      direction: 'both',
    });
    expect(
      screen.getByRole('progressbar', { name: 'Loading lineage' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', {
        name: 'Downstream datasets in the lineage graph',
      }),
    ).toBeInTheDocument();
    next.resolve(sampleLineageGraph());
    await waitFor(() =>
      expect(
        screen.queryByRole('progressbar', { name: 'Loading lineage' }),
      ).toBeNull(),
    );

    api.getLineageGraph.mockResolvedValueOnce(
      upstreamOnly(sampleLineageGraph()),
    );
    const upstreamButton = screen.getByRole('button', { name: 'Upstream' });
    await userEvent.click(upstreamButton);
    expect(upstreamButton).toHaveAttribute('aria-pressed', 'true');
    expect(api.getLineageGraph).toHaveBeenLastCalledWith(ROOT_REF, {
      depth: 4,
      direction: 'upstream',
    });
    // Only the walked side is listed.
    await waitFor(() =>
      expect(
        screen.queryByRole('list', {
          name: 'Downstream datasets in the lineage graph',
        }),
      ).toBeNull(),
    );
    expect(
      screen.getByRole('list', {
        name: 'Upstream datasets in the lineage graph',
      }),
    ).toBeInTheDocument();
    expect(api.getLineageGraph).toHaveBeenCalledTimes(3);
  });

  it('shows the input columns of a picked column', async () => {
    const api = mockLineageApi();
    api.getColumnLineage.mockResolvedValue(sampleColumnLineage());
    await renderCard(api);
    await screen.findByRole('list', {
      name: 'Upstream datasets in the lineage graph',
    });
    expect(api.getColumnLineage).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Column'), 'amou');
    await userEvent.click(screen.getByRole('option', { name: /^amount/ }));
    expect(api.getColumnLineage).toHaveBeenCalledWith(ROOT_REF, {
      table: 'orders',
      column: 'amount',
    });

    const table = await screen.findByRole('table', {
      name: 'Input columns of orders.amount',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      [
        'raw-orders',
        'order_lines',
        'net_price',
        'DIRECT · AGGREGATIONsum(net_price)',
        '6 hours ago',
      ],
      [
        'externals3://partner-bucket/fx_rates.csv',
        '—',
        'eur_rate',
        'INDIRECT · JOIN',
        '6 hours ago',
      ],
    ]);
    expect(
      within(table).getByRole('link', { name: 'raw-orders' }),
    ).toHaveAttribute('href', '/catalog/default/dataset/raw-orders');
  });

  it('says so when a column has no reported lineage', async () => {
    const api = mockLineageApi();
    await renderCard(api);
    await screen.findByRole('list', {
      name: 'Upstream datasets in the lineage graph',
    });

    await userEvent.type(screen.getByLabelText('Column'), 'vin');
    await userEvent.click(screen.getByRole('option', { name: /^vin/ }));
    expect(api.getColumnLineage).toHaveBeenCalledWith(ROOT_REF, {
      table: 'order_items',
      column: 'vin',
    });
    expect(
      await screen.findByText(
        /No column lineage reported for order_items\.vin\./,
      ),
    ).toBeInTheDocument();
  });

  it('explains how lineage is reported when there is none', async () => {
    const api = mockLineageApi();
    api.getLineageGraph.mockResolvedValue({
      root: ROOT_REF,
      nodes: [sampleLineageGraph().nodes[0]],
      edges: [],
    });
    await renderCard(api);
    expect(
      await screen.findByText('No lineage reported yet for this dataset.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /posting OpenLineage events to \/api\/data-hub\/lineage/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Lineage graph')).toBeNull();
    expect(
      screen.queryByRole('list', {
        name: 'Upstream datasets in the lineage graph',
      }),
    ).toBeNull();
  });

  it('shows load errors and tries again', async () => {
    const api = mockLineageApi();
    api.getLineageGraph.mockRejectedValueOnce(new Error('backend down'));
    await renderCard(api);
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
    // The controls stay, to ask for something else.
    expect(screen.getByLabelText('Depth')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('list', {
        name: 'Upstream datasets in the lineage graph',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Error: backend down')).toBeNull();
  });

  it('shows column lineage errors', async () => {
    const api = mockLineageApi();
    api.getColumnLineage.mockRejectedValue(new Error('store offline'));
    await renderCard(api);
    await screen.findByRole('list', {
      name: 'Upstream datasets in the lineage graph',
    });
    await userEvent.type(screen.getByLabelText('Column'), 'order_id');
    await userEvent.click(
      screen.getAllByRole('option', { name: /^order_id/ })[0],
    );
    expect(await screen.findByText('Error: store offline')).toBeInTheDocument();
  });

  it('says calmly that the viewer may not see the lineage of the dataset', async () => {
    const api = mockLineageApi();
    api.getLineageGraph.mockRejectedValue(
      new DataHubQueryError('Not allowed', 403, 'NotAllowedError'),
    );
    await renderCard(api);
    expect(
      await screen.findByText(/You may not see the lineage of this dataset/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Not allowed/)).toBeNull();
  });
});
