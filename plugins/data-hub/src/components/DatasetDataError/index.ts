export { DatasetDataError } from './DatasetDataError';
