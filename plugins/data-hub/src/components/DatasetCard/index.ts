export { DatasetCard } from './DatasetCard';
