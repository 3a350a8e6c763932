import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const MIGRATIONS = resolvePackagePath(
  '@cloud-data-hub/data-hub-backend',
  'migrations',
);

/** Brings the plugin's tables (access, query runs, lineage) to the latest migration. */
export async function applyMigrations(db: Knex): Promise<void> {
  await db.migrate.latest({
    directory: MIGRATIONS,
    tableName: 'data_hub_knex_migrations',
  });
}

/**
 * The plugin's database, migrated once at plugin start (every store then assumes its
 * tables), unless the deployment runs migrations itself (`migrations.skip`).
 */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const db = await database.getClient();
  if (!database.migrations?.skip) await applyMigrations(db);
  return db;
}
