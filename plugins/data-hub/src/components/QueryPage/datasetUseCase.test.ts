import {
  GLOBAL_USE_CASE,
  sampleUseCases,
  US_USE_CASE,
} from '../../testing/queryFixtures';
import { normalizeDatasetRef, preferredUseCase } from './datasetUseCase';

describe('normalizeDatasetRef', () => {
  it('reads every form of a dataset ref a link may carry', () => {
    const ref = 'dataset:default/us-sales-orders-source';
    expect(normalizeDatasetRef(ref)).toBe(ref);
    expect(
      normalizeDatasetRef(' Dataset:default/US-Sales-Orders-Source '),
    ).toBe(ref);
    expect(normalizeDatasetRef('default/us-sales-orders-source')).toBe(ref);
    expect(normalizeDatasetRef('us-sales-orders-source')).toBe(ref);
    expect(normalizeDatasetRef('dataset:fleet/trips')).toBe(
      'dataset:fleet/trips',
    );
  });

  it('is undefined for no ref at all, or one of another kind', () => {
    expect(normalizeDatasetRef(undefined)).toBeUndefined();
    expect(normalizeDatasetRef(null)).toBeUndefined();
    expect(normalizeDatasetRef('  ')).toBeUndefined();
    expect(normalizeDatasetRef('a:b:c/d/e')).toBeUndefined();
    expect(normalizeDatasetRef('component:default/x')).toBeUndefined();
  });
});

describe('preferredUseCase', () => {
  const [us, global] = sampleUseCases();

  it('prefers the one picked last, else the first by title', () => {
    expect(preferredUseCase([us, global], US_USE_CASE)).toBe(us);
    expect(preferredUseCase([us, global], 'global-fleet-insights')).toBe(
      global,
    );
    // Global fleet insights comes before US marketing 360.
    expect(preferredUseCase([us, global], undefined)?.useCaseRef).toBe(
      GLOBAL_USE_CASE,
    );
    // The last pick may not read the dataset: not among those that may.
    expect(preferredUseCase([us], GLOBAL_USE_CASE)).toBe(us);
  });

  it('is undefined when none may read the dataset', () => {
    expect(preferredUseCase([], US_USE_CASE)).toBeUndefined();
  });
});
