import {
  EmptyState,
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useDatasetEntity } from '../../hooks/useDatasetEntity';
import { useHubs } from '../../hooks/useHubs';
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
  const { variant } = props;
  const { loading, error, dataset } = useDatasetEntity();
  const { hubs, error: hubsError } = useHubs();

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!dataset) {
    content = (
      <EmptyState
        missing="info"
        title="Not a Dataset"
        description="This card shows entities of kind Dataset (clouddatahub.io/v1alpha1)."
      />
    );
  } else {
    content = (
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
    );
  }

  return (
    <InfoCard title="Dataset" variant={variant}>
      {content}
    </InfoCard>
  );
}
