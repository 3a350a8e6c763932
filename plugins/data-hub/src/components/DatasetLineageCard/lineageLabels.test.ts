import {
  isExternal,
  nodeLabel,
  openLineageName,
  truncate,
} from './lineageLabels';

describe('lineageLabels', () => {
  it('names datasets by title, jobs by name, declared datasets by their ref', () => {
    expect(
      nodeLabel({
        id: 'dataset:default/raw-orders',
        kind: 'dataset',
        entityRef: 'dataset:default/raw-orders',
        title: 'Raw orders',
        names: [],
      }),
    ).toBe('Raw orders');
    expect(
      nodeLabel({
        id: 'job:spark/prepare',
        kind: 'job',
        names: [{ namespace: 'spark', name: 'prepare' }],
      }),
    ).toBe('prepare');
    // Declared in spec.upstream, not (yet) in the catalog.
    expect(
      nodeLabel({
        id: 'dataset:default/raw-customers',
        kind: 'dataset',
        entityRef: 'dataset:default/raw-customers',
        names: [],
      }),
    ).toBe('raw-customers');
    expect(
      nodeLabel({
        id: 'external:s3://b/k',
        kind: 'dataset',
        external: true,
        names: [],
      }),
    ).toBe('s3://b/k');
  });

  it('gives the OpenLineage name of jobs and external datasets', () => {
    expect(
      openLineageName({
        id: 'external:s3://partner/customers.csv',
        kind: 'dataset',
        external: true,
        names: [{ namespace: 's3://partner', name: 'customers.csv' }],
      }),
    ).toBe('s3://partner/customers.csv');
    expect(
      openLineageName({ id: 'job:spark/a/b', kind: 'job', names: [] }),
    ).toBe('spark/a/b');
  });

  it('marks datasets without catalog entity as external, never jobs', () => {
    expect(
      isExternal({
        id: 'external:x/y',
        kind: 'dataset',
        external: true,
        names: [],
      }),
    ).toBe(true);
    expect(
      isExternal({
        id: 'dataset:default/a',
        kind: 'dataset',
        entityRef: 'dataset:default/a',
        external: false,
        names: [],
      }),
    ).toBe(false);
    expect(isExternal({ id: 'job:x/y', kind: 'job', names: [] })).toBe(false);
  });

  it('truncates long labels with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('prepared_vehicle_orders', 10)).toBe('prepared_…');
    expect(truncate('prepared_vehicle_orders', 10)).toHaveLength(10);
  });
});
