import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

/** Where the collator's settings live in app-config. */
export const CONFIG_KEY = 'search.collators.dataHubDatasets';

/**
 * Re-index as often as the data hub's catalog provider refreshes datasets (every 2 minutes by
 * default), so a new dataset becomes searchable soon after it enters the catalog. The first run
 * waits 30 s: the catalog holds the demo lake's datasets about 10 to 20 s after a (warm) start,
 * and an index run that finds no dataset creates no index.
 */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 2 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/** Dataset entities carry whole schemas (hundreds of columns): read them in small pages. */
export const DEFAULT_BATCH_SIZE = 100;

/** Reads `search.collators.dataHubDatasets.schedule`, or the default schedule. */
export function readScheduleFromConfig(
  config: RootConfigService,
): SchedulerServiceTaskScheduleDefinition {
  const scheduleConfig = config.getOptionalConfig(`${CONFIG_KEY}.schedule`);
  if (!scheduleConfig) {
    return DEFAULT_SCHEDULE;
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
  } catch (error) {
    throw new Error(`Invalid schedule at ${CONFIG_KEY}.schedule: ${error}`);
  }
}

/** Reads `search.collators.dataHubDatasets.batchSize`, or the default batch size. */
export function readBatchSizeFromConfig(config: RootConfigService): number {
  const batchSize =
    config.getOptionalNumber(`${CONFIG_KEY}.batchSize`) ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(
      `Invalid ${CONFIG_KEY}.batchSize ${batchSize}: must be a positive integer`,
    );
  }
  return batchSize;
}
