export { DatasetLineageCard } from './DatasetLineageCard';
export type { DatasetLineageCardProps } from './DatasetLineageCard';
