import { AthenaClient, AthenaClientConfig } from '@aws-sdk/client-athena';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsHubConfig } from '../AwsHubConfig';
import { hubClientSettings } from '../hubCredentials';
import {
  ConsumerRole,
  ConsumerRoleCredentials,
  ConsumerRoleCredentialsOptions,
} from './ConsumerRoleCredentials';
import { LruMap } from './LruMap';

type RequestHandler = AthenaClient['config']['requestHandler'];

export interface AthenaClientsOptions {
  /**
   * Merged into every Athena and STS client, e.g. a request handler without keep-alive so
   * that tests end without open sockets.
   */
  extraConfig?: Partial<AthenaClientConfig>;
  credentials?: ConsumerRoleCredentialsOptions;
  /** Role sessions whose Athena client is kept at once. */
  clientCapacity?: number;
}

/**
 * Athena clients that act as a use case's consumer role, never as the portal. Each role
 * session has its own client (an SDK client has one identity); all clients of a hub share
 * one connection pool, so forgetting a client costs nothing and closing the hub's pool on
 * shutdown closes them all.
 *
 * The role is assumed through the hub's STS client, which acts as the hub's portal role
 * (`dataHub.aws.hubs[].roleArn`) or the backend's own identity.
 */
export class AthenaClients {
  readonly credentials: ConsumerRoleCredentials;
  private readonly stsClients = new Map<string, STSClient>();
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly clients: LruMap<string, AthenaClient>;
  private readonly extraConfig: Partial<AthenaClientConfig>;

  constructor(
    private readonly hubs: AwsHubConfig[],
    options: AthenaClientsOptions = {},
  ) {
    this.extraConfig = options.extraConfig ?? {};
    this.credentials = new ConsumerRoleCredentials(
      hub => this.sts(hub),
      options.credentials,
    );
    this.clients = new LruMap(options.clientCapacity ?? 200);
  }

  /** The hub's settings; a use case of a hub without AWS settings cannot query Athena. */
  hubConfig(hubName: string): AwsHubConfig {
    const hub = this.hubs.find(h => h.hub === hubName);
    if (!hub) {
      throw new Error(
        `Hub "${hubName}" has no AWS settings: add it to dataHub.aws.hubs to query its use cases' data with Athena (configured: ${
          this.hubs.map(h => h.hub).join(', ') || 'none'
        })`,
      );
    }
    return hub;
  }

  /** The Athena client acting as `role`, in the hub's region. */
  forRole(role: ConsumerRole): AthenaClient {
    const key = `${role.hub.hub}\u0000${role.roleArn}\u0000${role.sessionName}`;
    let client = this.clients.get(key);
    if (!client) {
      const handler = this.handlers.get(role.hub.hub);
      client = new AthenaClient({
        region: role.hub.region,
        endpoint: role.hub.endpoint,
        maxAttempts: role.hub.maxAttempts,
        retryMode: 'adaptive',
        ...this.extraConfig,
        ...(handler ? { requestHandler: handler } : {}),
        // Only ever the consumer role: no fallback to the default credential chain.
        credentials: () => this.credentials.get(role),
      });
      if (!handler) {
        this.handlers.set(role.hub.hub, client.config.requestHandler);
      }
      this.clients.set(key, client);
    }
    return client;
  }

  /** Closes every connection pool. */
  destroy(): void {
    for (const handler of this.handlers.values()) {
      handler.destroy?.();
    }
    for (const sts of this.stsClients.values()) {
      sts.destroy();
    }
    this.handlers.clear();
    this.stsClients.clear();
    this.clients.clear();
  }

  private sts(hub: AwsHubConfig): STSClient {
    let client = this.stsClients.get(hub.hub);
    if (!client) {
      client = new STSClient({
        ...hubClientSettings(
          hub,
          hub.region,
          'cloud-data-hub-athena',
          this.extraConfig as Record<string, unknown>,
        ),
        ...(this.extraConfig as Record<string, unknown>),
      });
      this.stsClients.set(hub.hub, client);
    }
    return client;
  }
}
