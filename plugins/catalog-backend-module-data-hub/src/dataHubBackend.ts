import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** What a call to the data-hub backend needs; `fetch` is replaceable in tests. */
export interface DataHubBackendDeps {
  discovery: DiscoveryService;
  auth: AuthService;
  fetch?: typeof fetch;
}

/**
 * GETs a route of the data-hub backend as the catalog plugin (a service token
 * for `data-hub`, so it works when the two plugins are deployed apart) and
 * returns the parsed JSON body; a non-2xx answer throws a `ResponseError`.
 */
export async function getFromDataHub(
  deps: DataHubBackendDeps,
  path: string,
  options: { timeoutMillis?: number } = {},
): Promise<unknown> {
  const { discovery, auth } = deps;
  const doFetch = deps.fetch ?? fetch;
  const baseUrl = await discovery.getBaseUrl('data-hub');
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await auth.getOwnServiceCredentials(),
    targetPluginId: 'data-hub',
  });
  const response = await doFetch(`${baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: options.timeoutMillis
      ? AbortSignal.timeout(options.timeoutMillis)
      : undefined,
  });
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  return response.json();
}
