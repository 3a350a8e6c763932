import { DATASET_LAYERS } from '@cloud-data-hub/data-hub-common';
import { DatasetLayerFilter } from './DatasetLayerFilter';
import { DatasetSpecPicker } from './DatasetSpecPicker';

const LAYER_OPTIONS = DATASET_LAYERS.map(layer => ({
  value: layer,
  label: layer.charAt(0).toLocaleUpperCase('en-US') + layer.slice(1),
}));

/**
 * Catalog list picker "Layer" for Dataset entities (source, prepared,
 * semantic). Shown only while the kind filter is Dataset.
 *
 * @public
 */
export function DatasetLayerPicker() {
  return (
    <DatasetSpecPicker
      name="layer"
      label="Layer"
      options={LAYER_OPTIONS}
      Filter={DatasetLayerFilter}
    />
  );
}
