import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { dataHubAccessApiRef, DataHubAccessApi } from '../../api';
import { accessRequestsRouteRef } from '../../routes';
import {
  mockAccessApi,
  pageOf,
  sampleGrant,
  USE_CASE_REF,
} from '../../testing/accessFixtures';
import { sampleDataset } from '../../testing/sampleDataset';
import { DatasetAccessCard } from './DatasetAccessCard';

// The permission hook caches its answers for the whole test file, so the
// denied views have a file of their own; DatasetAccessCard.test.tsx allows.
jest.setTimeout(60_000);

const userEvent = userEventLib.setup({ delay: null });

const guest = mockApis.identity({
  userEntityRef: 'user:development/guest',
  ownershipEntityRefs: ['user:development/guest'],
});
const owner = mockApis.identity({
  userEntityRef: 'user:default/bob-owner',
  ownershipEntityRefs: [
    'user:default/bob-owner',
    'group:default/order-analytics',
  ],
});

function renderCard(api: DataHubAccessApi, identity: typeof guest) {
  return renderInTestApp(
    <EntityProvider entity={sampleDataset()}>
      <DatasetAccessCard />
    </EntityProvider>,
    {
      apis: [
        [dataHubAccessApiRef, api],
        identity,
        // As the demo policy does for a guest: no requests, no revocations.
        mockApis.permission({ authorize: AuthorizeResult.DENY }),
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/data-hub/access-requests': accessRequestsRouteRef,
      },
    },
  );
}

describe('DatasetAccessCard, where the permission policy denies', () => {
  it('tells a guest to sign in, on the disabled button and instead of instructions', async () => {
    await renderCard(mockAccessApi(), guest);

    const button = await screen.findByRole('button', {
      name: 'Request access',
    });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(
      'Sign in with your company account to request access',
    );
    // The tooltip shows on hover of the wrapper, as the disabled button fires no events.
    await userEvent.hover(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Sign in with your company account to request access',
    );

    // No instruction a guest cannot follow.
    expect(
      screen.getByText(/Sign in to see your team's access/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/use-case team/)).toBeNull();
    expect(
      screen.getByText('Sign in to see which use cases have access.'),
    ).toBeInTheDocument();
  });

  it('shows an owner a disabled Revoke with the reason, and that the list is complete', async () => {
    const api = mockAccessApi();
    api.listGrants.mockResolvedValue(pageOf([sampleGrant()]));
    await renderCard(api, owner);

    const revoke = () =>
      screen.getByRole('button', { name: `Revoke access of ${USE_CASE_REF}` });
    // Each grant's permission is asked once its row shows.
    await waitFor(() =>
      expect(revoke()).toHaveAccessibleDescription(
        "Only members of group:default/order-analytics or of the use case's team may revoke this access",
      ),
    );
    expect(revoke()).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Request access' }),
    ).toHaveAccessibleDescription(
      "The portal's permission policy does not let you request access",
    );
    // An owner sees every grant: no note that the list is filtered.
    expect(screen.queryByText(/Only the grants you may see/)).toBeNull();
  });
});
