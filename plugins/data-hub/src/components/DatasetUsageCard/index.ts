export { DatasetUsageCard } from './DatasetUsageCard';
export type { DatasetUsageCardProps } from './DatasetUsageCard';
