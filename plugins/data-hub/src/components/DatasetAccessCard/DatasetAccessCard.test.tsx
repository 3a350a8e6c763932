import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { dataHubAccessApiRef, DataHubAccessApi } from '../../api';
import { accessRequestsRouteRef } from '../../routes';
import {
  DATASET_REF,
  errorResponse,
  mockAccessApi,
  pageOf,
  sampleAuditEvent,
  sampleGrant,
  sampleRequest,
  sampleUseCases,
  USE_CASE_REF,
} from '../../testing/accessFixtures';
import { sampleDataset } from '../../testing/sampleDataset';
import { ResponseError } from '@backstage/errors';
import { DatasetAccessCard } from './DatasetAccessCard';

const NOW = new Date('2024-05-10T12:00:00Z').getTime();

// Dialogs with dozens of checkboxes render slowly on small CI machines.
jest.setTimeout(60_000);

const consumer = mockApis.identity({
  userEntityRef: 'user:default/alice-analyst',
  ownershipEntityRefs: [
    'user:default/alice-analyst',
    'group:default/us-marketing-analytics',
  ],
});
const owner = mockApis.identity({
  userEntityRef: 'user:default/bob-owner',
  ownershipEntityRefs: [
    'user:default/bob-owner',
    'group:default/order-analytics',
  ],
});
const stranger = mockApis.identity({
  userEntityRef: 'user:default/carol',
  ownershipEntityRefs: ['user:default/carol'],
});

function renderCard(api: DataHubAccessApi, identity = consumer) {
  return renderInTestApp(
    <EntityProvider entity={sampleDataset()}>
      <DatasetAccessCard />
    </EntityProvider>,
    {
      apis: [[dataHubAccessApiRef, api], identity, mockApis.permission()],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/data-hub/access-requests': accessRequestsRouteRef,
      },
    },
  );
}

/** Types without delays between keys: the behaviour is the same, only faster. */
const userEvent = userEventLib.setup({ delay: null });

