import type { Config } from '@backstage/config';

/**
 * A hub: one market / legal entity with its own account, region and processes.
 *
 * @public
 */
export interface Hub {
  name: string;
  title: string;
  region: string;
  accountId: string;
  /** Hubs whose datasets this hub's use cases may consume (normally including itself). */
  consumesFrom: string[];
}

/**
 * Reads `dataHub.hubs`; rejects unknown `consumesFrom` names so a typo never widens access silently.
 *
 * @public
 */
export function readHubsFromConfig(config: Config): Hub[] {
  const hubs = (config.getOptionalConfigArray('dataHub.hubs') ?? []).map(c => ({
    name: c.getString('name'),
    title: c.getOptionalString('title') ?? c.getString('name'),
    region: c.getString('region'),
    accountId: c.getString('accountId'),
    consumesFrom: c.getOptionalStringArray('consumesFrom') ?? [
      c.getString('name'),
    ],
  }));
  const names = new Set(hubs.map(h => h.name));
  if (names.size !== hubs.length) {
    throw new Error('dataHub.hubs: hub names must be unique');
  }
  for (const hub of hubs) {
    for (const other of hub.consumesFrom) {
      if (!names.has(other)) {
        throw new Error(
          `dataHub.hubs: hub "${
            hub.name
          }" consumesFrom unknown hub "${other}"; known hubs: ${[...names].join(
            ', ',
          )}`,
        );
      }
    }
  }
  return hubs;
}

/**
 * May use cases of `consumerHub` be granted datasets of `datasetHub`? (docs/architecture.md, invariant 3)
 *
 * @public
 */
export function hubMayConsume(
  hubs: Hub[],
  consumerHub: string,
  datasetHub: string,
): boolean {
  const hub = hubs.find(h => h.name === consumerHub);
  return !!hub && hub.consumesFrom.includes(datasetHub);
}
