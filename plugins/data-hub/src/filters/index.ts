export { DatasetSpecFilter } from './DatasetSpecFilter';
export { DatasetHubFilter } from './DatasetHubFilter';
export { DatasetLayerFilter } from './DatasetLayerFilter';
export { DatasetHubPicker } from './DatasetHubPicker';
export { DatasetLayerPicker } from './DatasetLayerPicker';
export type { DatasetEntityFilters } from './types';
