import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsHubConfig } from './AwsHubConfig';

/** Settings shared by every AWS client of a hub (Lake Formation, and later Athena and Glue). */
export interface HubClientSettings {
  region: string;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'adaptive';
  credentials?: ReturnType<typeof fromTemporaryCredentials>;
}

/**
 * Region, endpoint, retries and credentials for a hub's clients. With a `roleArn` the clients
 * act as that role (AssumeRole with the hub's external id, refreshed before it expires);
 * without, as the backend's default credentials. Adaptive retries back off on throttling
 * instead of failing a grant or a query.
 *
 * `extraConfig` is merged into the STS client of the role assumption as well, so that a test's
 * request handler (e.g. one without keep-alive) also covers that client.
 */
export function hubClientSettings(
  hub: AwsHubConfig,
  region: string,
  sessionName: string,
  extraConfig: Record<string, unknown> = {},
): HubClientSettings {
  return {
    region,
    endpoint: hub.endpoint,
    maxAttempts: hub.maxAttempts,
    retryMode: 'adaptive',
    credentials: hub.roleArn
      ? fromTemporaryCredentials({
          params: {
            RoleArn: hub.roleArn,
            ExternalId: hub.externalId,
            RoleSessionName: sessionName,
          },
          // The role lives in the hub's account; its STS endpoint is the hub's too (an
          // emulator in tests), so the assumption works where the hub's other calls work.
          clientConfig: {
            region,
            endpoint: hub.endpoint,
            maxAttempts: hub.maxAttempts,
            retryMode: 'adaptive',
            ...extraConfig,
          },
        })
      : undefined,
  };
}
