import { mockApis } from '@backstage/frontend-test-utils';
import { queryErrorResponse } from '../testing/queryFixtures';
import { DataHubLineageClient } from './DataHubLineageClient';
import { DataHubQueryError } from './DataHubQueryError';

function okResponse(body: unknown) {
  return {
    ok: true,
    status: 200,
    json: async () => body,
  } as unknown as Response;
}

function setup(response: Response = okResponse({})) {
  const fetch = jest.fn(async (_input: any, _init?: RequestInit) => response);
  let time = 0;
  const client = new DataHubLineageClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backend' }),
    fetchApi: { fetch } as any,
    now: () => time,
  });
  const advance = (ms: number) => {
    time += ms;
  };
  return { client, fetch, advance };
}

const urls = (fetch: jest.Mock) => fetch.mock.calls.map(c => c[0]);

describe('DataHubLineageClient', () => {
  it('GETs each route with its query, leaving out what is not given', async () => {
    const { client, fetch } = setup();
    const ref = 'dataset:default/orders';
    await client.getLineageGraph(ref, { depth: 2, direction: 'upstream' });
    await client.getLineageGraph(ref);
    await client.getColumnLineage(ref, { table: 'orders', column: 'id' });
    await client.getColumnLineage(ref);
    await client.getHealth(ref);
    await client.getUsage(ref, 7);
    await client.getUsage(ref);
    await client.getOverview();
    expect(urls(fetch)).toEqual([
      'http://backend/api/data-hub/lineage/graph?entityRef=dataset%3Adefault%2Forders&depth=2&direction=upstream',
      'http://backend/api/data-hub/lineage/graph?entityRef=dataset%3Adefault%2Forders',
      'http://backend/api/data-hub/lineage/columns?entityRef=dataset%3Adefault%2Forders&table=orders&column=id',
      'http://backend/api/data-hub/lineage/columns?entityRef=dataset%3Adefault%2Forders',
      'http://backend/api/data-hub/health?entityRef=dataset%3Adefault%2Forders',
      'http://backend/api/data-hub/usage?entityRef=dataset%3Adefault%2Forders&days=7',
      'http://backend/api/data-hub/usage?entityRef=dataset%3Adefault%2Forders',
      'http://backend/api/data-hub/overview',
    ]);
    // Plain GETs: no method, body or headers of their own.
    for (const [, init] of fetch.mock.calls) {
      expect(init?.method ?? 'GET').toBe('GET');
      expect(init?.body).toBeUndefined();
    }
  });

  it('returns the response body', async () => {
    const health = { entityRef: 'dataset:default/orders', status: 'healthy' };
    const { client } = setup(okResponse(health));
    await expect(client.getHealth('dataset:default/orders')).resolves.toEqual(
      health,
    );
  });

  it('answers getAllHealth from one request for a while, then asks again', async () => {
    const items = [{ entityRef: 'dataset:default/orders', status: 'healthy' }];
    const { client, fetch, advance } = setup(okResponse({ items }));
    const [first, second] = await Promise.all([
      client.getAllHealth(),
      client.getAllHealth(),
    ]);
    expect(first).toEqual(items);
    expect(second).toEqual(items);
    advance(29_000);
    await expect(client.getAllHealth()).resolves.toEqual(items);
    expect(urls(fetch)).toEqual(['http://backend/api/data-hub/health']);

    advance(1_000);
    await expect(client.getAllHealth()).resolves.toEqual(items);
    expect(urls(fetch)).toEqual([
      'http://backend/api/data-hub/health',
      'http://backend/api/data-hub/health',
    ]);
  });

  it('does not remember a failed getAllHealth', async () => {
    const { client, fetch } = setup(
      queryErrorResponse(403, 'NotAllowedError', 'no'),
    );
    await expect(client.getAllHealth()).rejects.toBeInstanceOf(
      DataHubQueryError,
    );
    fetch.mockResolvedValue(okResponse({ items: [] }));
    await expect(client.getAllHealth()).resolves.toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('rejects with the backend message, status and error name', async () => {
    const message = 'entityRef must be a dataset reference';
    const { client } = setup(queryErrorResponse(400, 'InputError', message));
    const error = await client
      .getLineageGraph('component:default/x')
      .catch(e => e);
    expect(error).toBeInstanceOf(DataHubQueryError);
    expect(error.message).toBe(message);
    expect(error.statusCode).toBe(400);
    expect(error.reason).toBe('InputError');
  });
});
