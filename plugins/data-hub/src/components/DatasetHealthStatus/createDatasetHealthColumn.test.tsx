import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import type { DatasetHealth } from '@cloud-data-hub/data-hub-common';
import { dataHubLineageApiRef } from '../../api/DataHubLineageApi';
import { DataHubLineageClient } from '../../api/DataHubLineageClient';
import { createDatasetHealthColumn } from './createDatasetHealthColumn';
import { mockLineageApi, sampleHealth } from './healthFixtures';

/** The shape of the catalog table's rows (`CatalogTableRow`), as far as used here. */
type CatalogTableRow = {
  entity: Entity;
  resolved: { name: string; entityRef: string };
};

function row(
  kind: string,
  name: string,
  namespace = 'default',
): CatalogTableRow {
  const entity: Entity = {
    apiVersion:
      kind === 'Dataset' ? 'clouddatahub.io/v1alpha1' : 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace },
    spec: {},
  };
  return {
    entity,
    resolved: {
      name,
      entityRef: stringifyEntityRef(entity),
    },
  };
}

const rows = [
  row('Dataset', 'vehicle-orders'),
  row('Dataset', 'raw-orders'),
  row('Dataset', 'unregistered'),
  row('Component', 'sales-dashboard'),
];

const items: DatasetHealth[] = [
  sampleHealth(),
  sampleHealth({
    entityRef: 'dataset:default/raw-orders',
    status: 'failing',
    reason: 'Job ingest_orders failed: access denied',
  }),
];

function renderTable(api: object) {
  return renderInTestApp(
    <Table<CatalogTableRow>
      title="Catalog"
      options={{ paging: false }}
      data={rows}
      columns={[
        { title: 'Name', field: 'resolved.name' },
        createDatasetHealthColumn(),
      ]}
    />,
    { apis: [[dataHubLineageApiRef, api as any]] },
  );
}

/** The Health cell of the row named `name`. */
function healthCell(name: string) {
  const tr = screen.getByText(name).closest('tr')!;
  return within(tr).getAllByRole('cell')[1];
}

describe('createDatasetHealthColumn', () => {
  it('is a "Health" column that neither sorts nor searches', () => {
    const column = createDatasetHealthColumn();
    expect(column.title).toBe('Health');
    expect(column.sorting).toBe(false);
    expect(column.searchable).toBe(false);
  });

  it('shows the health of Dataset rows and nothing for other kinds, from one request', async () => {
    const fetch = jest.fn(async (_url: string, _init?: RequestInit) => ({
      ok: true,
      json: async () => ({ items }),
    }));
    const client = new DataHubLineageClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/data-hub' },
      fetchApi: { fetch: fetch as any },
    });
    await renderTable(client);

    await waitFor(() =>
      expect(
        within(healthCell('vehicle-orders')).getByText('Healthy'),
      ).toBeInTheDocument(),
    );
    const failing = within(healthCell('raw-orders')).getByText('Failing');
    expect(failing.closest('[data-health-status]')).toHaveAttribute(
      'title',
      'Job ingest_orders failed: access denied',
    );
    // A dataset the backend does not know yet.
    expect(
      within(healthCell('unregistered'))
        .getByText('Unknown')
        .closest('[data-health-status]'),
    ).toHaveAttribute(
      'title',
      'The data hub reports no health for this dataset yet',
    );
    expect(healthCell('sales-dashboard')).toBeEmptyDOMElement();

    // Three dataset rows, one `GET /health`.
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0]).toBe('http://backend/api/data-hub/health');
  });

  it('shows "Unknown" while loading and when the health cannot be loaded', async () => {
    const api = mockLineageApi();
    let fail: (error: Error) => void = () => {};
    api.getAllHealth.mockReturnValue(
      new Promise((_, reject) => {
        fail = reject;
      }),
    );
    await renderTable(api);

    const chip = () =>
      within(healthCell('vehicle-orders'))
        .getByText('Unknown')
        .closest('[data-health-status]');
    expect(chip()).toHaveAttribute('title', 'Loading health…');

    fail(new Error('backend down'));
    await waitFor(() =>
      expect(chip()).toHaveAttribute(
        'title',
        'Health could not be loaded: backend down',
      ),
    );
    expect(api.getHealth).not.toHaveBeenCalled();
  });
});
