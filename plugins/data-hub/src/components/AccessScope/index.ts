export { AccessScope } from './AccessScope';
export { scopeHeadline, summarizeScope } from './scopeSummary';
