export { DatasetQueryCard } from './DatasetQueryCard';
export type { DatasetQueryCardProps } from './DatasetQueryCard';
