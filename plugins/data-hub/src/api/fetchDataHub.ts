import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';

/** `?a=1&b=x` from the defined, non-empty values only; `''` when none is. */
export function queryString(
  params: Record<string, string | number | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Calls a data hub backend route through `fetchApi` (so with the signed-in
 * user's token) and returns the response; a failed one is thrown as the
 * error `toError` makes of it, each client keeping its own error type.
 */
export async function fetchDataHub(
  apis: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  path: string,
  toError: (response: Response) => Promise<Error>,
  init?: RequestInit,
): Promise<Response> {
  const baseUrl = await apis.discoveryApi.getBaseUrl('data-hub');
  const response = await apis.fetchApi.fetch(`${baseUrl}${path}`, init);
  if (!response.ok) {
    throw await toError(response);
  }
  return response;
}
