import { mockApis } from '@backstage/frontend-test-utils';
import { fetchDataHub, queryString } from './fetchDataHub';

function response(ok: boolean, status: number) {
  return { ok, status } as unknown as Response;
}

function setup(answer: Response = response(true, 200)) {
  const fetch = jest.fn(async (_input: any, _init?: RequestInit) => answer);
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backend' });
  jest.spyOn(discoveryApi, 'getBaseUrl');
  const toError = jest.fn(
    async (failed: Response) => new Error(`failed with ${failed.status}`),
  );
  return { apis: { discoveryApi, fetchApi: { fetch } }, fetch, toError };
}

describe('fetchDataHub', () => {
  it("calls the path under the data hub's base URL and returns the response", async () => {
    const answer = response(true, 200);
    const { apis, fetch, toError } = setup(answer);
    await expect(fetchDataHub(apis, '/health?x=1', toError)).resolves.toBe(
      answer,
    );
    expect(apis.discoveryApi.getBaseUrl).toHaveBeenCalledWith('data-hub');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/data-hub/health?x=1',
    );
    expect(fetch.mock.calls[0][1]).toBeUndefined();
    expect(toError).not.toHaveBeenCalled();
  });

  it('passes the request init on to fetch', async () => {
    const { apis, fetch, toError } = setup();
    const signal = new AbortController().signal;
    const init: RequestInit = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
      signal,
    };
    await fetchDataHub(apis, '/queries', toError, init);
    expect(fetch.mock.calls[0][0]).toBe('http://backend/api/data-hub/queries');
    expect(fetch.mock.calls[0][1]).toBe(init);
  });

  it('throws the error toError makes of a failed response', async () => {
    const failed = response(false, 403);
    const { apis, toError } = setup(failed);
    await expect(fetchDataHub(apis, '/queries', toError)).rejects.toThrow(
      'failed with 403',
    );
    expect(toError.mock.calls[0][0]).toBe(failed);
  });
});

describe('queryString', () => {
  it('keeps the defined, non-empty values, encoded', () => {
    expect(
      queryString({
        entityRef: 'dataset:default/orders',
        depth: 2,
        none: undefined,
        empty: '',
        zero: 0,
      }),
    ).toBe('?entityRef=dataset%3Adefault%2Forders&depth=2&zero=0');
  });

  it('is empty when no value is given', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ a: undefined, b: '' })).toBe('');
  });
});
