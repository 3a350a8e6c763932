import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DatasetUsage } from '@cloud-data-hub/data-hub-common';
import {
  DataHubLineageApi,
  dataHubLineageApiRef,
} from '../../api/DataHubLineageApi';
import { DataHubQueryError } from '../../api/DataHubQueryError';
import { sampleDataset } from '../../testing/sampleDataset';
import { mockLineageApi } from '../DatasetHealthStatus/healthFixtures';
import { DatasetUsageCard } from './DatasetUsageCard';

/** Usage over `days`, with queries on the last three days only. */
function sampleUsage(
  days: number,
  overrides: Partial<DatasetUsage> = {},
): DatasetUsage {
  const perDay = Array.from({ length: days + 1 }, (_, i) => {
    const date = new Date(Date.UTC(2024, 4, 10 - days + i))
      .toISOString()
      .slice(0, 10);
    return { date, queries: 0, users: 0 };
  });
  perDay[days - 2] = { ...perDay[days - 2], queries: 1, users: 1 };
  perDay[days - 1] = { ...perDay[days - 1], queries: 4, users: 2 };
  perDay[days] = { ...perDay[days], queries: 7, users: 3 };
  return {
    entityRef: 'dataset:default/vehicle-orders',
    days,
    since: `${perDay[0].date}T00:00:00.000Z`,
    totalQueries: 12,
    succeededQueries: 11,
    distinctUsers: 3,
    perDay,
    topUsers: [
      { userRef: 'user:default/alice-analyst', queries: 8 },
      { userRef: 'user:default/bob-owner', queries: 3 },
      { userRef: 'user:default/carol', queries: 1 },
    ],
    topUseCases: [
      { useCaseRef: 'system:default/us-marketing-360', queries: 9 },
      { useCaseRef: 'system:default/fleet-planning', queries: 3 },
    ],
    ...overrides,
  };
}

