import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { DataHubDatasetEntityProvider } from './DataHubDatasetEntityProvider';

const dataset = (name: string) => ({
  apiVersion: 'clouddatahub.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name },
  spec: { hub: 'global' },
});

describe('DataHubDatasetEntityProvider', () => {
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  const answers: Array<() => Response> = [];
  const fetchMock = jest.fn(async () => answers.shift()!());
  const json =
    (body: unknown, status = 200) =>
    () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });

  const provider = new DataHubDatasetEntityProvider({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    taskRunner: { run: jest.fn() },
    fetch: fetchMock as unknown as typeof fetch,
  });

  beforeAll(async () => {
    await provider.connect(connection as unknown as EntityProviderConnection);
  });
  beforeEach(() => connection.applyMutation.mockReset());

  it('applies a full mutation when every source answers, with a service token', async () => {
    answers.push(
      json({
        sources: [
          {
            sourceId: 'local-lake',
            ok: true,
            items: [dataset('a'), dataset('b')],
          },
          { sourceId: 'glue-us', ok: true, items: [dataset('c')] },
        ],
      }),
    );
    await provider.refresh();
    expect(fetchMock).toHaveBeenLastCalledWith(
      'http://localhost:0/api/data-hub/datasets',
      { headers: { Authorization: expect.stringMatching(/^Bearer /) } },
    );
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    expect(
      mutation.entities.map((e: any) => [
        e.locationKey,
        e.entity.metadata.name,
      ]),
    ).toEqual([
      ['data-hub:local-lake', 'a'],
      ['data-hub:local-lake', 'b'],
      ['data-hub:glue-us', 'c'],
    ]);
    expect(mutation.entities[0].entity.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': 'data-hub:local-lake',
      'backstage.io/managed-by-origin-location': 'data-hub:local-lake',
    });
  });

  it("keeps a failing source's entities: only a delta for healthy sources", async () => {
    answers.push(
      json({
        sources: [
          { sourceId: 'local-lake', ok: true, items: [dataset('a')] },
          { sourceId: 'glue-us', ok: false, error: 'AccessDenied' },
        ],
      }),
    );
    await provider.refresh();
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('delta');
    expect(mutation.added.map((e: any) => e.entity.metadata.name)).toEqual([
      'a',
    ]);
    // b vanished from the healthy source and is removed; c of the failing source is kept
    expect(
      mutation.removed.map((e: any) => [e.locationKey, e.entity.metadata.name]),
    ).toEqual([['data-hub:local-lake', 'b']]);
  });

  it('changes nothing when the data-hub backend fails', async () => {
    answers.push(json({ error: { name: 'Error', message: 'boom' } }, 503));
    await expect(provider.refresh()).rejects.toThrow(/503/);
    answers.push(json({ unexpected: true }));
    await expect(provider.refresh()).rejects.toThrow(/without a sources list/);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
