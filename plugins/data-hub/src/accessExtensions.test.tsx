import {
  coreExtensionData,
  ApiBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp as renderInNewApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  renderInTestApp as renderInLegacyApp,
  MockPermissionApi,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { identityApiRef } from '@backstage/core-plugin-api';
import { Route, Routes } from 'react-router-dom';
import dataHubPlugin, {
  dataHubAccessApiRef,
  dataHubLegacyPlugin,
  DataHubAccessRequestsPage,
  EntityDatasetAccessCard,
} from './index';
import { accessRequestsRouteRef } from './routes';
import { mockAccessApi, pageOf, sampleGrant } from './testing/accessFixtures';
import { sampleDataset } from './testing/sampleDataset';

const alice = {
  userEntityRef: 'user:default/alice-analyst',
  ownershipEntityRefs: ['user:default/alice-analyst'],
};
const identity = mockApis.identity(alice);
/** The legacy TestApiProvider takes [ref, implementation] pairs. */
const legacyIdentity = [identityApiRef, mockApis.identity(alice)] as const;
/** Allows everything, as a portal without a permission policy does. */
const legacyPermission = [permissionApiRef, new MockPermissionApi()] as const;

describe('access extensions (new frontend system)', () => {
  it('provides the access client as an API', () => {
    const tester = createExtensionTester(
      dataHubPlugin.getExtension('api:data-hub/access'),
    );
    // The blueprint's data ref is typed by another copy of frontend-plugin-api.
    const factory = tester.get(ApiBlueprint.dataRefs.factory as any) as {
      api: unknown;
    };
    expect(factory.api).toBe(dataHubAccessApiRef);
  });

  it('provides the Access card as a content card for datasets only', async () => {
    const tester = createExtensionTester(
      dataHubPlugin.getExtension('entity-card:data-hub/dataset-access'),
    );
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction) as
      | ((entity: any) => boolean)
      | undefined;
    expect(filter?.(sampleDataset())).toBe(true);
    expect(filter?.({ kind: 'Component', metadata: { name: 'x' } })).toBe(
      false,
    );

    const api = mockAccessApi();
    api.listGrants.mockResolvedValue(pageOf([sampleGrant()]));
    await renderInNewApp(
      <EntityProvider entity={sampleDataset()}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[dataHubAccessApiRef, api], identity, mockApis.permission()],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'Use cases with access (1)' }),
    ).toBeInTheDocument();
  });

  it('provides the Access requests page, titled and with an icon for the sidebar', () => {
    const tester = createExtensionTester(
      dataHubPlugin.getExtension('page:data-hub/access-requests'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/data-hub/access-requests',
    );
    expect(tester.get(coreExtensionData.routeRef)).toBe(accessRequestsRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('Access requests');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });
});

describe('access exports (legacy frontend system)', () => {
  it('registers the access client with the legacy plugin', () => {
    expect(
      [...dataHubLegacyPlugin.getApis()].map(factory => factory.api.id),
    ).toContain(dataHubAccessApiRef.id);
  });

  it('renders EntityDatasetAccessCard', async () => {
    const api = mockAccessApi();
    api.listGrants.mockResolvedValue(pageOf([sampleGrant()]));
    await renderInLegacyApp(
      <TestApiProvider
        apis={[[dataHubAccessApiRef, api], legacyIdentity, legacyPermission]}
      >
        <EntityProvider entity={sampleDataset()}>
          <EntityDatasetAccessCard />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/data-hub/access-requests': accessRequestsRouteRef,
        },
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'Use cases with access (1)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /Request behind the grant/,
      }),
    ).toHaveAttribute('href', '/data-hub/access-requests?request=request-1');
  });

  it('renders DataHubAccessRequestsPage with its header and tabs', async () => {
    const api = mockAccessApi();
    await renderInLegacyApp(
      <TestApiProvider
        apis={[[dataHubAccessApiRef, api], legacyIdentity, legacyPermission]}
      >
        <Routes>
          <Route
            path="/data-hub/access-requests"
            element={<DataHubAccessRequestsPage />}
          />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/data-hub/access-requests'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'Access requests' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'My requests' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/You have made no access requests/),
    ).toBeInTheDocument();
  });
});
