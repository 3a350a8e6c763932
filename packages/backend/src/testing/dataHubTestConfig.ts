/** The demo's three hubs, as the integration tests configure them. */
export const TEST_HUBS = [
  {
    name: 'global',
    title: 'Global',
    region: 'eu-central-1',
    accountId: '111111111111',
    consumesFrom: ['global'],
  },
  {
    name: 'us',
    title: 'US',
    region: 'us-east-1',
    accountId: '222222222222',
    consumesFrom: ['global', 'us'],
  },
  {
    name: 'cn',
    title: 'China',
    region: 'cn-north-1',
    accountId: '333333333333',
    consumesFrom: ['global', 'cn'],
  },
];

/**
 * Config for a test backend with a tiny demo lake in `lakeDirectory`, registered in the
 * catalog within seconds (fast provider schedule and processing).
 */
export function dataHubTestConfig(
  lakeDirectory: string,
  catalog: Record<string, unknown> = {},
) {
  return {
    dataHub: {
      hubs: TEST_HUBS,
      duckdb: {
        lakeDirectory,
        demoLake: { scale: 0.001 },
        // Beside the lake, in the test's own folder: runs' results of one test stay there.
        query: { resultsDirectory: `${lakeDirectory}-query-results` },
      },
    },
    catalog: {
      rules: [{ allow: ['Dataset', 'Location'] }],
      processingInterval: { seconds: 1 },
      providers: {
        dataHub: {
          schedule: {
            frequency: { seconds: 2 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 0 },
          },
        },
      },
      ...catalog,
    },
  };
}
