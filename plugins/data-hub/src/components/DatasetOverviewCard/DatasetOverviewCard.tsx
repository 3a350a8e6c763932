import { InfoCardVariants, WarningPanel } from '@backstage/core-components';
import { useHubs } from '../../hooks/useHubs';
import { DatasetCard } from '../DatasetCard';
import { DatasetOverviewContent } from './DatasetOverviewContent';

/** @public */
export interface DatasetOverviewCardProps {
  variant?: InfoCardVariants;
}

/**
 * The "Dataset" card of a Dataset entity page: hub, layer, business object,
 * owner, classification, storage, freshness, size and lineage.
 *
 * @public
 */
export function DatasetOverviewCard(props: DatasetOverviewCardProps) {
  const { hubs, error: hubsError } = useHubs();
  return (
    <DatasetCard title="Dataset" variant={props.variant}>
      {dataset => (
        <>
          {hubsError && (
            <WarningPanel
              title="Hub configuration could not be read"
              message={hubsError.message}
            />
          )}
          <DatasetOverviewContent
            dataset={dataset}
            hubs={hubs}
            now={new Date(Date.now())}
          />
        </>
      )}
    </DatasetCard>
  );
}
