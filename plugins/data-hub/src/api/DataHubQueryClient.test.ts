import { mockApis } from '@backstage/frontend-test-utils';
import { queryErrorResponse } from '../testing/queryFixtures';
import { DataHubQueryClient, fileNameOf } from './DataHubQueryClient';
import { DataHubQueryError } from './DataHubQueryError';

function okResponse(body: unknown, status = 200) {
  return {
    ok: true,
    status,
    headers: new Headers(),
    json: async () => body,
  } as unknown as Response;
}

function setup(response: Response = okResponse({ items: [], totalCount: 0 })) {
  const fetch = jest.fn(async (_input: any, _init?: RequestInit) => response);
  const client = new DataHubQueryClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backend' }),
    fetchApi: { fetch } as any,
  });
  return { client, fetch };
}

const calls = (fetch: jest.Mock) =>
  fetch.mock.calls.map(([url, init]: [string, RequestInit | undefined]) => [
    url,
    init?.method ?? 'GET',
    init?.body && JSON.parse(String(init.body)),
  ]);

describe('DataHubQueryClient', () => {
  it('submits SQL as JSON and polls, cancels and pages by id', async () => {
    const { client, fetch } = setup(okResponse({ id: 'q/1' }));
    await client.submitQuery({
      sql: 'SELECT 1',
      useCaseRef: 'system:default/us-marketing-360',
    });
    await client.getQuery('q/1');
    await client.cancelQuery('q/1');
    await client.getResults('q/1', { offset: 5000, limit: 5000 });

    expect(calls(fetch)).toEqual([
      [
        'http://backend/api/data-hub/queries',
        'POST',
        { sql: 'SELECT 1', useCaseRef: 'system:default/us-marketing-360' },
      ],
      ['http://backend/api/data-hub/queries/q%2F1', 'GET', undefined],
      ['http://backend/api/data-hub/queries/q%2F1/cancel', 'POST', {}],
      [
        'http://backend/api/data-hub/queries/q%2F1/results?offset=5000&limit=5000',
        'GET',
        undefined,
      ],
    ]);
    expect(fetch.mock.calls[0][1]?.headers).toEqual({
      'Content-Type': 'application/json',
    });
  });

  it('unwraps the lists of use cases, queryable datasets and saved queries', async () => {
    const { client, fetch } = setup(okResponse({ items: [{ a: 1 }] }));
    await expect(client.getUseCases()).resolves.toEqual([{ a: 1 }]);
    await expect(
      client.getQueryable('system:default/us-marketing-360'),
    ).resolves.toEqual([{ a: 1 }]);
    await expect(client.listSavedQueries()).resolves.toEqual([{ a: 1 }]);
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/data-hub/queries/use-cases',
      'http://backend/api/data-hub/queries/queryable?useCaseRef=system%3Adefault%2Fus-marketing-360',
      'http://backend/api/data-hub/saved-queries',
    ]);
  });

  it('searches the history with paging, leaving out what is not given', async () => {
    const { client, fetch } = setup();
    await client.listHistory({ search: '  orders ', limit: 20, offset: 40 });
    await client.listHistory({ search: '   ' });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/data-hub/queries?search=orders&limit=20&offset=40',
      'http://backend/api/data-hub/queries',
    ]);
  });

  it('creates, updates and deletes saved queries', async () => {
    const { client, fetch } = setup(okResponse({ id: 's1' }));
    await client.createSavedQuery({
      name: 'Orders',
      sql: 'SELECT 1',
      useCaseRef: 'system:default/us-marketing-360',
      shared: true,
    });
    await client.updateSavedQuery('s1', { shared: false });
    await client.deleteSavedQuery('s1');
    expect(calls(fetch)).toEqual([
      [
        'http://backend/api/data-hub/saved-queries',
        'POST',
        {
          name: 'Orders',
          sql: 'SELECT 1',
          useCaseRef: 'system:default/us-marketing-360',
          shared: true,
        },
      ],
      [
        'http://backend/api/data-hub/saved-queries/s1',
        'PUT',
        { shared: false },
      ],
      ['http://backend/api/data-hub/saved-queries/s1', 'DELETE', undefined],
    ]);
  });

  it('rejects with the backend message, status and error name', async () => {
    const message =
      'us_customer_crm_source.customers: not a table this use case holds a live grant on';
    const { client } = setup(
      queryErrorResponse(403, 'NotAllowedError', message),
    );
    const error = await client
      .submitQuery({ sql: 'SELECT 1', useCaseRef: 'system:default/x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(DataHubQueryError);
    expect(error.message).toBe(message);
    expect(error.statusCode).toBe(403);
    expect(error.reason).toBe('NotAllowedError');
  });

  it('downloads the CSV as a blob named by the response', async () => {
    const response = {
      ok: true,
      status: 200,
      headers: new Headers({
        'Content-Disposition': 'attachment; filename="query-abc.csv"',
      }),
      blob: async () => new Blob(['a,b\n1,2\n']),
    } as unknown as Response;
    const { client, fetch } = setup(response);
    const signal = new AbortController().signal;
    const file = await client.downloadCsv('abc', signal);
    expect(file.fileName).toBe('query-abc.csv');
    expect(await file.blob.text()).toBe('a,b\n1,2\n');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/data-hub/queries/abc/results.csv',
    );
    // The page can abort the download.
    expect(fetch.mock.calls[0][1]?.signal).toBe(signal);
  });

  it('names the CSV after the query when the response does not', async () => {
    const response = {
      ok: true,
      status: 200,
      headers: new Headers(),
      blob: async () => new Blob(['a\n']),
    } as unknown as Response;
    const { client } = setup(response);
    const file = await client.downloadCsv('abc');
    expect(file.fileName).toBe('query-abc.csv');
  });

  it('rejects a failed download or delete with a DataHubQueryError', async () => {
    const { client } = setup(
      queryErrorResponse(403, 'NotAllowedError', 'not your query'),
    );
    const error = await client.downloadCsv('abc').catch(e => e);
    expect(error).toBeInstanceOf(DataHubQueryError);
    expect(error.message).toBe('not your query');
    expect(error.statusCode).toBe(403);
    await expect(client.deleteSavedQuery('s1')).rejects.toBeInstanceOf(
      DataHubQueryError,
    );
  });
});

describe('fileNameOf', () => {
  it('reads quoted, unquoted and encoded file names', () => {
    expect(fileNameOf('attachment; filename="q-1.csv"')).toBe('q-1.csv');
    expect(fileNameOf('attachment; filename=q-2.csv')).toBe('q-2.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''q%203.csv")).toBe(
      'q 3.csv',
    );
    expect(fileNameOf(null)).toBeUndefined();
  });
});
