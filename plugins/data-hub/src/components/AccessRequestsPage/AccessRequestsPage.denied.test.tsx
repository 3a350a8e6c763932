import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { DataHubAccessApi, dataHubAccessApiRef } from '../../api';
import { accessRequestsRouteRef } from '../../routes';
import {
  mockAccessApi,
  pageOf,
  sampleRequest,
} from '../../testing/accessFixtures';
import { sampleDataset } from '../../testing/sampleDataset';
import { AccessRequestsContent } from './AccessRequestsPage';

// The permission hook caches its answers for the whole test file, so the
// denied views have a file of their own; AccessRequestsPage.test.tsx allows.
jest.setTimeout(60_000);

const userEvent = userEventLib.setup({ delay: null });

const guest = mockApis.identity({
  userEntityRef: 'user:development/guest',
  ownershipEntityRefs: ['user:development/guest'],
});
const bob = mockApis.identity({
  userEntityRef: 'user:default/bob-owner',
  ownershipEntityRefs: [
    'user:default/bob-owner',
    'group:default/order-analytics',
  ],
});

function renderPage(
  api: DataHubAccessApi,
  identity: typeof guest,
  url = '/data-hub/access-requests',
) {
  return renderInTestApp(<AccessRequestsContent />, {
    apis: [
      [dataHubAccessApiRef, api],
      identity,
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
      [
        catalogApiRef,
        { getEntityByRef: jest.fn(async () => sampleDataset()) } as any,
      ],
    ],
    mountPath: '/data-hub/access-requests',
    initialRouteEntries: [url],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/data-hub/access-requests': accessRequestsRouteRef,
    },
  });
}

describe('AccessRequestsContent, where the permission policy denies', () => {
  it('asks a guest to sign in rather than to open a dataset and request', async () => {
    await renderPage(mockAccessApi(), guest);
    expect(
      await screen.findByText("Sign in to see your team's access."),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'guests make no requests and decide on none',
    );
    expect(screen.queryByText(/Request access/)).toBeNull();
  });

  it('disables Approve and Reject with the reason where deciding is denied', async () => {
    const api = mockAccessApi();
    const request = sampleRequest({
      id: 'request-2',
      requester: 'user:default/dave-analyst',
    });
    api.listRequests.mockResolvedValue(pageOf([request]));
    api.getRequest.mockResolvedValue(request);
    await renderPage(api, bob, '/data-hub/access-requests?tab=to-decide');

    // In the row of the table…
    const reason =
      'Only members of group:default/order-analytics other than the requester may decide on this request';
    const approveInRow = () =>
      screen.getByRole('button', { name: /^Approve the request/ });
    await waitFor(() =>
      expect(approveInRow()).toHaveAccessibleDescription(reason),
    );
    expect(approveInRow()).toBeDisabled();
    expect(
      screen.getByRole('button', { name: /^Reject the request/ }),
    ).toBeDisabled();

    // …and in the details.
    await userEvent.click(
      screen.getByRole('button', { name: /^Details of the request/ }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: /Access request for Vehicle orders/,
    });
    const approve = await within(dialog).findByRole('button', {
      name: 'Approve',
    });
    expect(approve).toBeDisabled();
    expect(approve).toHaveAccessibleDescription(reason);
  });
});
