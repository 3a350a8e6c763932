export { DatasetHealthCard } from './DatasetHealthCard';
export type { DatasetHealthCardProps } from './DatasetHealthCard';
