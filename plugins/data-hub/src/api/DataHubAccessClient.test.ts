import { mockApis } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { errorResponse } from '../testing/accessFixtures';
import { accessErrorMessage } from './accessErrorMessage';
import { DataHubAccessClient } from './DataHubAccessClient';

function okResponse(body: unknown, status = 200) {
  return {
    ok: true,
    status,
    json: async () => body,
  } as unknown as Response;
}

function setup(response: Response = okResponse({ items: [], totalCount: 0 })) {
  const fetch = jest.fn(async (_input: any, _init?: RequestInit) => response);
  const client = new DataHubAccessClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backend' }),
    fetchApi: { fetch } as any,
  });
  return { client, fetch };
}

describe('DataHubAccessClient', () => {
  it('lists requests with view, states, filters and paging in the query', async () => {
    const { client, fetch } = setup();
    await client.listRequests({
      view: 'to-decide',
      states: ['pending', 'approved'],
      datasetRef: 'dataset:default/orders',
      limit: 20,
      offset: 40,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/data-hub/access-requests?view=to-decide&state=pending%2Capproved&datasetRef=dataset%3Adefault%2Forders&limit=20&offset=40',
    );
  });

  it('leaves out what is not given', async () => {
    const { client, fetch } = setup();
    await client.listGrants({ datasetRef: 'dataset:default/orders' });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/data-hub/grants?datasetRef=dataset%3Adefault%2Forders',
    );
    await client.listAudit({ requestId: 'r 1' });
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backend/api/data-hub/audit?requestId=r+1',
    );
  });

  it('GETs the settings and one request by its encoded id, returning the body', async () => {
    const { client, fetch } = setup(okResponse({ id: 'r/1' }));
    await expect(client.getSettings()).resolves.toEqual({ id: 'r/1' });
    await expect(client.getRequest('r/1')).resolves.toEqual({ id: 'r/1' });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/data-hub/access/settings',
      'http://backend/api/data-hub/access-requests/r%2F1',
    ]);
    for (const [, init] of fetch.mock.calls) {
      expect(init?.method ?? 'GET').toBe('GET');
      expect(init?.body).toBeUndefined();
    }
  });

  it('unwraps the use cases list', async () => {
    const { client, fetch } = setup(
      okResponse({ items: [{ useCaseRef: 'system:default/a' }] }),
    );
    await expect(
      client.getRequestableUseCases('dataset:default/orders'),
    ).resolves.toEqual([{ useCaseRef: 'system:default/a' }]);
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/data-hub/access/use-cases?datasetRef=dataset%3Adefault%2Forders',
    );
  });

  it('posts JSON bodies to the action routes', async () => {
    const { client, fetch } = setup(okResponse({ id: 'x' }));
    const body = {
      datasetRef: 'dataset:default/orders',
      useCaseRef: 'system:default/a',
      tables: [{ name: 'orders', columns: ['id'] }],
      justification: 'for the campaign',
      durationDays: 7,
    };
    await client.createRequest(body);
    await client.approveRequest('r/1', '  fine  ');
    await client.approveRequest('r1');
    await client.rejectRequest('r1', 'no PII please');
    await client.withdrawRequest('r1');
    await client.revokeGrant('g1', 'done');

    const calls = fetch.mock.calls.map(([url, init]) => [
      url,
      init?.method,
      init?.body && JSON.parse(String(init.body)),
    ]);
    expect(calls).toEqual([
      ['http://backend/api/data-hub/access-requests', 'POST', body],
      [
        'http://backend/api/data-hub/access-requests/r%2F1/approve',
        'POST',
        { comment: 'fine' },
      ],
      ['http://backend/api/data-hub/access-requests/r1/approve', 'POST', {}],
      [
        'http://backend/api/data-hub/access-requests/r1/reject',
        'POST',
        { comment: 'no PII please' },
      ],
      ['http://backend/api/data-hub/access-requests/r1/withdraw', 'POST', {}],
      [
        'http://backend/api/data-hub/grants/g1/revoke',
        'POST',
        { comment: 'done' },
      ],
    ]);
    expect(fetch.mock.calls[0][1]?.headers).toEqual({
      'Content-Type': 'application/json',
    });
  });

  it("rejects with a ResponseError that carries the backend's message", async () => {
    const message =
      'durationDays 120 is longer than the 90 days allowed for confidential datasets';
    const { client } = setup(errorResponse(400, 'InputError', message));
    const error = await client
      .createRequest({
        datasetRef: 'dataset:default/orders',
        useCaseRef: 'system:default/a',
        justification: 'for the campaign',
        durationDays: 120,
      })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(400);
    expect(accessErrorMessage(error)).toBe(message);
  });
});

describe('accessErrorMessage', () => {
  it('reads plain errors and other values', () => {
    expect(accessErrorMessage(new Error('offline'))).toBe('offline');
    expect(accessErrorMessage('odd')).toBe('odd');
  });
});
