import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AccessAuditEvent,
  AccessGrant,
  AccessRequest,
  CreateAccessRequestBody,
  Page,
  RequestableUseCase,
} from '@cloud-data-hub/data-hub-common';
import type {
  AccessSettings,
  DataHubAccessApi,
  ListAccessRequestsOptions,
  ListAuditOptions,
  ListGrantsOptions,
} from './DataHubAccessApi';
import { fetchDataHub, queryString } from './fetchDataHub';

/**
 * The {@link DataHubAccessApi} over the data hub backend's REST routes.
 * Calls go through `fetchApi`, so they carry the signed-in user's Backstage
 * token: the backend decides as that person (membership, ownership, four eyes).
 *
 * @public
 */
export class DataHubAccessClient implements DataHubAccessApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    // ResponseError keeps the backend's `{ error: { name, message } }` as its cause.
    const response = await fetchDataHub(
      { discoveryApi: this.discoveryApi, fetchApi: this.fetchApi },
      path,
      ResponseError.fromResponse,
      init,
    );
    return (await response.json()) as T;
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  getSettings(): Promise<AccessSettings> {
    return this.request('/access/settings');
  }

  async getRequestableUseCases(
    datasetRef: string,
  ): Promise<RequestableUseCase[]> {
    const { items } = await this.request<{ items: RequestableUseCase[] }>(
      `/access/use-cases${queryString({ datasetRef })}`,
    );
    return items;
  }

  createRequest(body: CreateAccessRequestBody): Promise<AccessRequest> {
    return this.post('/access-requests', body);
  }

  listRequests(
    options: ListAccessRequestsOptions,
  ): Promise<Page<AccessRequest>> {
    return this.request(
      `/access-requests${queryString({
        view: options.view,
        state: options.states?.join(','),
        datasetRef: options.datasetRef,
        useCaseRef: options.useCaseRef,
        limit: options.limit,
        offset: options.offset,
      })}`,
    );
  }

  getRequest(id: string): Promise<AccessRequest> {
    return this.request(`/access-requests/${encodeURIComponent(id)}`);
  }

  approveRequest(id: string, comment?: string): Promise<AccessRequest> {
    return this.post(
      `/access-requests/${encodeURIComponent(id)}/approve`,
      comment?.trim() ? { comment: comment.trim() } : {},
    );
  }

  rejectRequest(id: string, comment: string): Promise<AccessRequest> {
    return this.post(`/access-requests/${encodeURIComponent(id)}/reject`, {
      comment: comment.trim(),
    });
  }

  withdrawRequest(id: string): Promise<AccessRequest> {
    return this.post(`/access-requests/${encodeURIComponent(id)}/withdraw`, {});
  }

  listGrants(options: ListGrantsOptions): Promise<Page<AccessGrant>> {
    return this.request(
      `/grants${queryString({
        datasetRef: options.datasetRef,
        useCaseRef: options.useCaseRef,
        state: options.states?.join(','),
        limit: options.limit,
        offset: options.offset,
      })}`,
    );
  }

  revokeGrant(id: string, comment?: string): Promise<AccessGrant> {
    return this.post(
      `/grants/${encodeURIComponent(id)}/revoke`,
      comment?.trim() ? { comment: comment.trim() } : {},
    );
  }

  listAudit(options: ListAuditOptions): Promise<Page<AccessAuditEvent>> {
    return this.request(
      `/audit${queryString({
        datasetRef: options.datasetRef,
        useCaseRef: options.useCaseRef,
        requestId: options.requestId,
        limit: options.limit,
        offset: options.offset,
      })}`,
    );
  }
}
