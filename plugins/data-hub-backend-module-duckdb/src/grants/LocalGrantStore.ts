import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { AccessScopeTable } from '@cloud-data-hub/data-hub-common';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** One granted table of the local lake. */
export interface LocalGrant {
  useCaseRef: string;
  glueDatabase: string;
  table: string;
  columns: string[];
}

/**
 * The local grants the DuckDB engine enforces, in the data hub's database (its own migration
 * table, so it never collides with the plugin's migrations).
 */
export class LocalGrantStore {
  static async create(
    db: Knex,
    migrationsDirectory: string,
    skipMigrations = false,
  ) {
    if (!skipMigrations) {
      await db.migrate.latest({
        directory: migrationsDirectory,
        tableName: 'data_hub_duckdb_knex_migrations',
      });
    }
    return new LocalGrantStore(db);
  }

  constructor(private readonly db: Knex) {}

  /** Replaces what the use case holds on the database with exactly `tables`. */
  async replace(
    useCaseRef: string,
    glueDatabase: string,
    tables: AccessScopeTable[],
    grantId: string,
  ) {
    await this.db.transaction(async tx => {
      await tx('duckdb_local_grants')
        .where({ use_case_ref: useCaseRef, glue_database: glueDatabase })
        .delete();
      const granted = tables.filter(t => t.columns.length > 0);
      if (granted.length === 0) return;
      await tx('duckdb_local_grants').insert(
        granted.map(t => ({
          use_case_ref: useCaseRef,
          glue_database: glueDatabase,
          table_name: t.name,
          columns: JSON.stringify(t.columns),
          grant_id: grantId,
          granted_at: new Date(),
        })),
      );
    });
  }

  async remove(useCaseRef: string, glueDatabase: string) {
    await this.db('duckdb_local_grants')
      .where({ use_case_ref: useCaseRef, glue_database: glueDatabase })
      .delete();
  }

  /** Every table a use case may query; with `glueDatabase`, only that dataset's. */
  async list(useCaseRef: string, glueDatabase?: string): Promise<LocalGrant[]> {
    const query = this.db('duckdb_local_grants').where({
      use_case_ref: useCaseRef,
    });
    if (glueDatabase) query.where({ glue_database: glueDatabase });
    const rows = await query.orderBy(['glue_database', 'table_name']);
    return rows.map(row => ({
      useCaseRef: row.use_case_ref,
      glueDatabase: row.glue_database,
      table: row.table_name,
      columns: JSON.parse(row.columns),
    }));
  }
}