function renderCard(api: DataHubLineageApi) {
  return renderInTestApp(
    <EntityProvider entity={sampleDataset()}>
      <DatasetUsageCard />
    </EntityProvider>,
    {
      apis: [[dataHubLineageApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

function figure(term: string) {
  return screen.getByText(term, { selector: 'dt' }).nextElementSibling
    ?.textContent;
}

const hrefs = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map(li => [
      within(li).getByRole('link').getAttribute('href'),
      li.lastChild?.textContent,
    ]);

describe('DatasetUsageCard', () => {
  it('shows queries, users, the succeeded share, queries per day and who queries most', async () => {
    const api = mockLineageApi();
    api.getUsage.mockImplementation(async (_ref, days) =>
      sampleUsage(days ?? 30),
    );
    await renderCard(api);

    expect(
      await screen.findByText('Queries', { selector: 'dt' }),
    ).toBeInTheDocument();
    expect(api.getUsage).toHaveBeenCalledWith(
      'dataset:default/vehicle-orders',
      30,
    );
    expect(screen.getByText('Usage')).toBeInTheDocument();
    expect(figure('Queries')).toBe('12');
    expect(figure('Users')).toBe('3');
    expect(figure('Succeeded')).toBe('92 %');

    const chart = screen.getByRole('img', {
      name: 'Queries per day from Apr 10 to May 10, at most 7 queries a day',
    });
    const days = Array.from(chart.querySelectorAll('g[data-date]'));
    expect(days).toHaveLength(31);
    expect(
      days.slice(-4).map(g => g.querySelector('title')?.textContent),
    ).toEqual([
      'May 7: 0 queries by 0 users',
      'May 8: 1 query by 1 user',
      'May 9: 4 queries by 2 users',
      'May 10: 7 queries by 3 users',
    ]);
    // Bars scale to the busiest day; days without queries have none.
    const barHeight = (date: string) =>
      Number(
        chart
          .querySelector(`g[data-date="${date}"] rect + rect`)
          ?.getAttribute('height') ?? 0,
      );
    expect(barHeight('2024-05-10')).toBeGreaterThan(barHeight('2024-05-09'));
    expect(barHeight('2024-05-09')).toBeGreaterThan(barHeight('2024-05-08'));
    expect(barHeight('2024-05-07')).toBe(0);

    expect(hrefs(screen.getByRole('list', { name: 'Top users' }))).toEqual([
      ['/catalog/default/user/alice-analyst', '8 queries'],
      ['/catalog/default/user/bob-owner', '3 queries'],
      ['/catalog/default/user/carol', '1 query'],
    ]);
    expect(hrefs(screen.getByRole('list', { name: 'Top use cases' }))).toEqual([
      ['/catalog/default/system/us-marketing-360', '9 queries'],
      ['/catalog/default/system/fleet-planning', '3 queries'],
    ]);
  });

  it('loads the period chosen: the last 7, 30 or 90 days', async () => {
    const api = mockLineageApi();
    api.getUsage.mockImplementation(async (_ref, days) =>
      days === 90
        ? sampleUsage(90, {
            totalQueries: 40,
            succeededQueries: 30,
            distinctUsers: 9,
          })
        : sampleUsage(days ?? 30),
    );
    await renderCard(api);
    await screen.findByText('Queries', { selector: 'dt' });
    expect(
      screen.getByRole('button', { name: 'Last 30 days' }),
    ).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Last 90 days' }));
    await waitFor(() => expect(figure('Queries')).toBe('40'));
    expect(api.getUsage).toHaveBeenLastCalledWith(
      'dataset:default/vehicle-orders',
      90,
    );
    expect(figure('Users')).toBe('9');
    expect(figure('Succeeded')).toBe('75 %');
    expect(
      screen.getByRole('button', { name: 'Last 90 days' }),
    ).toHaveAttribute('aria-pressed', 'true');

    // Clicking the selected period again keeps it.
    await userEvent.click(screen.getByRole('button', { name: 'Last 90 days' }));
    expect(
      screen.getByRole('button', { name: 'Last 90 days' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('counts queries under use cases the viewer may not see without naming who ran them', async () => {
    const api = mockLineageApi();
    api.getUsage.mockResolvedValue(
      sampleUsage(30, {
        topUsers: [{ userRef: 'user:default/alice-analyst', queries: 8 }],
        topUseCases: [
          { useCaseRef: 'system:default/us-marketing-360', queries: 8 },
        ],
        unnamedQueries: 4,
      }),
    );
    await renderCard(api);
    expect(
      await screen.findByText(
        '4 of these queries ran under use cases whose access you cannot see: counted above, but their users and use cases are not named.',
      ),
    ).toBeInTheDocument();
    expect(figure('Queries')).toBe('12');
    expect(hrefs(screen.getByRole('list', { name: 'Top use cases' }))).toEqual([
      ['/catalog/default/system/us-marketing-360', '8 queries'],
    ]);
    expect(screen.queryByText(/fleet-planning/)).toBeNull();
  });

  it('says so when nobody queried the dataset in the period', async () => {
    const api = mockLineageApi();
    api.getUsage.mockImplementation(async (_ref, days) =>
      sampleUsage(days ?? 30, {
        totalQueries: 0,
        succeededQueries: 0,
        distinctUsers: 0,
        perDay: [],
        topUsers: [],
        topUseCases: [],
      }),
    );
    await renderCard(api);
    expect(
      await screen.findByText(
        'Nobody has queried this dataset in the last 30 days.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Last 7 days' }));
    expect(
      await screen.findByText(
        'Nobody has queried this dataset in the last 7 days.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows load errors with a retry, and a dataset the data hub does not know yet', async () => {
    const api = mockLineageApi();
    api.getUsage.mockRejectedValueOnce(
      new DataHubQueryError(
        'No Dataset dataset:default/vehicle-orders in the catalog',
        404,
        'NotFoundError',
      ),
    );
    const { unmount } = await renderCard(api);
    expect(
      await screen.findByText(
        /The data hub knows no usage of this dataset yet/,
      ),
    ).toBeInTheDocument();
    unmount();

    api.getUsage.mockRejectedValueOnce(new Error('backend down'));
    api.getUsage.mockResolvedValueOnce(sampleUsage(30));
    await renderCard(api);
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(figure('Queries')).toBe('12'));
  });

  it('says calmly that the viewer may not see the usage of the dataset', async () => {
    const api = mockLineageApi();
    api.getUsage.mockRejectedValueOnce(
      new DataHubQueryError('Not allowed', 403, 'NotAllowedError'),
    );
    await renderCard(api);
    expect(
      await screen.findByText(/You may not see the usage of this dataset/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Not allowed/)).toBeNull();
  });
});
