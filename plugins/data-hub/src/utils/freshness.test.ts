import { sampleDataset } from '../testing/sampleDataset';
import { ANNOTATION_LAST_UPDATED } from '@cloud-data-hub/data-hub-common';
import { getDatasetFreshness } from './freshness';

const now = new Date('2024-05-10T12:00:00Z');

function withLastUpdated(value: string | undefined, maxAgeHours?: number) {
  const entity = sampleDataset();
  entity.metadata.annotations = value
    ? { [ANNOTATION_LAST_UPDATED]: value }
    : {};
  entity.spec.freshness =
    maxAgeHours === undefined ? undefined : { maxAgeHours };
  return entity;
}

describe('getDatasetFreshness', () => {
  it('is fresh within the max age', () => {
    const result = getDatasetFreshness(
      withLastUpdated('2024-05-10T06:00:00Z', 24),
      now,
    );
    expect(result.status).toBe('fresh');
    expect(result.ageHours).toBe(6);
    expect(result.maxAgeHours).toBe(24);
  });

  it('is stale when older than the max age', () => {
    const result = getDatasetFreshness(
      withLastUpdated('2024-05-08T12:00:00Z', 24),
      now,
    );
    expect(result.status).toBe('stale');
    expect(result.ageHours).toBe(48);
  });

  it('is unknown without a timestamp, with a bad one, or without a target', () => {
    expect(
      getDatasetFreshness(withLastUpdated(undefined, 24), now).status,
    ).toBe('unknown');
    const bad = getDatasetFreshness(withLastUpdated('yesterday-ish', 24), now);
    expect(bad.status).toBe('unknown');
    expect(bad.lastUpdated).toBeUndefined();
    expect(
      getDatasetFreshness(withLastUpdated('2024-05-10T06:00:00Z'), now).status,
    ).toBe('unknown');
  });
});
