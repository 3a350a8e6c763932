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
export { dataHubLineageApiRef } from './DataHubLineageApi';
export type {
  DataHubLineageApi,
  LineageGraphOptions,
} from './DataHubLineageApi';
export { DataHubLineageClient } from './DataHubLineageClient';
