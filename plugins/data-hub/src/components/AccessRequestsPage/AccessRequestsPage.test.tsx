import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { DataHubAccessApi, dataHubAccessApiRef } from '../../api';
import { accessRequestsRouteRef } from '../../routes';
import {
  errorResponse,
  mockAccessApi,
  pageOf,
  sampleAuditEvent,
  sampleGrant,
  sampleRequest,
} from '../../testing/accessFixtures';
import { sampleDataset } from '../../testing/sampleDataset';
import { AccessRequestsContent } from './AccessRequestsPage';

const NOW = new Date('2024-05-10T12:00:00Z').getTime();

jest.setTimeout(60_000);

/** Types without delays between keys: the behaviour is the same, only faster. */
const userEvent = userEventLib.setup({ delay: null });

const alice = mockApis.identity({
  userEntityRef: 'user:default/alice-analyst',
  ownershipEntityRefs: [
    'user:default/alice-analyst',
    'group:default/us-marketing-analytics',
  ],
});
const bob = mockApis.identity({
  userEntityRef: 'user:default/bob-owner',
  ownershipEntityRefs: [
    'user:default/bob-owner',
    'group:default/order-analytics',
  ],
});

const bobsRequest = sampleRequest({
  id: 'request-2',
  requester: 'user:default/dave-analyst',
  useCaseRef: 'system:default/global-fleet-insights',
});

