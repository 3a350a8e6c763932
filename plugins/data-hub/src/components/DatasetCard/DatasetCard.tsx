import { ReactNode } from 'react';
import {
  EmptyState,
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { DatasetEntityV1alpha1 } from '@cloud-data-hub/data-hub-common';
import { useDatasetEntity } from '../../hooks/useDatasetEntity';

/**
 * The frame every Dataset entity card shares: the card itself, and the loading,
 * error and "not a Dataset" states, so each card only renders its dataset.
 */
export function DatasetCard(props: {
  title: string;
  variant?: InfoCardVariants;
  children: (dataset: DatasetEntityV1alpha1) => ReactNode;
}) {
  const { title, variant, children } = props;
  const { loading, error, dataset } = useDatasetEntity();

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
    content = children(dataset);
  }

  return (
    <InfoCard title={title} variant={variant}>
      {content}
    </InfoCard>
  );
}
