import { DATASET_LAYERS } from '@cloud-data-hub/data-hub-common';

/** One hub's row of the matrix. */
export interface HubLayerRow {
  hub: string;
  /** What people call the hub, e.g. `US (us)`; the name alone when it has no other title. */
  label: string;
  /** Datasets per layer, one entry per column (0 where there are none). */
  counts: Record<string, number>;
  total: number;
}

/** Datasets per hub (rows) and layer (columns), with totals. */
export interface HubLayerMatrix {
  /** The columns: the known layers in flow order, then any other the backend reported. */
  layers: string[];
  rows: HubLayerRow[];
  /** Datasets per layer over all hubs. */
  layerTotals: Record<string, number>;
  total: number;
}

/**
 * Turns the backend's sparse `(hub, layer, datasets)` list into a full
 * matrix. Hubs of the config come first and in its order (the order the
 * platform team chose, usually by importance), even those without any
 * dataset yet: an empty hub is worth seeing. Hubs only the catalog knows
 * follow, by name. Layers are source → prepared → semantic, the way data
 * flows; a layer outside that list (a catalog newer than this page) is
 * appended rather than dropped, so the totals still add up.
 */
export function buildHubLayerMatrix(
  entries: ReadonlyArray<{ hub: string; layer: string; datasets: number }>,
  configuredHubs: ReadonlyArray<{ name: string; title: string }> = [],
): HubLayerMatrix {
  const known = new Set<string>(DATASET_LAYERS);
  const extraLayers = [
    ...new Set(entries.map(e => e.layer).filter(l => !known.has(l))),
  ].sort((a, b) => a.localeCompare(b));
  const layers = [...DATASET_LAYERS, ...extraLayers];

  const titles = new Map(configuredHubs.map(h => [h.name, h.title]));
  const hubNames = [
    ...configuredHubs.map(h => h.name),
    ...[...new Set(entries.map(e => e.hub))]
      .filter(hub => !titles.has(hub))
      .sort((a, b) => a.localeCompare(b)),
  ];
  const emptyCounts = () =>
    Object.fromEntries(layers.map(layer => [layer, 0])) as Record<
      string,
      number
    >;

  const rows = new Map<string, HubLayerRow>(
    [...new Set(hubNames)].map(hub => {
      const title = titles.get(hub);
      return [
        hub,
        {
          hub,
          label: title && title !== hub ? `${title} (${hub})` : hub,
          counts: emptyCounts(),
          total: 0,
        },
      ];
    }),
  );
  const layerTotals = emptyCounts();
  let total = 0;
  for (const { hub, layer, datasets } of entries) {
    const row = rows.get(hub)!;
    // The backend sends one entry per pair, but adding keeps a repeated pair counted.
    row.counts[layer] += datasets;
    row.total += datasets;
    layerTotals[layer] += datasets;
    total += datasets;
  }
  return { layers, rows: [...rows.values()], layerTotals, total };
}
