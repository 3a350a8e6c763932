import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  AsyncEntityProvider,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { generateColumns, sampleDataset } from '../../testing/sampleDataset';
import { DatasetSchemaCard } from './DatasetSchemaCard';

function renderCard(entity: Entity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <DatasetSchemaCard />
    </EntityProvider>,
  );
}

function wideDataset(columnCount: number) {
  const entity = sampleDataset();
  entity.spec.tables = [
    {
      name: 'wide_table',
      description: 'A very wide table.',
      rowCount: 42,
      partitionKeys: [],
      columns: generateColumns(columnCount),
    },
  ];
  return entity;
}

// jsdom renders material-table slowly; a browser needs a fraction of this.
const WIDE_TABLE_TIMEOUT = 30_000;

/** Data rows of the column list (without the header row). */
function dataRows(): HTMLElement[] {
  const region = screen.getByRole('region', { name: /^Columns of / });
  const [table] = within(region).getAllByRole('table');
  return within(table)
    .getAllByRole('row')
    .filter(row => within(row).queryAllByRole('columnheader').length === 0);
}

describe('DatasetSchemaCard', () => {
  it('shows one tab per table with columns, partition keys and PII badges', async () => {
    const user = userEvent.setup();
    renderCard(sampleDataset());

    expect(await screen.findByText('Schema')).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map(t => t.textContent)).toEqual([
      'orders (1,500,000 rows)',
      'order_items (4,000,000 rows)',
    ]);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');

    expect(screen.getByRole('status')).toHaveTextContent('4 of 4 columns');
    expect(screen.getByTestId('partition-keys')).toHaveTextContent(
      'Partition keys: order_date (date)',
    );
    const emailRow = screen.getByText('customer_email').closest('tr')!;
    expect(within(emailRow).getByText('PII')).toBeInTheDocument();
    expect(
      within(emailRow).getByText('E-mail address of the buyer'),
    ).toBeInTheDocument();
    const partitionRow = screen.getByText('order_date').closest('tr')!;
    expect(within(partitionRow).getByText('Partition key')).toBeInTheDocument();
    expect(within(partitionRow).getByText('date')).toBeInTheDocument();
    const amountRow = screen.getByText('amount').closest('tr')!;
    expect(within(amountRow).queryByText('PII')).not.toBeInTheDocument();

    await user.click(tabs[1]);
    expect(screen.getAllByRole('tab')[1]).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('status')).toHaveTextContent('2 of 2 columns');
    expect(screen.getByText('vin')).toBeInTheDocument();
    expect(screen.queryByText('customer_email')).not.toBeInTheDocument();
    expect(screen.getByTestId('partition-keys')).toHaveTextContent(
      'Partition keys: none',
    );
  });

  it('filters all tables and counts the matches per tab', async () => {
    const user = userEvent.setup();
    renderCard(sampleDataset());

    await user.type(await screen.findByLabelText('Filter columns'), 'order_');
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('2 of 4 columns'),
    );
    expect(screen.getAllByRole('tab').map(t => t.textContent)).toEqual([
      'orders (1,500,000 rows) · 2 matching',
      'order_items (4,000,000 rows) · 1 matching',
    ]);
    const rows = dataRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent(/^order_id/);
    expect(rows[1]).toHaveTextContent(/^order_date/);
    expect(within(rows[1]).getByText('Partition key')).toBeInTheDocument();
  });

  it(
    'pages and filters a table of 500 columns',
    async () => {
      const user = userEvent.setup();
      renderCard(wideDataset(500));

      expect(await screen.findByRole('status')).toHaveTextContent(
        '500 of 500 columns',
      );
      // Only the first page of 50 is rendered.
      expect(dataRows()).toHaveLength(50);
      expect(screen.getByText('col_0050')).toBeInTheDocument();
      expect(screen.queryByText('col_0051')).not.toBeInTheDocument();

      await user.click(screen.getByRole('button', { name: /next page/i }));
      expect(await screen.findByText('col_0051')).toBeInTheDocument();
      expect(screen.queryByText('col_0050')).not.toBeInTheDocument();
      expect(dataRows()).toHaveLength(50);

      // Matches descriptions; a new filter starts again on the first page.
      const filter = screen.getByLabelText('Filter columns');
      await user.type(filter, 'checkpoint');
      await waitFor(() =>
        expect(screen.getByRole('status')).toHaveTextContent(
          '10 of 500 columns',
        ),
      );
      expect(dataRows()).toHaveLength(10);
      expect(screen.getByText('col_0001')).toBeInTheDocument();

      // Matches types.
      await user.clear(filter);
      await user.paste('TIMESTAMP');
      await waitFor(() =>
        expect(screen.getByRole('status')).toHaveTextContent(
          '50 of 500 columns',
        ),
      );

      // Matches names.
      await user.clear(filter);
      await user.paste('col_0499');
      await waitFor(() =>
        expect(screen.getByRole('status')).toHaveTextContent(
          '1 of 500 columns',
        ),
      );
      expect(dataRows()).toHaveLength(1);
      expect(screen.getByText('col_0499')).toBeInTheDocument();
    },
    WIDE_TABLE_TIMEOUT,
  );

  it(
    'shows an empty state when nothing matches, and clears the filter',
    async () => {
      const user = userEvent.setup();
      renderCard(wideDataset(500));

      await user.type(await screen.findByLabelText('Filter columns'), 'zzz');
      expect(
        await screen.findByText('No columns match "zzz"'),
      ).toBeInTheDocument();
      expect(screen.getByRole('status')).toHaveTextContent('0 of 500 columns');
      expect(
        within(
          screen.getByRole('region', { name: 'Columns of wide_table' }),
        ).queryAllByRole('table'),
      ).toEqual([]);

      await user.click(screen.getByRole('button', { name: 'Clear filter' }));
      await waitFor(() =>
        expect(screen.getByRole('status')).toHaveTextContent(
          '500 of 500 columns',
        ),
      );
      expect(screen.getByLabelText('Filter columns')).toHaveValue('');
      expect(dataRows()).toHaveLength(50);
    },
    WIDE_TABLE_TIMEOUT,
  );

  it('shows a single table without tabs', async () => {
    renderCard(wideDataset(3));
    expect(
      await screen.findByRole('heading', { name: 'wide_table' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('3 of 3 columns');
  });

  it('shows empty states for datasets without tables and other kinds', async () => {
    const entity = sampleDataset();
    entity.spec.tables = [];
    const { unmount } = await renderCard(entity);
    expect(await screen.findByText('No tables')).toBeInTheDocument();
    unmount();

    await renderCard({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'web' },
      spec: {},
    });
    expect(await screen.findByText('Not a Dataset')).toBeInTheDocument();
  });

  it('shows progress while the entity loads, and load errors', async () => {
    const { unmount } = await renderInTestApp(
      <AsyncEntityProvider loading>
        <DatasetSchemaCard />
      </AsyncEntityProvider>,
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    unmount();

    await renderInTestApp(
      <AsyncEntityProvider loading={false} error={new Error('catalog down')}>
        <DatasetSchemaCard />
      </AsyncEntityProvider>,
    );
    expect(await screen.findByText('Error: catalog down')).toBeInTheDocument();
  });
});
