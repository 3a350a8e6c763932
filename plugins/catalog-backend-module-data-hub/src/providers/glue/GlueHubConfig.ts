import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { Hub } from '@cloud-data-hub/data-hub-common';

/** How the Glue provider reads one hub's Data Catalog. */
export interface GlueHubConfig {
  hub: Hub;
  region: string;
  /** Role to assume for reading the hub's catalog; default credentials when absent. */
  roleArn?: string;
  externalId?: string;
  /** Endpoint override, for tests against a local emulator. */
  endpoint?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How many databases are read at once. */
  concurrency: number;
  /** Tables of an unchanged database are re-read in full at least this often. */
  fullRefreshHours: number;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 15 },
};

/** Reads `catalog.providers.dataHubGlue[]`; every entry must name a hub of `dataHub.hubs`. */
export function readGlueHubConfigs(
  config: Config,
  hubs: Hub[],
): GlueHubConfig[] {
  const entries =
    config.getOptionalConfigArray('catalog.providers.dataHubGlue') ?? [];
  return entries.map(entry => {
    const name = entry.getString('hub');
    const hub = hubs.find(h => h.name === name);
    if (!hub) {
      throw new Error(
        `catalog.providers.dataHubGlue: hub "${name}" is not in dataHub.hubs (${hubs
          .map(h => h.name)
          .join(', ')})`,
      );
    }
    return {
      hub,
      region: entry.getOptionalString('region') ?? hub.region,
      roleArn: entry.getOptionalString('roleArn'),
      externalId: entry.getOptionalString('externalId'),
      endpoint: entry.getOptionalString('endpoint'),
      schedule: entry.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            entry.getConfig('schedule'),
          )
        : DEFAULT_SCHEDULE,
      concurrency: entry.getOptionalNumber('concurrency') ?? 8,
      fullRefreshHours: entry.getOptionalNumber('fullRefreshHours') ?? 6,
    };
  });
}
