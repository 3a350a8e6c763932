import type { InfoCardVariants } from '@backstage/core-components';
import type { LineageDirection } from '@cloud-data-hub/data-hub-common';
import { DatasetCard } from '../DatasetCard';
import { DatasetLineage } from './DatasetLineage';
import { LINEAGE_DEPTHS } from './LineageControls';

/** @public */
export interface DatasetLineageCardProps {
  variant?: InfoCardVariants;
  /** Dataset hops the graph first walks (1–5); 2 shows the datasets around the neighbours. */
  defaultDepth?: number;
  /** Which way the graph first walks; both by default. */
  defaultDirection?: LineageDirection;
}

/** A depth the depth control offers. */
function clampDepth(depth: number): number {
  const min = LINEAGE_DEPTHS[0];
  const max = LINEAGE_DEPTHS[LINEAGE_DEPTHS.length - 1];
  return Math.min(max, Math.max(min, Math.round(depth) || min));
}

/**
 * The "Lineage" card of a Dataset entity page: the datasets and jobs upstream
 * and downstream as a graph and as lists of links, and the input columns of
 * each column.
 *
 * @public
 */
export function DatasetLineageCard(props: DatasetLineageCardProps) {
  const { variant, defaultDepth = 2, defaultDirection = 'both' } = props;
  return (
    <DatasetCard title="Lineage" variant={variant}>
      {dataset => (
        <DatasetLineage
          dataset={dataset}
          defaultDepth={clampDepth(defaultDepth)}
          defaultDirection={defaultDirection}
        />
      )}
    </DatasetCard>
  );
}