describe('DatasetAccessCard', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('lists the use cases with access: columns per table and until when', async () => {
    const api = mockAccessApi();
    api.listGrants.mockResolvedValue(pageOf([sampleGrant()]));
    await renderCard(api, stranger);

    expect(
      await screen.findByRole('heading', { name: 'Use cases with access (1)' }),
    ).toBeInTheDocument();
    expect(api.listGrants).toHaveBeenCalledWith({
      datasetRef: DATASET_REF,
      states: ['live'],
      limit: 100,
    });
    const row = screen.getByText('2 of 4 columns').closest('tr')!;
    expect(
      within(row)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/default/system/us-marketing-360',
      '/data-hub/access-requests?request=request-1',
    ]);
    expect(within(row).getByText('Jun 9, 2024')).toBeInTheDocument();
    expect(within(row).getByText('in 30 days')).toBeInTheDocument();

    // The column names are one click away.
    await userEvent.click(
      within(row).getByRole('button', { name: 'Show columns of orders' }),
    );
    const columns = within(row).getByRole('list', {
      name: 'Columns of orders',
    });
    expect(
      within(columns)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['order_id', 'amount']);

    // Neither an owner nor a member of the use case: no revoke, no requests.
    expect(screen.queryByRole('button', { name: /Revoke/ })).toBeNull();
    expect(
      screen.getByText(/You are not a member of any use-case team/, {
        selector: 'p',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request access' }),
    ).toBeDisabled();
    // The reason is the button's description, for screen readers too.
    expect(
      screen.getByRole('button', { name: 'Request access' }),
    ).toHaveAccessibleDescription('You are not a member of any use-case team');
  });

  it('says so when no use case has access, and shows load errors', async () => {
    const api = mockAccessApi();
    const { unmount } = await renderCard(api, owner);
    expect(
      await screen.findByText('No use case has access to this dataset.'),
    ).toBeInTheDocument();
    unmount();

    api.listGrants.mockRejectedValue(new Error('backend down'));
    await renderCard(api);
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
    api.listGrants.mockResolvedValue(pageOf([]));
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    // The backend lists only the grants a consumer may see.
    expect(
      await screen.findByText(
        'No use case you may see has access to this dataset.',
      ),
    ).toBeInTheDocument();
  });

  it('tells a consumer that they see only the grants and history they may read', async () => {
    const api = mockAccessApi();
    api.getRequestableUseCases.mockResolvedValue(sampleUseCases());
    api.listGrants.mockResolvedValue(pageOf([sampleGrant()]));
    api.listAudit.mockRejectedValue(
      await ResponseError.fromResponse(
        errorResponse(403, 'NotAllowedError', 'Unauthorized'),
      ),
    );
    await renderCard(api);
    expect(
      await screen.findByText(/Only the grants you may see are listed/),
    ).toHaveTextContent('(group:default/order-analytics) see them all');
    // The permission allows requesting: no sign-in or policy reason.
    expect(
      screen.getByRole('button', { name: 'Request access' }),
    ).not.toHaveAccessibleDescription(/Sign in|permission policy/);

    await userEvent.click(screen.getByRole('button', { name: 'History' }));
    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByText(/Only the events of requests you may see/),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText(
        "You may not see this dataset's access history.",
      ),
    ).toBeInTheDocument();
  });

  it('lets an owner of the dataset revoke a grant, with a comment', async () => {
    const api = mockAccessApi();
    api.listGrants.mockResolvedValue(pageOf([sampleGrant()]));
    api.revokeGrant.mockImplementation(async id => {
      api.listGrants.mockResolvedValue(pageOf([]));
      return sampleGrant({ id, state: 'revoked' });
    });
    await renderCard(api, owner);

    await userEvent.click(
      await screen.findByRole('button', {
        name: `Revoke access of ${USE_CASE_REF}`,
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: `Revoke access of ${USE_CASE_REF}?`,
    });
    await userEvent.type(
      within(dialog).getByLabelText('Comment (optional)'),
      'campaign over',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke' }),
    );

    expect(api.revokeGrant).toHaveBeenCalledWith('grant-1', 'campaign over');
    expect(
      await screen.findByText('No use case has access to this dataset.'),
    ).toBeInTheDocument();
  });

  it('shows an owner how many requests wait for a decision', async () => {
    const api = mockAccessApi();
    api.listRequests.mockImplementation(async options =>
      pageOf(options.view === 'all' ? [sampleRequest()] : []),
    );
    await renderCard(api, owner);
    expect(
      await screen.findByText(/1 request waits for a decision/),
    ).toBeInTheDocument();
    // A link styled as a button.
    expect(screen.getByRole('button', { name: 'Decide' })).toHaveAttribute(
      'href',
      '/data-hub/access-requests?tab=to-decide',
    );
  });

  it('requests access: non-PII columns by default, exactly the ticked columns sent', async () => {
    const api = mockAccessApi();
    api.getRequestableUseCases.mockResolvedValue(sampleUseCases());
    api.createRequest.mockImplementation(async body => {
      const request = sampleRequest({
        tables: body.tables as any,
        durationDays: body.durationDays,
      });
      api.listRequests.mockResolvedValue(pageOf([request]));
      return request;
    });
    await renderCard(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Request access' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Request access to Vehicle orders',
    });
    const box = (name: string) =>
      within(dialog).getByRole('checkbox', { name });

    // The only allowed use case is chosen; PII is not ticked by default.
    expect(
      within(dialog).getByRole('button', { name: /Use case/ }),
    ).toHaveTextContent('US marketing 360 (hub us)');
    expect(box('order_id (orders)')).toBeChecked();
    expect(box('amount (orders)')).toBeChecked();
    expect(box('order_date (orders)')).toBeChecked();
    expect(box('customer_email (orders, PII)')).not.toBeChecked();
    expect(box('vin (order_items)')).toBeChecked();
    expect(
      within(dialog).getByTestId('selected-column-count'),
    ).toHaveTextContent('5 of 6 columns selected');
    expect(box('All columns of orders')).toHaveAttribute(
      'data-indeterminate',
      'true',
    );

    // Tick the PII column explicitly, drop the second table.
    await userEvent.click(box('customer_email (orders, PII)'));
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'You are asking for 1 PII column (orders.customer_email)',
    );
    await userEvent.click(box('All columns of order_items'));
    expect(box('vin (order_items)')).not.toBeChecked();

    const duration = within(dialog).getByLabelText(/Duration \(days\)/);
    await userEvent.clear(duration);
    await userEvent.type(duration, '14');
    await userEvent.type(
      within(dialog).getByLabelText(/Justification/),
      'Attribute campaign revenue to orders.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit request' }),
    );

    await waitFor(() =>
      expect(api.createRequest).toHaveBeenCalledWith({
        datasetRef: DATASET_REF,
        useCaseRef: USE_CASE_REF,
        tables: [
          {
            name: 'orders',
            columns: ['order_id', 'customer_email', 'amount', 'order_date'],
          },
        ],
        justification: 'Attribute campaign revenue to orders.',
        durationDays: 14,
        extendsGrantId: undefined,
      }),
    );
    // The dialog closes and the card shows the pending request.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const mine = await screen.findByTestId(`my-access-${USE_CASE_REF}`);
    await waitFor(() => expect(mine).toHaveTextContent('Pending'));
    expect(
      within(mine).getByRole('button', { name: /Withdraw/ }),
    ).toBeInTheDocument();
  });

  it('shows disallowed use cases with their reason, and checks the form before sending', async () => {
    const api = mockAccessApi();
    api.getRequestableUseCases.mockResolvedValue(sampleUseCases());
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request access' }),
    );
    const dialog = screen.getByRole('dialog');

    await userEvent.click(
      within(dialog).getByRole('button', { name: /Use case/ }),
    );
    const option = screen.getByRole('option', {
      name: /Global fleet insights/,
    });
    expect(option).toHaveAttribute('aria-disabled', 'true');
    expect(option).toHaveTextContent(
      'which may consume from global — not from "us"',
    );
    await userEvent.keyboard('{Escape}');

    const duration = within(dialog).getByLabelText(/Duration \(days\)/);
    await userEvent.clear(duration);
    await userEvent.type(duration, '120');
    await userEvent.type(
      within(dialog).getByLabelText(/Justification/),
      'short',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit request' }),
    );
    expect(
      within(dialog).getByText('Enter a whole number of days from 1 to 90.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'Say in at least 10 characters why the use case needs the data.',
      ),
    ).toBeInTheDocument();
    expect(api.createRequest).not.toHaveBeenCalled();
  });

  it("shows the backend's message when it refuses a request", async () => {
    const api = mockAccessApi();
    api.getRequestableUseCases.mockResolvedValue(sampleUseCases());
    const message =
      'Request 7 of system:default/us-marketing-360 for dataset:default/vehicle-orders is still pending; withdraw it or wait for the decision';
    api.createRequest.mockRejectedValue(
      await ResponseError.fromResponse(
        errorResponse(409, 'ConflictError', message),
      ),
    );
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request access' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Justification/),
      'Attribute campaign revenue.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit request' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('requests an extension of the live grant of my use case', async () => {
    const api = mockAccessApi();
    api.getRequestableUseCases.mockResolvedValue(sampleUseCases());
    api.listGrants.mockResolvedValue(pageOf([sampleGrant()]));
    api.createRequest.mockResolvedValue(
      sampleRequest({ extendsGrantId: 'grant-1' }),
    );
    await renderCard(api);

    const mine = await screen.findByTestId(`my-access-${USE_CASE_REF}`);
    expect(mine).toHaveTextContent('Access until Jun 9, 2024 (in 30 days)');
    await userEvent.click(
      within(mine).getByRole('button', {
        name: 'Request an extension for US marketing 360',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Request an extension to Vehicle orders',
    });
    // It starts from the granted columns.
    expect(
      within(dialog).getByTestId('selected-column-count'),
    ).toHaveTextContent('2 of 6 columns selected');
    await userEvent.type(
      within(dialog).getByLabelText(/Justification/),
      'The campaign runs another month.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit request' }),
    );
    await waitFor(() =>
      expect(api.createRequest).toHaveBeenCalledWith(
        expect.objectContaining({
          tables: [{ name: 'orders', columns: ['order_id', 'amount'] }],
          extendsGrantId: 'grant-1',
          durationDays: 30,
        }),
      ),
    );
  });

  it('lets the requester withdraw a pending request', async () => {
    const api = mockAccessApi();
    api.getRequestableUseCases.mockResolvedValue(sampleUseCases());
    api.listRequests.mockResolvedValue(pageOf([sampleRequest()]));
    api.withdrawRequest.mockResolvedValue(
      sampleRequest({ state: 'withdrawn' }),
    );
    await renderCard(api);

    const mine = await screen.findByTestId(`my-access-${USE_CASE_REF}`);
    expect(mine).toHaveTextContent('Requested 1 hour ago');
    await userEvent.click(
      within(mine).getByRole('button', {
        name: 'Withdraw the request of US marketing 360',
      }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Withdraw',
      }),
    );
    expect(api.withdrawRequest).toHaveBeenCalledWith('request-1');
  });

  it("shows the dataset's access history", async () => {
    const api = mockAccessApi();
    api.listAudit.mockResolvedValue(
      pageOf([
        sampleAuditEvent({
          id: 2,
          actor: 'user:default/bob-owner',
          action: 'grant.revoked',
          before: { state: 'live' },
          after: { state: 'revoked' },
          comment: 'campaign over',
        }),
        sampleAuditEvent(),
      ]),
    );
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'History' }),
    );

    const dialog = screen.getByRole('dialog', {
      name: 'Access history of Vehicle orders',
    });
    expect(
      await within(dialog).findByText('Access revoked'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('live → revoked')).toBeInTheDocument();
    expect(within(dialog).getByText('“campaign over”')).toBeInTheDocument();
    expect(within(dialog).getByText('Requested access')).toBeInTheDocument();
    expect(api.listAudit).toHaveBeenCalledWith({
      datasetRef: DATASET_REF,
      limit: 10,
      offset: 0,
    });
  });
});
