export { FreshnessStatus } from './FreshnessStatus';
