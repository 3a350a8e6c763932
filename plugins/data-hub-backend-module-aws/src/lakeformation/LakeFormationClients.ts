import {
  LakeFormationClient,
  LakeFormationClientConfig,
} from '@aws-sdk/client-lakeformation';
import type { AwsHubConfig } from '../AwsHubConfig';
import { hubClientSettings } from '../hubCredentials';

/** A hub's Lake Formation client and the Data Catalog it manages. */
export interface HubLakeFormation {
  hub: AwsHubConfig;
  client: LakeFormationClient;
  region: string;
}

/**
 * One Lake Formation client per hub and region, created on first use from
 * `dataHub.aws.hubs[]`. Clients are kept because each holds its assumed-role credentials
 * and connection pool; `destroy` closes them on shutdown.
 */
export class LakeFormationClients {
  private readonly clients = new Map<string, HubLakeFormation>();

  /**
   * @param extraConfig - merged into every client (and its STS client), e.g. a request handler
   *   without keep-alive so tests end without open sockets.
   */
  constructor(
    private readonly hubs: AwsHubConfig[],
    private readonly extraConfig: Partial<LakeFormationClientConfig> = {},
  ) {}

  /** The hub's settings; a dataset of a hub without AWS settings cannot be granted. */
  hubConfig(hubName: string): AwsHubConfig {
    const hub = this.hubs.find(h => h.hub === hubName);
    if (!hub) {
      throw new Error(
        `Hub "${hubName}" has no Lake Formation settings: add it to dataHub.aws.hubs (configured: ${
          this.hubs.map(h => h.hub).join(', ') || 'none'
        })`,
      );
    }
    return hub;
  }

  /**
   * The client for a hub, in `region` when the dataset lives outside the hub's default
   * region (Lake Formation permissions are regional, like the Glue catalog they guard).
   */
  forHub(hubName: string, region?: string): HubLakeFormation {
    const hub = this.hubConfig(hubName);
    const effectiveRegion = region ?? hub.region;
    const key = `${hub.hub}\u0000${effectiveRegion}`;
    let entry = this.clients.get(key);
    if (!entry) {
      entry = {
        hub,
        region: effectiveRegion,
        client: new LakeFormationClient({
          ...hubClientSettings(
            hub,
            effectiveRegion,
            'cloud-data-hub-lake-formation',
            this.extraConfig as Record<string, unknown>,
          ),
          ...this.extraConfig,
        }),
      };
      this.clients.set(key, entry);
    }
    return entry;
  }

  /** Closes every client's connections. */
  destroy(): void {
    for (const { client } of this.clients.values()) {
      client.destroy();
    }
    this.clients.clear();
  }
}
