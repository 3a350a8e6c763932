export { DatasetOverviewCard } from './DatasetOverviewCard';
export type { DatasetOverviewCardProps } from './DatasetOverviewCard';
