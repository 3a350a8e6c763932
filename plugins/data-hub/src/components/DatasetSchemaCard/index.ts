export { DatasetSchemaCard } from './DatasetSchemaCard';
export type { DatasetSchemaCardProps } from './DatasetSchemaCard';
