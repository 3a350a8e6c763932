import { useMemo } from 'react';
import { useHubs } from '../hooks/useHubs';
import { DatasetHubFilter } from './DatasetHubFilter';
import { DatasetSpecPicker } from './DatasetSpecPicker';

/**
 * Catalog list picker "Hub" for Dataset entities; its options are the hubs
 * of `dataHub.hubs`. Shown only while the kind filter is Dataset.
 *
 * @public
 */
export function DatasetHubPicker() {
  const { hubs } = useHubs();
  const options = useMemo(
    () =>
      hubs.map(hub => ({
        value: hub.name,
        label: hub.title === hub.name ? hub.name : `${hub.title} (${hub.name})`,
      })),
    [hubs],
  );
  return (
    <DatasetSpecPicker
      name="hub"
      label="Hub"
      options={options}
      Filter={DatasetHubFilter}
    />
  );
}
