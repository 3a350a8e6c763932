/**
 * Backstage's real database service gives every plugin its own database, as in production;
 * tests that start several plugins with migrations (and schedulers) need that, since sharing
 * one database lets their migrations lock each other out. One entry per database the product
 * supports: in-memory SQLite, and the PostgreSQL server `.ci/test` starts (a fresh set of plugin
 * databases per run, named by the prefix).
 */
export function pluginDatabaseConfigs(
  name: string,
): Array<[string, Record<string, string>]> {
  const postgres =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  return [
    ['SQLite', { client: 'better-sqlite3', connection: ':memory:' }],
    ...(postgres
      ? [
          [
            'PostgreSQL',
            {
              client: 'pg',
              connection: postgres,
              prefix: `cdh_${name}_${Date.now()}_`,
            },
          ] as [string, Record<string, string>],
        ]
      : []),
  ];
}

/** Where CI promises PostgreSQL, its variant must not be skipped silently. */
export function postgresAvailableOrNotCi(): boolean {
  return (
    !!process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ||
    !process.env.CI
  );
}
