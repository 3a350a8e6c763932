import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DatasetEntityV1alpha1 } from '@cloud-data-hub/data-hub-common';
import {
  DataHubLineageApi,
  dataHubLineageApiRef,
} from '../../api/DataHubLineageApi';
import { DataHubQueryError } from '../../api/DataHubQueryError';
import { sampleDataset } from '../../testing/sampleDataset';
import {
  mockLineageApi,
  sampleHealth,
} from '../DatasetHealthStatus/healthFixtures';
import { DatasetHealthCard } from './DatasetHealthCard';

const NOW = new Date('2024-05-10T12:00:00Z').getTime();

function renderCard(
  api: DataHubLineageApi,
  dataset: DatasetEntityV1alpha1 = sampleDataset(),
) {
  return renderInTestApp(
    <EntityProvider entity={dataset}>
      <DatasetHealthCard />
    </EntityProvider>,
    { apis: [[dataHubLineageApiRef, api]] },
  );
}

/** The value next to a term of the card's facts. */
function valueOf(term: string): HTMLElement {
  return screen.getByText(term, { selector: 'dt' })
    .nextElementSibling as HTMLElement;
}

describe('DatasetHealthCard', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows a healthy dataset: status, last write by which run, age and sizes per table', async () => {
    const api = mockLineageApi();
    await renderCard(api);

    expect(
      await screen.findByText('Written within its freshness'),
    ).toBeInTheDocument();
    expect(api.getHealth).toHaveBeenCalledWith(
      'dataset:default/vehicle-orders',
    );
    expect(screen.getByText('Health')).toBeInTheDocument();
    expect(
      screen.getByText('Healthy').closest('[data-health-status]'),
    ).toHaveAttribute('data-health-status', 'healthy');

    const write = valueOf('Last successful write');
    expect(write).toHaveTextContent('6 hours ago (May 10, 2024, 06:00 UTC)');
    expect(within(write).getByText('6 hours ago')).toHaveAttribute(
      'dateTime',
      '2024-05-10T06:00:00.000Z',
    );
    expect(write).toHaveTextContent('From a completed job run (lineage)');
    expect(write).toHaveTextContent(
      'Job prepare_vehicle_orders, run 0190a1b2-run-ok',
    );

    expect(valueOf('Age')).toHaveTextContent('6 h (max age 24 h)');

    const sizes = within(valueOf('Rows and size')).getByRole('table', {
      name: 'Rows and size per table',
    });
    expect(
      within(sizes)
        .getAllByRole('row')
        .slice(1)
        .map(tr =>
          within(tr)
            .getAllByRole('cell')
            .map(c => c.textContent),
        ),
    ).toEqual([
      ['orders', '1,500,000', '3.0 GiB'],
      ['order_items', '4,000,000', '1.0 GiB'],
      ['Total', '5,500,000', '4.0 GiB'],
    ]);
    expect(screen.queryByText('Last run failed')).toBeNull();
  });

  it('shows a failing dataset with the error of its last run and the stack trace on demand', async () => {
    const api = mockLineageApi();
    api.getHealth.mockResolvedValue(
      sampleHealth({
        status: 'failing',
        reason:
          'Job prepare_vehicle_orders failed: Table not found: raw.orders',
        lastFailure: {
          at: '2024-05-10T11:00:00.000Z',
          runId: '0190a1b2-run-failed',
          job: {
            namespace: 'glue://us-east-1',
            name: 'prepare_vehicle_orders',
          },
          error: {
            message: 'Table not found: raw.orders',
            programmingLanguage: 'python',
            stackTrace:
              'Traceback (most recent call last):\n  File "job.py", line 12',
          },
        },
      }),
    );
    await renderCard(api);

    expect(
      await screen.findByText(
        'Job prepare_vehicle_orders failed: Table not found: raw.orders',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Failing').closest('[data-health-status]'),
    ).toHaveAttribute('data-health-status', 'failing');
    const alert = screen.getByRole('alert', { name: 'Last run failed' });
    expect(alert).toHaveTextContent(
      'Job prepare_vehicle_orders, 1 hour ago (May 10, 2024, 11:00 UTC)',
    );
    expect(alert).toHaveTextContent('Run 0190a1b2-run-failed');
    expect(within(alert).getByLabelText('Error message')).toHaveTextContent(
      'Table not found: raw.orders',
    );

    expect(within(alert).queryByLabelText('Stack trace')).toBeNull();
    const toggle = within(alert).getByRole('button', {
      name: 'Show stack trace (python)',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(within(alert).getByLabelText('Stack trace')).toHaveTextContent(
      'Traceback (most recent call last): File "job.py", line 12',
    );
    expect(
      within(alert).getByRole('button', { name: 'Hide stack trace (python)' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows a stale dataset known from its storage, and how long it is overdue', async () => {
    const api = mockLineageApi();
    api.getHealth.mockResolvedValue(
      sampleHealth({
        status: 'stale',
        reason: 'Last written 30 h ago, expected every 24 h',
        lastSuccessfulWrite: {
          at: '2024-05-09T06:00:00.000Z',
          source: 'storage',
        },
        ageHours: 30,
        rowCount: 1_500_000,
        sizeBytes: 3 * 1024 ** 3,
        tables: [
          { name: 'orders', rowCount: 1_500_000, sizeBytes: 3 * 1024 ** 3 },
        ],
      }),
    );
    await renderCard(api);

    expect(
      await screen.findByText('Last written 30 h ago, expected every 24 h'),
    ).toBeInTheDocument();
    expect(screen.getByText('Stale')).toBeInTheDocument();
    const write = valueOf('Last successful write');
    expect(write).toHaveTextContent('30 hours ago (May 9, 2024, 06:00 UTC)');
    expect(write).toHaveTextContent(
      'From the storage update time (Glue table, file time)',
    );
    expect(write).not.toHaveTextContent('Job');
    expect(valueOf('Age')).toHaveTextContent(
      '30 h (max age 24 h, overdue by 6 h)',
    );
    expect(valueOf('Rows and size')).toHaveTextContent(
      '1,500,000 rows, 3.0 GiB',
    );
  });

  it('says what is not known: no write, no max age, no sizes', async () => {
    const api = mockLineageApi();
    api.getHealth.mockResolvedValue(
      sampleHealth({
        status: 'healthy',
        reason: 'No freshness expectation',
        lastSuccessfulWrite: undefined,
        ageHours: undefined,
        maxAgeHours: undefined,
        rowCount: undefined,
        sizeBytes: undefined,
        tables: [],
      }),
    );
    const dataset = sampleDataset();
    delete dataset.spec.freshness;
    await renderCard(api, dataset);

    expect(
      await screen.findByText('No freshness expectation'),
    ).toBeInTheDocument();
    expect(valueOf('Last successful write')).toHaveTextContent('None known');
    expect(valueOf('Age')).toHaveTextContent(
      'Unknown (no max age set (spec.freshness))',
    );
    expect(valueOf('Rows and size')).toHaveTextContent('unknown rows, unknown');
  });

  it('shows load errors with a retry, and a dataset the data hub does not know yet', async () => {
    const api = mockLineageApi();
    api.getHealth.mockRejectedValueOnce(
      new DataHubQueryError(
        'No Dataset dataset:default/vehicle-orders in the catalog',
        404,
        'NotFoundError',
      ),
    );
    const { unmount } = await renderCard(api);
    expect(
      await screen.findByText(
        /The data hub knows no health of this dataset yet/,
      ),
    ).toBeInTheDocument();
    unmount();

    api.getHealth.mockRejectedValueOnce(new Error('backend down'));
    await renderCard(api);
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('Written within its freshness'),
    ).toBeInTheDocument();
    expect(api.getHealth).toHaveBeenCalledTimes(3);
  });

  it('says calmly that the viewer may not see the health of the dataset', async () => {
    const api = mockLineageApi();
    api.getHealth.mockRejectedValueOnce(
      new DataHubQueryError('Not allowed', 403, 'NotAllowedError'),
    );
    await renderCard(api);
    expect(
      await screen.findByText(/You may not see the health of this dataset/),
    ).toBeInTheDocument();
    // Not an error panel, and retrying would not help.
    expect(screen.queryByText(/Not allowed/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
