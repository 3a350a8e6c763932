import {
  DATASET_LAYERS,
  DATASET_SEARCH_HUB_KEY_FIELD,
  datasetSearchHubKey,
} from '@cloud-data-hub/data-hub-common';
import { SearchFilter } from '@backstage/plugin-search-react';
import { useMemo } from 'react';
import { useHubs } from '../hooks/useHubs';

/** Props of the search page's filter components. @public */
export interface DatasetSearchFilterProps {
  className?: string;
}

const LAYER_VALUES = DATASET_LAYERS.map(layer => ({
  value: layer,
  label: layer.charAt(0).toLocaleUpperCase('en-US') + layer.slice(1),
}));

/**
 * Search filter "Hub": keeps the datasets of one hub of `dataHub.hubs`
 * (search field `hubKey`, see DATASET_SEARCH_HUB_KEY_FIELD). Results of other types have no hub, so a chosen hub
 * also narrows the results to datasets.
 *
 * @public
 */
export function DatasetHubSearchFilter(props: DatasetSearchFilterProps) {
  const { hubs } = useHubs();
  const values = useMemo(
    () =>
      hubs.map(hub => ({
        value: datasetSearchHubKey(hub.name),
        label: hub.title === hub.name ? hub.name : `${hub.title} (${hub.name})`,
      })),
    [hubs],
  );
  return (
    <SearchFilter.Select
      className={props.className}
      label="Hub"
      name={DATASET_SEARCH_HUB_KEY_FIELD}
      values={values}
    />
  );
}

/**
 * Search filter "Layer": source, prepared or semantic datasets (search field
 * `layer`).
 *
 * @public
 */
export function DatasetLayerSearchFilter(props: DatasetSearchFilterProps) {
  return (
    <SearchFilter.Select
      className={props.className}
      label="Layer"
      name="layer"
      values={LAYER_VALUES}
    />
  );
}
