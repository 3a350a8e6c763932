import { identityApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp as renderInNewApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp as renderInLegacyApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { configure, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import dataHubPlugin, {
  dataHubLegacyPlugin,
  DataHubQueryPage,
  dataHubQueryApiRef,
  EntityDatasetQueryCard,
} from './index';
import { queryRouteRef } from './routes';
import { mockLayout } from './testing/jsdomLayout';
import { ALICE, mockQueryApi } from './testing/queryFixtures';
import { sampleDataset } from './testing/sampleDataset';

jest.setTimeout(60_000);
// The page loads use cases, grants and results one after the other: on a busy CI
// machine that takes longer than Testing Library's default of 1 s.
configure({ asyncUtilTimeout: 10_000 });

/** The starter query over the first table, with the dataset the page picks a use case by. */
const STARTER =
  '/data-hub/query?dataset=dataset%3Adefault%2Fvehicle-orders&sql=SELECT+*+FROM+prepared_vehicle_orders.orders+LIMIT+100';

describe('query extensions (new frontend system)', () => {
  it('provides the query client as an API', () => {
    const tester = createExtensionTester(
      dataHubPlugin.getExtension('api:data-hub/query'),
    );
    // The blueprint's data ref is typed by another copy of frontend-plugin-api.
    const factory = tester.get(ApiBlueprint.dataRefs.factory as any) as {
      api: unknown;
    };
    expect(factory.api).toBe(dataHubQueryApiRef);
  });

  it('provides the Query page, titled and with an icon for the sidebar', () => {
    const tester = createExtensionTester(
      dataHubPlugin.getExtension('page:data-hub/query'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/data-hub/query');
    expect(tester.get(coreExtensionData.routeRef)).toBe(queryRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('Query');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });

  it('provides the Query card for datasets only, opening a starter query', async () => {
    const tester = createExtensionTester(
      dataHubPlugin.getExtension('entity-card:data-hub/dataset-query'),
    );
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction) as
      | ((entity: any) => boolean)
      | undefined;
    expect(filter?.(sampleDataset())).toBe(true);
    expect(filter?.({ kind: 'Component', metadata: { name: 'x' } })).toBe(
      false,
    );

    await renderInNewApp(
      <EntityProvider entity={sampleDataset()}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [mockApis.permission()],
        mountedRoutes: { '/data-hub/query': queryRouteRef },
      },
    );
    expect(
      // A link styled as a button (LinkButton).
      await screen.findByRole('button', {
        name: 'Query orders of prepared_vehicle_orders',
      }),
    ).toHaveAttribute('href', STARTER);
    expect(screen.getByRole('link', { name: 'order_items' })).toHaveAttribute(
      'href',
      '/data-hub/query?dataset=dataset%3Adefault%2Fvehicle-orders&sql=SELECT+*+FROM+prepared_vehicle_orders.order_items+LIMIT+100',
    );
  });
});

describe('query exports (legacy frontend system)', () => {
  const legacyIdentity = [
    identityApiRef,
    mockApis.identity({
      userEntityRef: ALICE,
      ownershipEntityRefs: [ALICE],
    }),
  ] as const;
  /** Allows everything, as a portal without a permission policy does. */
  const legacyPermission = [permissionApiRef, new MockPermissionApi()] as const;

  it('registers the query client with the legacy plugin', () => {
    expect(
      [...dataHubLegacyPlugin.getApis()].map(factory => factory.api.id),
    ).toContain(dataHubQueryApiRef.id);
  });

  it('renders EntityDatasetQueryCard with the starter query link', async () => {
    await renderInLegacyApp(
      <TestApiProvider apis={[legacyPermission]}>
        <EntityProvider entity={sampleDataset()}>
          <EntityDatasetQueryCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/data-hub/query': queryRouteRef } },
    );
    expect(
      // A link styled as a button (LinkButton).
      await screen.findByRole('button', {
        name: 'Query orders of prepared_vehicle_orders',
      }),
    ).toHaveAttribute('href', STARTER);
  });

  it('renders EntityDatasetQueryCard without a link when no query page is mounted', async () => {
    await renderInLegacyApp(
      <TestApiProvider apis={[legacyPermission]}>
        <EntityProvider entity={sampleDataset()}>
          <EntityDatasetQueryCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('This portal has no query page.'),
    ).toBeInTheDocument();
  });

  it('renders DataHubQueryPage with its header', async () => {
    const restoreLayout = mockLayout();
    try {
      const api = mockQueryApi();
      await renderInLegacyApp(
        <TestApiProvider
          apis={[[dataHubQueryApiRef, api], legacyIdentity, legacyPermission]}
        >
          <Routes>
            <Route path="/data-hub/query" element={<DataHubQueryPage />} />
          </Routes>
        </TestApiProvider>,
        {
          routeEntries: ['/data-hub/query'],
          mountedRoutes: { '/data-hub/query': queryRouteRef },
        },
      );
      expect(
        await screen.findByRole('heading', { name: 'Query' }),
      ).toBeInTheDocument();
      // Ready to run once the use case's grants are listed.
      expect(
        await screen.findByRole(
          'list',
          { name: 'Queryable datasets' },
          { timeout: 10_000 },
        ),
      ).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Run' })).toBeInTheDocument();
    } finally {
      restoreLayout();
    }
  });
});
