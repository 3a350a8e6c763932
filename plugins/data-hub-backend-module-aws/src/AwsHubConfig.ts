import type { RootConfigService } from '@backstage/backend-plugin-api';
import { readHubsFromConfig } from '@cloud-data-hub/data-hub-common';

/** How the AWS runtime reaches one hub's account (`dataHub.aws.hubs[]`). */
export interface AwsHubConfig {
  /** Name of the hub in `dataHub.hubs`. */
  hub: string;
  /** Region of the hub's Glue Data Catalog and Lake Formation. */
  region: string;
  /** The hub's account: the Data Catalog (Lake Formation `CatalogId`) of its datasets. */
  accountId: string;
  /** Role the portal assumes in the hub's account; the backend's default credentials when absent. */
  roleArn?: string;
  externalId?: string;
  /** Athena workgroup the hub's use cases query in. */
  athenaWorkgroup?: string;
  /** S3 URI for the hub's query results; the workgroup's own setting when absent. */
  athenaOutputLocation?: string;
  /** Athena's price per TB scanned in the hub's region, overriding `dataHub.aws.athenaPricePerTbUsd`. */
  athenaPricePerTbUsd?: number;
  /** Endpoint override for every AWS call of the hub, for tests against an emulator. */
  endpoint?: string;
  /** Attempts per AWS call, retried in the SDK's adaptive mode. */
  maxAttempts: number;
}

/**
 * Reads `dataHub.aws.hubs[]`, or undefined when `dataHub.aws` is absent (the embedded default).
 * Every entry must name a hub of `dataHub.hubs`, so a typo fails the start instead of leaving
 * a hub's grants silently unmanaged.
 */
export function readAwsHubConfigs(
  config: RootConfigService,
): AwsHubConfig[] | undefined {
  const aws = config.getOptionalConfig('dataHub.aws');
  if (!aws) {
    return undefined;
  }
  const hubs = readHubsFromConfig(config);
  const entries = aws.getOptionalConfigArray('hubs') ?? [];
  const seen = new Set<string>();
  return entries.map(entry => {
    const name = entry.getString('hub');
    const hub = hubs.find(h => h.name === name);
    if (!hub) {
      throw new Error(
        `dataHub.aws.hubs: hub "${name}" is not in dataHub.hubs (${
          hubs.map(h => h.name).join(', ') || 'none configured'
        })`,
      );
    }
    if (seen.has(name)) {
      throw new Error(`dataHub.aws.hubs: hub "${name}" is configured twice`);
    }
    seen.add(name);
    return {
      hub: name,
      region: entry.getOptionalString('region') ?? hub.region,
      accountId: hub.accountId,
      roleArn: entry.getOptionalString('roleArn'),
      externalId: entry.getOptionalString('externalId'),
      athenaWorkgroup: entry.getOptionalString('athenaWorkgroup'),
      athenaOutputLocation: entry.getOptionalString('athenaOutputLocation'),
      athenaPricePerTbUsd: readPrice(
        entry.getOptionalNumber('athenaPricePerTbUsd'),
        `dataHub.aws.hubs[${name}].athenaPricePerTbUsd`,
      ),
      endpoint: entry.getOptionalString('endpoint'),
      maxAttempts: entry.getOptionalNumber('maxAttempts') ?? 8,
    };
  });
}

/** Athena's list price per TB scanned (US regions), used when config sets none. */
export const DEFAULT_ATHENA_PRICE_PER_TB_USD = 5;

function readPrice(value: number | undefined, key: string): number | undefined {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new Error(`${key} must be a number >= 0, got ${value}`);
  }
  return value;
}

/**
 * `dataHub.aws.athenaPricePerTbUsd`: what a TB scanned costs, for the cost estimate shown
 * with each query; a hub's `athenaPricePerTbUsd` overrides it (regions are priced apart).
 */
export function readAthenaPricePerTbUsd(config: RootConfigService): number {
  return (
    readPrice(
      config.getOptionalNumber('dataHub.aws.athenaPricePerTbUsd'),
      'dataHub.aws.athenaPricePerTbUsd',
    ) ?? DEFAULT_ATHENA_PRICE_PER_TB_USD
  );
}
