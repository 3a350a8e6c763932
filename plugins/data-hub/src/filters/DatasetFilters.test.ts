import { sampleDataset } from '../testing/sampleDataset';
import { DatasetHubFilter } from './DatasetHubFilter';
import { DatasetLayerFilter } from './DatasetLayerFilter';

describe('DatasetHubFilter', () => {
  it('filters on spec.hub in the catalog backend', () => {
    expect(new DatasetHubFilter(['us']).getCatalogFilters()).toEqual({
      'spec.hub': ['us'],
    });
    expect(new DatasetHubFilter(['us', 'eu']).getCatalogFilters()).toEqual({
      'spec.hub': ['us', 'eu'],
    });
  });

  it('offers the same constraint as a predicate query', () => {
    expect(new DatasetHubFilter(['us']).getCatalogQuery()).toEqual({
      'spec.hub': 'us',
    });
    expect(new DatasetHubFilter(['us', 'eu']).getCatalogQuery()).toEqual({
      'spec.hub': { $in: ['us', 'eu'] },
    });
    expect(new DatasetHubFilter([]).getCatalogQuery()).toEqual({ $any: [] });
  });

  it('serializes to the URL as filters[hub]', () => {
    expect(new DatasetHubFilter(['us']).toQueryValue()).toEqual(['us']);
    expect(new DatasetHubFilter(['us', 'eu']).toQueryValue()).toEqual([
      'us',
      'eu',
    ]);
  });

  it('matches entities by hub', () => {
    const entity = sampleDataset();
    expect(new DatasetHubFilter(['us']).filterEntity(entity)).toBe(true);
    expect(new DatasetHubFilter(['eu', 'us']).filterEntity(entity)).toBe(true);
    expect(new DatasetHubFilter(['eu']).filterEntity(entity)).toBe(false);
    expect(
      new DatasetHubFilter(['us']).filterEntity({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'c' },
      }),
    ).toBe(false);
  });
});

describe('DatasetLayerFilter', () => {
  it('filters on spec.layer in the catalog backend', () => {
    expect(new DatasetLayerFilter(['prepared']).getCatalogFilters()).toEqual({
      'spec.layer': ['prepared'],
    });
    expect(
      new DatasetLayerFilter(['source', 'semantic']).getCatalogQuery(),
    ).toEqual({ 'spec.layer': { $in: ['source', 'semantic'] } });
  });

  it('serializes to the URL as filters[layer]', () => {
    expect(new DatasetLayerFilter(['prepared']).toQueryValue()).toEqual([
      'prepared',
    ]);
  });

  it('matches entities by layer', () => {
    const entity = sampleDataset();
    expect(new DatasetLayerFilter(['prepared']).filterEntity(entity)).toBe(
      true,
    );
    expect(new DatasetLayerFilter(['source']).filterEntity(entity)).toBe(false);
  });
});
