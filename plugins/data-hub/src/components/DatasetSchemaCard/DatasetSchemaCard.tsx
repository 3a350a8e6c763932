import {
  EmptyState,
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useDatasetEntity } from '../../hooks/useDatasetEntity';
import { DatasetSchema } from './DatasetSchema';

/** @public */
export interface DatasetSchemaCardProps {
  variant?: InfoCardVariants;
}

/**
 * The "Schema" card of a Dataset entity page: tables, columns, partition
 * keys and PII markers, with a column filter.
 *
 * @public
 */
export function DatasetSchemaCard(props: DatasetSchemaCardProps) {
  const { variant } = props;
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
    content = <DatasetSchema tables={dataset.spec.tables ?? []} />;
  }

  return (
    <InfoCard title="Schema" variant={variant}>
      {content}
    </InfoCard>
  );
}
