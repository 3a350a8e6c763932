import { datasetName, sortUnhealthy } from './unhealthyDatasets';
import { failingDataset, staleDataset } from './overviewFixtures';

describe('sortUnhealthy', () => {
  it('lists failing datasets before stale ones', () => {
    const sorted = sortUnhealthy([staleDataset(), failingDataset()]);
    expect(sorted.map(d => d.status)).toEqual(['failing', 'stale']);
  });

  it('lists the longest unwritten first, never-written before all, then by name', () => {
    const older = {
      ...staleDataset(),
      entityRef: 'dataset:default/older',
      title: 'Older',
      lastSuccessfulWrite: {
        at: '2024-05-01T00:00:00Z',
        source: 'storage' as const,
      },
    };
    const never = {
      ...staleDataset(),
      entityRef: 'dataset:default/never',
      title: 'Never written',
      lastSuccessfulWrite: undefined,
    };
    const alsoNever = { ...never, entityRef: 'dataset:default/a', title: 'A' };
    const sorted = sortUnhealthy([staleDataset(), older, never, alsoNever]);
    expect(sorted.map(d => d.title)).toEqual([
      'A',
      'Never written',
      'Older',
      'US customer profiles',
    ]);
  });

  it('does not reorder the list it is given', () => {
    const list = [staleDataset(), failingDataset()];
    sortUnhealthy(list);
    expect(list[0].status).toBe('stale');
  });
});

describe('datasetName', () => {
  it('is the title, else the entity ref', () => {
    expect(datasetName({ entityRef: 'dataset:default/x', title: 'X' })).toBe(
      'X',
    );
    expect(datasetName({ entityRef: 'dataset:default/x' })).toBe(
      'dataset:default/x',
    );
  });
});
