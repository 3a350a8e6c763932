import { AthenaClient, AthenaClientConfig } from '@aws-sdk/client-athena';
import { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsHubConfig } from '../AwsHubConfig';
import { hubClientSettings } from '../hubCredentials';
import {
  ConsumerRole,
  ConsumerRoleCredentials,
  ConsumerRoleCredentialsOptions,
  consumerRoleKey,
} from './ConsumerRoleCredentials';
import { LRUCache } from 'lru-cache';

type RequestHandler = AthenaClient['config']['requestHandler'];
type S3RequestHandler = S3Client['config']['requestHandler'];

export interface AthenaClientsOptions {
  /**
   * Merged into every Athena, S3 and STS client, e.g. a request handler without keep-alive so
   * that tests end without open sockets.
   */
  extraConfig?: Partial<AthenaClientConfig>;
  credentials?: ConsumerRoleCredentialsOptions;
  /** Role sessions whose Athena client (and S3 client) is kept at once. */
  clientCapacity?: number;
}

/**
 * Athena clients (and S3 clients, for the query results) that act as a use case's consumer
 * role, never as the portal. Each role session has its own client (an SDK client has one
 * identity); all Athena clients of a hub share one connection pool, all its S3 clients
 * another, so forgetting a client costs nothing and closing the hub's pools on shutdown
 * closes them all.
 *
 * The role is assumed through the hub's STS client, which acts as the hub's portal role
 * (`dataHub.aws.hubs[].roleArn`) or the backend's own identity.
 */
export class AthenaClients {
  readonly credentials: ConsumerRoleCredentials;
  private readonly stsClients = new Map<string, STSClient>();
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly s3Handlers = new Map<string, S3RequestHandler>();
  private readonly clients: LRUCache<string, AthenaClient>;
  private readonly s3Clients: LRUCache<string, S3Client>;
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
    this.clients = new LRUCache({ max: options.clientCapacity ?? 200 });
    this.s3Clients = new LRUCache({ max: options.clientCapacity ?? 200 });
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
    const key = consumerRoleKey(role);
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

  /**
   * The S3 client acting as `role`, in the hub's region (following a bucket's own region),
   * for the query results the role's queries wrote.
   */
  s3ForRole(role: ConsumerRole): S3Client {
    const key = consumerRoleKey(role);
    let client = this.s3Clients.get(key);
    if (!client) {
      const handler = this.s3Handlers.get(role.hub.hub);
      const config: S3ClientConfig = {
        region: role.hub.region,
        endpoint: role.hub.endpoint,
        // An emulator's endpoint takes the bucket in the path, not as a host name.
        forcePathStyle: role.hub.endpoint ? true : undefined,
        followRegionRedirects: true,
        maxAttempts: role.hub.maxAttempts,
        retryMode: 'adaptive',
        ...(this.extraConfig as Record<string, unknown>),
        ...(handler ? { requestHandler: handler } : {}),
        // Only ever the consumer role: no fallback to the default credential chain.
        credentials: () => this.credentials.get(role),
      };
      client = new S3Client(config);
      if (!handler) {
        this.s3Handlers.set(role.hub.hub, client.config.requestHandler);
      }
      this.s3Clients.set(key, client);
    }
    return client;
  }

  /** Closes every connection pool. */
  destroy(): void {
    for (const handler of [
      ...this.handlers.values(),
      ...this.s3Handlers.values(),
    ]) {
      handler.destroy?.();
    }
    for (const sts of this.stsClients.values()) {
      sts.destroy();
    }
    this.handlers.clear();
    this.s3Handlers.clear();
    this.stsClients.clear();
    this.clients.clear();
    this.s3Clients.clear();
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
