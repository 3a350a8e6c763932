import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { QueryGrant } from '@cloud-data-hub/data-hub-node';
import { ident, literal } from '../duckdb';

/** Limits every sandbox runs under (`dataHub.duckdb.query`). */
export interface SandboxLimits {
  memoryLimit: string;
  threads: number;
}

/** Finds a granted table's Parquet folder in the local lake. */
export type TableLocator = (glueDatabase: string, table: string) => string | undefined;

/** A use case's locked DuckDB, and the private folder it may write CSV exports (pipes) to. */
export interface Sandbox {
  key: string;
  instance: DuckDBInstance;
  exportDirectory: string;
  lastUsed: number;
}

function closeSandbox(sandbox: Promise<Sandbox>) {
  sandbox
    .then(s => {
      s.instance.closeSync();
      fs.rmSync(s.exportDirectory, { recursive: true, force: true });
    })
    .catch(() => undefined);
}

/**
 * One in-memory DuckDB per use case and set of grants. It holds nothing but a view per
 * granted table that selects only the granted columns, may read only those tables' folders
 * (`allowed_directories`, external access off), cannot install or load extensions, and has
 * its configuration locked, so a query cannot switch any of that back on. A change of grants
 * gives a new sandbox; idle ones are closed.
 */
export class QuerySandboxes {
  private readonly sandboxes = new Map<string, Promise<Sandbox>>();

  constructor(
    private readonly limits: SandboxLimits,
    private readonly locate: TableLocator,
    private readonly maxIdle = 32,
  ) {}

  static fingerprint(useCaseRef: string, grants: QueryGrant[]): string {
    const tables = grants
      .flatMap(g => g.tables.map(t => `${g.glueDatabase}.${t.name}(${[...t.columns].sort().join(',')})`))
      .sort();
    return `${useCaseRef}|${tables.join('|')}`;
  }

  async get(useCaseRef: string, grants: QueryGrant[]): Promise<Sandbox> {
    const key = QuerySandboxes.fingerprint(useCaseRef, grants);
    let sandbox = this.sandboxes.get(key);
    if (!sandbox) {
      sandbox = this.create(key, grants);
      this.sandboxes.set(key, sandbox);
      sandbox.catch(() => this.sandboxes.delete(key));
      this.evict(useCaseRef, key);
    }
    const ready = await sandbox;
    ready.lastUsed = Date.now();
    return ready;
  }

  /** Drops the use case's older sandboxes (grants changed) and the least used beyond the cap. */
  private evict(useCaseRef: string, keep: string) {
    for (const [key, sandbox] of this.sandboxes) {
      if (key !== keep && key.startsWith(`${useCaseRef}|`)) {
        this.sandboxes.delete(key);
        closeSandbox(sandbox);
      }
    }
    while (this.sandboxes.size > this.maxIdle) {
      const [oldest] = this.sandboxes.keys();
      const sandbox = this.sandboxes.get(oldest)!;
      this.sandboxes.delete(oldest);
      closeSandbox(sandbox);
    }
  }

  private async create(key: string, grants: QueryGrant[]): Promise<Sandbox> {
    const instance = await DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      memory_limit: this.limits.memoryLimit,
      threads: String(this.limits.threads),
    });
    // The only place a sandbox may write: its own folder, where CSV downloads get a named pipe
    // that DuckDB's COPY writes into (queries themselves can never run COPY: the guard refuses it).
    const exportDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'cdh-export-'));
    fs.chmodSync(exportDirectory, 0o700);
    const connection = await instance.connect();
    try {
      const views: Array<{ schema: string; table: string; directory: string; columns: string[] }> = [];
      for (const grant of grants) {
        for (const table of grant.tables) {
          const directory = this.locate(grant.glueDatabase, table.name);
          if (directory && table.columns.length) {
            views.push({ schema: grant.glueDatabase, table: table.name, directory, columns: table.columns });
          }
        }
      }
      const dirs = [...views.map(v => literal(`${v.directory}/`)), literal(`${exportDirectory}/`)];
      await connection.run(`SET allowed_directories = [${dirs.join(', ')}]`);
      await connection.run('SET enable_external_access = false');
      for (const schema of new Set(views.map(v => v.schema))) {
        await connection.run(`CREATE SCHEMA ${ident(schema)}`);
      }
      for (const view of views) {
        try {
          await connection.run(
            `CREATE VIEW ${ident(view.schema)}.${ident(view.table)} AS SELECT ${view.columns.map(ident).join(', ')} FROM read_parquet(${literal(`${view.directory}/**/*.parquet`)}, hive_partitioning = true)`,
          );
        } catch {
          // A granted table without files yet (or whose granted columns are gone) is simply
          // absent; queries naming it get DuckDB's "does not exist" error.
        }
      }
      // Unqualified names: a table name only one granted dataset has is also a view in the
      // default schema (search_path is per connection, and the configuration gets locked).
      const byName = new Map<string, string[]>();
      for (const view of views) byName.set(view.table, [...(byName.get(view.table) ?? []), view.schema]);
      for (const [table, schemas] of byName) {
        if (schemas.length === 1) {
          await connection
            .run(`CREATE VIEW main.${ident(table)} AS SELECT * FROM ${ident(schemas[0])}.${ident(table)}`)
            .catch(() => undefined);
        }
      }
      await connection.run('SET lock_configuration = true');
    } finally {
      connection.closeSync();
    }
    return { key, instance, exportDirectory, lastUsed: Date.now() };
  }

  close() {
    for (const sandbox of this.sandboxes.values()) closeSandbox(sandbox);
    this.sandboxes.clear();
  }
}
