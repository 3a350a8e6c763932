import { fetchApiRef } from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin, {
  type CatalogTableRow,
} from '@backstage/plugin-catalog/alpha';
import dataHubPlugin from '@cloud-data-hub/data-hub';
import { screen, waitFor, within } from '@testing-library/react';
import { catalogPageModule } from './index';

type Entity = CatalogTableRow['entity'];

// The whole catalog page with its filters renders slowly on small CI machines.
jest.setTimeout(60_000);

const entity = (kind: string, name: string): Entity => ({
  apiVersion:
    kind === 'Dataset' ? 'clouddatahub.io/v1alpha1' : 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

const entities = [
  entity('Dataset', 'raw-orders'),
  entity('Dataset', 'vehicle-orders'),
  entity('Component', 'sales-dashboard'),
];

const health = [
  {
    entityRef: 'dataset:default/vehicle-orders',
    status: 'healthy',
    reason: 'Written within its freshness',
    tables: [],
  },
  {
    entityRef: 'dataset:default/raw-orders',
    status: 'failing',
    reason: 'Job ingest_orders failed: access denied',
    tables: [],
  },
];

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

/**
 * The catalog and data hub backends, as far as the catalog page asks them:
 * entities by kind, no facets, and the health of all datasets.
 */
const fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(String(input));
  if (url.pathname === '/api/data-hub/health') {
    return json({ items: health });
  }
  if (url.pathname === '/api/catalog/entities/by-query') {
    const body = JSON.parse(String(init?.body ?? '{}'));
    const kind = JSON.stringify(body.query).match(/"kind":"(\w+)"/)?.[1];
    const items = entities.filter(e => e.kind.toLocaleLowerCase() === kind);
    return json({
      items: body.limit === 0 ? [] : items,
      totalItems: items.length,
      pageInfo: {},
    });
  }
  if (url.pathname === '/api/catalog/entity-facets') {
    return json({ facets: {} });
  }
  return json({});
});

function renderCatalog(kind: string) {
  return renderTestApp({
    features: [catalogPlugin, catalogPageModule, dataHubPlugin],
    initialRouteEntries: [`/catalog?filters[kind]=${kind}&filters[user]=all`],
    apis: [[fetchApiRef, { fetch }]],
  });
}

const healthCalls = () =>
  fetch.mock.calls.filter(([input]) =>
    String(input).endsWith('/data-hub/health'),
  );

/** The titles of the catalog table's columns, in order. */
const columnHeaders = () =>
  screen.getAllByRole('columnheader').map(th => th.textContent);

describe('catalogPageModule', () => {
  afterEach(() => fetch.mockClear());

  it('shows the health of Datasets after their names, from one request', async () => {
    renderCatalog('dataset');

    await screen.findByText('vehicle-orders', undefined, { timeout: 45_000 });
    expect(columnHeaders().slice(0, 3)).toEqual(['Name', 'Health', 'System']);

    const row = (name: string) => screen.getByText(name).closest('tr')!;
    await waitFor(() =>
      expect(
        within(row('vehicle-orders')).getByText('Healthy'),
      ).toBeInTheDocument(),
    );
    expect(
      within(row('raw-orders'))
        .getByText('Failing')
        .closest('[data-health-status]'),
    ).toHaveAttribute('title', 'Job ingest_orders failed: access denied');
    expect(healthCalls()).toHaveLength(1);

    // The page's inputs still take other plugins' filters: the data hub's Hub
    // and Layer, loaded lazily, so they may come after the table.
    expect(await screen.findByText('Hub')).toBeInTheDocument();
    expect(await screen.findByText('Layer')).toBeInTheDocument();
  }, 60_000);

  it('leaves the columns of other kinds as they are', async () => {
    renderCatalog('component');

    await screen.findByText('sales-dashboard', undefined, { timeout: 45_000 });
    const headers = columnHeaders();
    expect(headers.slice(0, 2)).toEqual(['Name', 'System']);
    expect(headers).not.toContain('Health');
    expect(healthCalls()).toHaveLength(0);
  }, 60_000);
});
