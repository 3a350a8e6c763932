import { mockServices } from '@backstage/backend-test-utils';
import { ObservedLineageReader } from './ObservedLineageReader';

const TELEMETRY = 'dataset:default/telemetry';
const WEATHER = 'dataset:default/weather';
const TRIPS = 'dataset:default/trips';
const USAGE = 'dataset:default/usage';

const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
const edge = (upstream: string, downstream: string) => ({
  upstream,
  downstream,
  lastSeenAt: '2024-05-01T00:00:00.000Z',
});

/** Lets a refresh that runs beside the callers finish. */
const settled = () => new Promise(resolve => setTimeout(resolve, 10));

describe('ObservedLineageReader', () => {
  let now: number;
  let answers: Array<() => Response | Promise<Response>>;
  let fetchMock: jest.Mock;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let reader: ObservedLineageReader;

  beforeEach(() => {
    now = 0;
    answers = [];
    fetchMock = jest.fn(async () => {
      const answer = answers.shift();
      if (!answer) throw new TypeError('fetch failed');
      return answer();
    });
    logger = mockServices.logger.mock();
    reader = new ObservedLineageReader({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger,
      cacheMillis: 30_000,
      retryMillis: 5_000,
      fetch: fetchMock as unknown as typeof fetch,
      now: () => now,
    });
  });

  it('reads the dependencies once per cache period with a service token, shared by concurrent callers', async () => {
    answers.push(
      json({
        items: [
          edge(WEATHER, TRIPS),
          edge(TELEMETRY, TRIPS),
          edge(TRIPS, USAGE),
          edge(TRIPS, TRIPS),
        ],
      }),
    );
    const [trips, usage, telemetry] = await Promise.all([
      reader.upstreamOf(TRIPS),
      reader.upstreamOf('Dataset:default/usage'),
      reader.upstreamOf(TELEMETRY),
    ]);
    expect(trips).toEqual([TELEMETRY, WEATHER]);
    expect(usage).toEqual([TRIPS]);
    expect(telemetry).toEqual([]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledWith(
      'http://localhost:0/api/data-hub/lineage/dependencies',
      {
        headers: { Authorization: expect.stringMatching(/^Bearer /) },
        signal: expect.anything(),
      },
    );
    const [, { headers }] = fetchMock.mock.calls[0];
    expect(
      JSON.parse(
        headers.Authorization.replace(/^Bearer mock-service-token:/, ''),
      ),
    ).toMatchObject({
      target: 'data-hub',
    });

    now = 29_000;
    await reader.upstreamOf(TRIPS);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    now = 30_000;
    answers.push(json({ items: [edge(TELEMETRY, TRIPS)] }));
    // Due again: the known edges answer at once while the refresh runs beside.
    expect(await reader.upstreamOf(TRIPS)).toEqual([TELEMETRY, WEATHER]);
    await settled();
    expect(await reader.upstreamOf(TRIPS)).toEqual([TELEMETRY]);
    expect(await reader.upstreamOf(USAGE)).toEqual([]);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('keeps the last known edges while the backend fails, warns once per streak and retries sooner', async () => {
    answers.push(json({ items: [edge(TELEMETRY, TRIPS)] }));
    expect(await reader.upstreamOf(TRIPS)).toEqual([TELEMETRY]);

    now = 30_000;
    answers.push(json({ error: { name: 'Error', message: 'boom' } }, 503));
    expect(await reader.upstreamOf(TRIPS)).toEqual([TELEMETRY]);
    await settled();
    now = 34_000; // within the retry delay: no request
    expect(await reader.upstreamOf(TRIPS)).toEqual([TELEMETRY]);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    now = 35_000;
    answers.push(json({ unexpected: true }));
    expect(await reader.upstreamOf(TRIPS)).toEqual([TELEMETRY]);
    await settled();
    now = 40_000; // connection refused
    expect(await reader.upstreamOf(TRIPS)).toEqual([TELEMETRY]);
    await settled();
    expect(fetchMock).toHaveBeenCalledTimes(4);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /keeping the last known 1 dependencies.*503/,
    );

    now = 45_000;
    answers.push(json({ items: [] }));
    await reader.upstreamOf(TRIPS);
    await settled();
    expect(await reader.upstreamOf(TRIPS)).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/again \(0 dependencies\)/),
    );
    now = 80_000;
    expect(await reader.upstreamOf(TRIPS)).toEqual([]); // a new streak warns again
    await settled();
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('knows no observed upstream when the data-hub backend was never reachable', async () => {
    expect(await reader.upstreamOf(TRIPS)).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /keeping the last known 0 dependencies.*fetch failed/,
      ),
    );
  });
});
