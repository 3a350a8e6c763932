export { DatasetAccessCard } from './DatasetAccessCard';
export type { DatasetAccessCardProps } from './DatasetAccessCard';
