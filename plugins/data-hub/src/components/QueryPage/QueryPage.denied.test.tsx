import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { configure, screen } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { DataHubQueryApi, dataHubQueryApiRef } from '../../api/DataHubQueryApi';
import { queryRouteRef } from '../../routes';
import { mockLayout } from '../../testing/jsdomLayout';
import { ALICE, mockQueryApi } from '../../testing/queryFixtures';
import { QueryPageContent } from './QueryPage';

// The permission hook caches its answers for the whole test file, so the
// denied views have a file of their own; QueryPage.test.tsx allows.
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 10_000 });

const userEvent = userEventLib.setup({ delay: null });

const alice = mockApis.identity({
  userEntityRef: ALICE,
  ownershipEntityRefs: [ALICE, 'group:default/us-marketing-analytics'],
});
const guest = mockApis.identity({
  userEntityRef: 'user:development/guest',
  ownershipEntityRefs: ['user:development/guest'],
});

function renderPage(api: DataHubQueryApi, identity: typeof alice) {
  return renderInTestApp(<QueryPageContent />, {
    apis: [
      [dataHubQueryApiRef, api],
      identity,
      mockApis.storage(),
      // As the demo policy does for a guest.
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
    ],
    mountPath: '/data-hub/query',
    initialRouteEntries: ['/data-hub/query?sql=SELECT%201'],
    mountedRoutes: {
      '/data-hub/query': queryRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

describe('QueryPageContent, where running queries is denied', () => {
  let restoreLayout: () => void;
  beforeEach(() => {
    restoreLayout = mockLayout();
    localStorage.clear();
  });
  afterEach(() => {
    restoreLayout();
  });

  it('asks a guest to sign in instead of inviting them to run queries', async () => {
    const api = mockQueryApi();
    api.getUseCases.mockResolvedValue([]);
    await renderPage(api, guest);
    expect(
      await screen.findByText('Sign in to run queries'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Sign in with your company account to run queries/),
    ).toBeInTheDocument();
    expect(screen.queryByText('You belong to no use case')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Run' })).toBeNull();
  });

  it('disables Run and Save with the reason, and runs nothing on Ctrl+Enter', async () => {
    const api = mockQueryApi();
    await renderPage(api, alice);

    const run = await screen.findByRole('button', { name: 'Run' });
    const reason =
      "The portal's permission policy does not let you run queries";
    expect(run).toBeDisabled();
    expect(run).toHaveAccessibleDescription(reason);
    await userEvent.hover(run.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(screen.getByText(/You can still browse the tables/)).toBeVisible();

    await userEvent.type(
      screen.getByRole('textbox', { name: 'SQL editor' }),
      '{Control>}{Enter}{/Control}',
    );
    expect(api.submitQuery).not.toHaveBeenCalled();
  });
});
