import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  AsyncEntityProvider,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { ANNOTATION_OBSERVED_UPSTREAM } from '@cloud-data-hub/data-hub-common';
import { sampleDataset, testHubsConfig } from '../../testing/sampleDataset';
import { DatasetOverviewCard } from './DatasetOverviewCard';

const NOW = new Date('2024-05-10T12:00:00Z').getTime();

function renderCard(entity: Entity, config: object = testHubsConfig) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <DatasetOverviewCard />
    </EntityProvider>,
    {
      config: config as any,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The value cell next to a metadata label. */
function valueOf(label: string): HTMLElement {
  const title = screen.getByText(label, { selector: 'td' });
  return title.nextElementSibling as HTMLElement;
}

describe('DatasetOverviewCard', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('shows the facts of a dataset', async () => {
    renderCard(sampleDataset());

    expect(await screen.findByText('Dataset')).toBeInTheDocument();
    expect(valueOf('Hub')).toHaveTextContent('United States (us)');
    expect(valueOf('Layer')).toHaveTextContent('Prepared');
    expect(valueOf('Classification')).toHaveTextContent('Confidential');
    expect(valueOf('Lifecycle')).toHaveTextContent('production');

    const storage = within(valueOf('Storage'));
    const definition = (term: string) =>
      storage.getByText(term).nextElementSibling?.textContent;
    expect(definition('Location')).toBe('s3://cdh-us-prepared/vehicle-orders/');
    expect(definition('Glue database')).toBe('prepared_vehicle_orders');
    expect(definition('Region')).toBe('us-east-1');
    expect(definition('Account')).toBe('111122223333');

    expect(valueOf('Freshness')).toHaveTextContent(
      'Last updated 6 hours ago (max age 24 h)',
    );
    expect(within(valueOf('Freshness')).getByText('Fresh')).toBeInTheDocument();
    expect(valueOf('Tables')).toHaveTextContent('2');
    expect(valueOf('Total rows')).toHaveTextContent('5,500,000');
    expect(valueOf('Total size')).toHaveTextContent('4.0 GiB');
  });

  it('lists the upstream job runs were seen reading, marked observed', async () => {
    const dataset = sampleDataset();
    dataset.metadata.annotations = {
      ...dataset.metadata.annotations,
      [ANNOTATION_OBSERVED_UPSTREAM]:
        'dataset:default/raw-orders,dataset:default/crm-extract',
    };
    renderCard(dataset);
    await screen.findByText('Dataset');

    const upstream = screen.getByRole('list', { name: 'Upstream datasets' });
    const items = within(upstream).getAllByRole('listitem');
    expect(items.map(li => li.textContent)).toEqual([
      'raw-ordersdeclared and observed',
      'raw-customersdeclared',
      'crm-extractobserved',
    ]);
    expect(within(items[2]).getByRole('link').getAttribute('href')).toBe(
      '/catalog/default/dataset/crm-extract',
    );
  });

  it('links business object, owner, upstream and downstream entities', async () => {
    renderCard(sampleDataset());
    await screen.findByText('Dataset');

    const hrefs = (label: string) =>
      within(valueOf(label))
        .getAllByRole('link')
        .map(a => a.getAttribute('href'));

    expect(hrefs('Business object')).toEqual([
      '/catalog/default/domain/vehicle',
    ]);
    expect(hrefs('Owner')).toEqual(['/catalog/default/group/order-analytics']);

    const upstream = screen.getByRole('list', { name: 'Upstream datasets' });
    expect(
      within(upstream)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/default/dataset/raw-orders',
      '/catalog/default/dataset/raw-customers',
    ]);

    const downstream = screen.getByRole('list', {
      name: 'Downstream datasets',
    });
    expect(
      within(downstream)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual(['/catalog/default/dataset/vehicle-sales-kpis']);

    // A component depending on the dataset is no downstream *dataset*.
    expect(hrefs('Other dependents')).toEqual([
      '/catalog/default/component/sales-dashboard',
    ]);
  });

  it('marks a dataset older than its max age as stale', async () => {
    const entity = sampleDataset();
    entity.metadata.annotations = {
      'clouddatahub.io/last-updated': '2024-05-08T12:00:00Z',
    };
    entity.spec.freshness = { maxAgeHours: 12 };
    renderCard(entity);

    const freshness = await screen.findByTestId('dataset-freshness');
    expect(freshness).toHaveTextContent(
      'Last updated 2 days ago (max age 12 h)',
    );
    expect(within(freshness).getByText('Stale')).toBeInTheDocument();
  });

  it('copes with missing optional facts', async () => {
    const entity = sampleDataset();
    entity.metadata.annotations = {};
    entity.spec.upstream = undefined;
    entity.spec.freshness = undefined;
    entity.spec.tables = [{ name: 't', columns: [] }];
    entity.relations = [];
    entity.spec.hub = 'cn';
    renderCard(entity);

    await screen.findByText('Dataset');
    expect(valueOf('Hub')).toHaveTextContent(
      'cn (not configured in dataHub.hubs)',
    );
    expect(valueOf('Freshness')).toHaveTextContent(
      'Last updated unknown (no max age)',
    );
    expect(screen.queryByText('Total rows')).not.toBeInTheDocument();
    expect(screen.queryByText('Total size')).not.toBeInTheDocument();
    expect(screen.queryByText('Other dependents')).not.toBeInTheDocument();
    expect(valueOf('Upstream datasets')).toHaveTextContent('None');
    expect(valueOf('Downstream datasets')).toHaveTextContent('None');
  });

  it('says so when the entity is not a Dataset', async () => {
    renderCard({
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
        <DatasetOverviewCard />
      </AsyncEntityProvider>,
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    unmount();

    await renderInTestApp(
      <AsyncEntityProvider loading={false} error={new Error('catalog down')}>
        <DatasetOverviewCard />
      </AsyncEntityProvider>,
    );
    expect(await screen.findByText('Error: catalog down')).toBeInTheDocument();
  });
});
