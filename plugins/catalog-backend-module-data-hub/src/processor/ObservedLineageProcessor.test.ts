import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { ObservedLineageReader } from '../lineage/ObservedLineageReader';
import { ObservedLineageProcessor } from './ObservedLineageProcessor';

const ANNOTATION = 'clouddatahub.io/observed-upstream';
const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

const dataset = (
  name: string,
  upstream?: string[],
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'clouddatahub.io/v1alpha1',
  kind: 'Dataset',
  metadata: {
    name,
    namespace: 'default',
    ...(annotations ? { annotations } : {}),
  },
  spec: { hub: 'global', layer: 'prepared', ...(upstream ? { upstream } : {}) },
});

/** Observed upstream per downstream ref, as the reader would give it. */
const fakeReader = (edges: Record<string, string[]>) => ({
  upstreamOf: jest.fn(async (ref: string) => edges[ref] ?? []),
});

/** Runs pre- and post-processing as the catalog does, returning the entity and relations. */
async function process(processor: ObservedLineageProcessor, entity: Entity) {
  const emit = jest.fn();
  const pre = await processor.preProcessEntity(entity);
  const post = await processor.postProcessEntity(pre, location, emit);
  const relations = emit.mock.calls.map(([r]) => {
    const { source, type, target } = r.relation;
    return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
  });
  return { entity: post, relations };
}

describe('ObservedLineageProcessor', () => {
  it('annotates a Dataset with its sorted observed upstream and relates it both ways', async () => {
    const processor = new ObservedLineageProcessor(
      fakeReader({
        'dataset:default/trips': [
          'dataset:default/weather',
          'dataset:default/telemetry',
        ],
      }),
    );
    const { entity, relations } = await process(
      processor,
      dataset('trips', undefined, { keep: 'me' }),
    );
    expect(entity.metadata.annotations).toEqual({
      keep: 'me',
      [ANNOTATION]: 'dataset:default/telemetry,dataset:default/weather',
    });
    expect(relations).toEqual([
      'Dataset:default/trips dependsOn dataset:default/telemetry',
      'dataset:default/telemetry dependencyOf Dataset:default/trips',
      'Dataset:default/trips dependsOn dataset:default/weather',
      'dataset:default/weather dependencyOf Dataset:default/trips',
    ]);
  });

  it('does not relate declared upstream again, however it is spelled', async () => {
    const processor = new ObservedLineageProcessor(
      fakeReader({
        'dataset:default/trips': [
          'dataset:default/telemetry',
          'dataset:default/weather',
        ],
      }),
    );
    const { entity, relations } = await process(
      processor,
      dataset('trips', ['Telemetry']),
    );
    // The annotation lists every observed upstream, declared or not: the frontend shows both.
    expect(entity.metadata.annotations?.[ANNOTATION]).toBe(
      'dataset:default/telemetry,dataset:default/weather',
    );
    expect(relations).toEqual([
      'Dataset:default/trips dependsOn dataset:default/weather',
      'dataset:default/weather dependencyOf Dataset:default/trips',
    ]);
  });

  it('removes the annotation when nothing is observed, and leaves other entities alone', async () => {
    const processor = new ObservedLineageProcessor(fakeReader({}));
    const stale = dataset('trips', ['telemetry'], {
      [ANNOTATION]: 'dataset:default/old',
      keep: 'me',
    });
    const { entity, relations } = await process(processor, stale);
    expect(entity.metadata.annotations).toEqual({ keep: 'me' });
    expect(relations).toEqual([]);

    const plain = dataset('plain');
    expect((await process(processor, plain)).entity).toBe(plain); // unchanged, no annotations added

    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'trips',
        annotations: { [ANNOTATION]: 'dataset:default/x' },
      },
    };
    const reader = fakeReader({
      'component:default/trips': ['dataset:default/x'],
    });
    const other = await process(
      new ObservedLineageProcessor(reader),
      component,
    );
    expect(other.entity).toBe(component);
    expect(other.relations).toEqual([]);
    expect(reader.upstreamOf).not.toHaveBeenCalled();
  });

  it('keeps relating by the last known edges while the data-hub backend fails', async () => {
    const logger = mockServices.logger.mock();
    let now = 0;
    const answers: Array<() => Response> = [
      () =>
        new Response(
          JSON.stringify({
            items: [
              {
                upstream: 'dataset:default/telemetry',
                downstream: 'dataset:default/trips',
                lastSeenAt: '2024-01-01T00:00:00.000Z',
              },
            ],
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
      () => new Response('unavailable', { status: 503 }),
    ];
    const reader = new ObservedLineageReader({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger,
      cacheMillis: 1000,
      fetch: (async () => answers.shift()!()) as unknown as typeof fetch,
      now: () => now,
    });
    const processor = new ObservedLineageProcessor(reader);
    const expected = [
      'Dataset:default/trips dependsOn dataset:default/telemetry',
      'dataset:default/telemetry dependencyOf Dataset:default/trips',
    ];
    expect((await process(processor, dataset('trips'))).relations).toEqual(
      expected,
    );
    now = 2000; // cache expired; the backend now fails
    const again = await process(processor, dataset('trips'));
    expect(again.relations).toEqual(expected);
    expect(again.entity.metadata.annotations?.[ANNOTATION]).toBe(
      'dataset:default/telemetry',
    );
    // The refresh runs beside processing; it fails and warns.
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
