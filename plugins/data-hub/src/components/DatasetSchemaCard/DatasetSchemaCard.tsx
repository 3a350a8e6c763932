import { InfoCardVariants } from '@backstage/core-components';
import { DatasetCard } from '../DatasetCard';
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
  return (
    <DatasetCard title="Schema" variant={props.variant}>
      {dataset => <DatasetSchema tables={dataset.spec.tables ?? []} />}
    </DatasetCard>
  );
}
