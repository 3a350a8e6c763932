export { dataHubAccessApiRef } from './DataHubAccessApi';
export type {
  AccessRequestsView,
  AccessSettings,
  DataHubAccessApi,
  ListAccessRequestsOptions,
  ListAuditOptions,
  ListGrantsOptions,
  PageOptions,
} from './DataHubAccessApi';
export { DataHubAccessClient } from './DataHubAccessClient';
export { accessErrorMessage } from './accessErrorMessage';
