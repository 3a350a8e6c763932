export { DatasetHealthChip } from './DatasetHealthChip';
export type { DatasetHealthChipProps } from './DatasetHealthChip';
export { DatasetHealthStatusForEntity } from './DatasetHealthStatusForEntity';
export type { DatasetHealthStatusForEntityProps } from './DatasetHealthStatusForEntity';
export { createDatasetHealthColumn } from './createDatasetHealthColumn';