function renderPage(
  api: DataHubAccessApi,
  identity = alice,
  url = '/data-hub/access-requests',
) {
  return renderInTestApp(<AccessRequestsContent />, {
    apis: [
      [dataHubAccessApiRef, api],
      identity,
      mockApis.permission(),
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

describe('AccessRequestsContent', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('lists my requests with their state, and lets me withdraw a pending one', async () => {
    const api = mockAccessApi();
    api.listRequests.mockImplementation(async options =>
      pageOf(
        options.view === 'mine'
          ? [
              sampleRequest(),
              sampleRequest({
                id: 'request-0',
                state: 'revoked',
                grantId: 'g0',
              }),
            ]
          : [],
      ),
    );
    api.withdrawRequest.mockResolvedValue(
      sampleRequest({ state: 'withdrawn' }),
    );
    await renderPage(api);

    expect(screen.getByRole('tab', { name: 'My requests' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await screen.findByText('Pending');
    const rows = screen.getAllByRole('row');
    // The header row and two requests.
    expect(rows).toHaveLength(3);
    const pending = rows[1];
    expect(within(pending).getByText('Vehicle orders')).toBeInTheDocument();
    expect(
      within(pending).getByText('3 columns in 1 table'),
    ).toBeInTheDocument();
    expect(within(pending).getByText('30 days')).toBeInTheDocument();
    expect(within(pending).getByText('Pending')).toBeInTheDocument();
    expect(within(pending).getByText('1 hour ago')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Revoked')).toBeInTheDocument();
    // Only pending requests can be withdrawn.
    expect(
      within(rows[2]).queryByRole('button', { name: /Withdraw/ }),
    ).toBeNull();
    expect(api.listRequests).toHaveBeenCalledWith({
      view: 'mine',
      states: undefined,
      limit: 20,
      offset: 0,
    });

    await userEvent.click(
      within(pending).getByRole('button', { name: /^Withdraw the request/ }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Withdraw',
      }),
    );
    expect(api.withdrawRequest).toHaveBeenCalledWith('request-1');
  });

  it('approves a request to decide on, with a comment', async () => {
    const api = mockAccessApi();
    api.listRequests.mockImplementation(async options =>
      pageOf(options.view === 'to-decide' ? [bobsRequest] : []),
    );
    api.approveRequest.mockImplementation(async id => {
      api.listRequests.mockResolvedValue(pageOf([]));
      return sampleRequest({ id, state: 'granted', grantId: 'grant-2' });
    });
    await renderPage(api, bob);

    // The tab counts what waits.
    const toDecide = await screen.findByRole('tab', { name: /To decide/ });
    await waitFor(() => expect(toDecide).toHaveTextContent('1'));
    await userEvent.click(toDecide);
    expect(toDecide).toHaveAttribute('aria-selected', 'true');
    await waitFor(() =>
      expect(api.listRequests).toHaveBeenCalledWith({
        view: 'to-decide',
        states: ['pending'],
        limit: 20,
        offset: 0,
      }),
    );

    const row = (
      await screen.findByRole('link', { name: /global-fleet-insights/ })
    ).closest('tr')!;
    expect(
      within(row).getByRole('link', { name: /dave-analyst/ }),
    ).toHaveAttribute('href', '/catalog/default/user/dave-analyst');
    await userEvent.click(
      within(row).getByRole('button', { name: /^Approve/ }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Approve access to Vehicle orders?',
    });
    expect(dialog).toHaveTextContent('orders (3 columns) for 30 days');
    await userEvent.type(
      within(dialog).getByLabelText('Comment (optional)'),
      'Fine for the campaign',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(api.approveRequest).toHaveBeenCalledWith(
      'request-2',
      'Fine for the campaign',
    );
    expect(
      await screen.findByText(/Nothing waits for your decision/),
    ).toBeInTheDocument();
  });

  it('rejects only with a comment', async () => {
    const api = mockAccessApi();
    api.listRequests.mockImplementation(async options =>
      pageOf(options.view === 'to-decide' ? [bobsRequest] : []),
    );
    api.rejectRequest.mockResolvedValue(
      sampleRequest({ id: 'request-2', state: 'rejected' }),
    );
    await renderPage(api, bob, '/data-hub/access-requests?tab=to-decide');

    await userEvent.click(
      await screen.findByRole('button', { name: /^Reject the request/ }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(
      within(dialog).getByText(
        'A comment is required: tell the requester why.',
      ),
    ).toBeInTheDocument();
    expect(api.rejectRequest).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByLabelText(/Why \(required\)/),
      'No PII for marketing',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(api.rejectRequest).toHaveBeenCalledWith(
      'request-2',
      'No PII for marketing',
    );
  });

  it('opens the details of ?request=<id>: scope with PII, decision, grant and audit trail', async () => {
    const api = mockAccessApi();
    api.getRequest.mockResolvedValue(
      sampleRequest({
        state: 'granted',
        decidedBy: 'user:default/bob-owner',
        decidedAt: '2024-05-10T11:30:00Z',
        decisionComment: 'Fine for the campaign',
        grantId: 'grant-1',
      }),
    );
    api.listGrants.mockResolvedValue(pageOf([sampleGrant()]));
    api.listAudit.mockResolvedValue(
      pageOf([
        sampleAuditEvent({
          id: 3,
          actor: 'user:default/bob-owner',
          action: 'request.approved',
          before: { state: 'pending' },
          after: { state: 'approved' },
          comment: 'Fine for the campaign',
        }),
        sampleAuditEvent(),
      ]),
    );
    await renderPage(api, alice, '/data-hub/access-requests?request=request-1');

    const dialog = await screen.findByRole('dialog', {
      name: /Access request for Vehicle orders/,
    });
    expect(api.getRequest).toHaveBeenCalledWith('request-1');
    expect(
      await within(dialog).findByText(
        'Campaign attribution for the US market.',
        {
          selector: 'blockquote',
        },
      ),
    ).toBeInTheDocument();
    const columns = within(dialog).getByRole('list', {
      name: 'Columns of orders',
    });
    expect(
      within(columns)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['order_id', 'customer_email · PII', 'amount']);
    // In the decision, and in the audit trail.
    expect(within(dialog).getAllByText('“Fine for the campaign”')).toHaveLength(
      2,
    );
    expect(within(dialog).getByText('Live')).toBeInTheDocument();
    expect(await within(dialog).findByText('Approved')).toBeInTheDocument();
    expect(within(dialog).getByText('pending → approved')).toBeInTheDocument();
    expect(api.listAudit).toHaveBeenCalledWith({
      requestId: 'request-1',
      limit: 10,
      offset: 0,
    });

    // Granted requests offer no actions; closing drops the parameter.
    expect(
      within(dialog).queryByRole('button', { name: 'Withdraw' }),
    ).toBeNull();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('opens the details of a row on click', async () => {
    const api = mockAccessApi();
    api.listRequests.mockResolvedValue(pageOf([sampleRequest()]));
    api.getRequest.mockResolvedValue(sampleRequest());
    await renderPage(api);

    await userEvent.click(await screen.findByText('3 columns in 1 table'));
    const dialog = await screen.findByRole('dialog', {
      name: /Access request for Vehicle orders/,
    });
    // Alice asked, so she may withdraw from here too.
    expect(
      await within(dialog).findByRole('button', { name: 'Withdraw' }),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('button', { name: 'Approve' }),
    ).toBeNull();
  });

  it('says who may see a request when the backend denies its details', async () => {
    const api = mockAccessApi();
    api.getRequest.mockRejectedValue(
      await ResponseError.fromResponse(
        errorResponse(403, 'NotAllowedError', 'Unauthorized'),
      ),
    );
    await renderPage(api, alice, '/data-hub/access-requests?request=request-9');

    const dialog = await screen.findByRole('dialog', {
      name: 'Access request',
    });
    expect(
      await within(dialog).findByText(
        /Only the requester's team, the dataset's owners and the platform team see this request/,
      ),
    ).toBeInTheDocument();
    // A calm note, not an error panel, and nothing of the request.
    expect(within(dialog).queryByText(/Unauthorized/)).toBeNull();
    expect(within(dialog).queryByText('Justification')).toBeNull();
    expect(api.listAudit).not.toHaveBeenCalled();
  });

  it('says that the lists show only the requests one may see', async () => {
    await renderPage(mockAccessApi());
    expect(
      await screen.findByText(/The lists show only requests you may see/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/You have made no access requests/),
    ).toBeInTheDocument();
  });
});
