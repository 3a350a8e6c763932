import { buildHubLayerMatrix } from './hubLayerMatrix';
import { sampleOverview } from './overviewFixtures';

describe('buildHubLayerMatrix', () => {
  it('fills a row per hub and a column per layer, with zeros and totals', () => {
    const matrix = buildHubLayerMatrix(sampleOverview().datasetsPerHubAndLayer);
    expect(matrix.layers).toEqual(['source', 'prepared', 'semantic']);
    expect(matrix.rows).toEqual([
      {
        hub: 'cn',
        label: 'cn',
        counts: { source: 2, prepared: 1, semantic: 0 },
        total: 3,
      },
      {
        hub: 'us',
        label: 'us',
        counts: { source: 2, prepared: 3, semantic: 1 },
        total: 6,
      },
    ]);
    expect(matrix.layerTotals).toEqual({ source: 4, prepared: 4, semantic: 1 });
    expect(matrix.total).toBe(9);
  });

  it('puts configured hubs first, in config order and titled, even without datasets', () => {
    const matrix = buildHubLayerMatrix(
      [
        { hub: 'cn', layer: 'source', datasets: 1 },
        { hub: 'legacy', layer: 'source', datasets: 1 },
        { hub: 'us', layer: 'source', datasets: 2 },
      ],
      [
        { name: 'us', title: 'United States' },
        { name: 'global', title: 'Global' },
        { name: 'cn', title: 'cn' },
      ],
    );
    expect(matrix.rows.map(r => [r.hub, r.label, r.total])).toEqual([
      ['us', 'United States (us)', 2],
      ['global', 'Global (global)', 0],
      // A title equal to the name is not repeated.
      ['cn', 'cn', 1],
      // Hubs the config does not know still count.
      ['legacy', 'legacy', 1],
    ]);
    expect(matrix.total).toBe(4);
  });

  it('keeps a layer it does not know as an extra column, so totals add up', () => {
    const matrix = buildHubLayerMatrix([
      { hub: 'us', layer: 'source', datasets: 1 },
      { hub: 'us', layer: 'sandbox', datasets: 2 },
    ]);
    expect(matrix.layers).toEqual([
      'source',
      'prepared',
      'semantic',
      'sandbox',
    ]);
    expect(matrix.rows[0].counts.sandbox).toBe(2);
    expect(matrix.rows[0].total).toBe(3);
    expect(matrix.layerTotals.sandbox).toBe(2);
  });

  it('is empty without datasets or hubs', () => {
    expect(buildHubLayerMatrix([])).toEqual({
      layers: ['source', 'prepared', 'semantic'],
      rows: [],
      layerTotals: { source: 0, prepared: 0, semantic: 0 },
      total: 0,
    });
  });
});
