import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LRUCache } from 'lru-cache';
import type { QueryGrant } from '@cloud-data-hub/data-hub-node';
import { ident, literal } from '../duckdb';
import type { SandboxTable } from './PlanGuard';

/** Limits every sandbox runs under (`dataHub.duckdb.query`). */
export interface SandboxLimits {
  memoryLimit: string;
  threads: number;
}

/** Finds a granted table's Parquet folder in the local lake. */
export type TableLocator = (
  glueDatabase: string,
  table: string,
) => string | undefined;

/** How long a sandbox trusts its list of files before it looks at the lake again. */
const FILE_LIST_TTL_MS = 30_000;

/** A use case's locked DuckDB, and the private folder it may write CSV exports (pipes) to. */
export interface Sandbox {
  key: string;
  instance: DuckDBInstance;
  exportDirectory: string;
  /** Every file a view reads, to the granted table it belongs to (for the plan check). */
  files: ReadonlyMap<string, SandboxTable>;
  /** Gives the sandbox back; it closes once evicted and no longer in use. */
  release(): void;
}

interface Entry {
  key: string;
  filesSignature: string;
  checkedAt: number;
  ready: Promise<Omit<Sandbox, 'release'>>;
  users: number;
  evicted: boolean;
}

interface PlannedTable extends SandboxTable {
  files: string[];
}

async function parquetFiles(directory: string): Promise<string[]> {
  const entries = await fs.promises
    .readdir(directory, { recursive: true, withFileTypes: true })
    .catch(() => []);
  return entries
    .filter(e => e.isFile() && e.name.endsWith('.parquet'))
    .map(e => path.join(e.parentPath, e.name))
    .sort();
}

function closeEntry(entry: Entry) {
  entry.ready
    .then(s => {
      s.instance.closeSync();
      fs.rmSync(s.exportDirectory, { recursive: true, force: true });
    })
    .catch(() => undefined);
}

/**
 * One in-memory DuckDB per use case and set of grants. It holds nothing but a view per
 * granted table that selects only the granted columns from an explicit list of that table's
 * files, may open exactly those files (`allowed_paths`, external access off) — so no path a
 * query could name gives more than the views — cannot install or load extensions, and has its
 * configuration locked. A change of grants or of the table's files gives a new sandbox; a
 * replaced or idle one closes once the queries and downloads using it are done.
 */
export class QuerySandboxes {
  /** The current sandbox per fingerprint; one pushed out, replaced or deleted is retired. */
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly limits: SandboxLimits,
    private readonly locate: TableLocator,
    /** Where each sandbox gets its own folder to write results (and CSV pipes) into. */
    private readonly stagingRoot = os.tmpdir(),
    maxIdle = 32,
  ) {
    this.entries = new LRUCache({
      max: maxIdle,
      dispose: entry => QuerySandboxes.retire(entry),
    });
  }

  static fingerprint(useCaseRef: string, grants: QueryGrant[]): string {
    const tables = grants
      .flatMap(g =>
        g.tables.map(
          t =>
            `${g.glueDatabase}.${t.name}(${[...t.columns].sort().join(',')})`,
        ),
      )
      .sort();
    return `${useCaseRef}|${tables.join('|')}`;
  }

  private async plan(grants: QueryGrant[]): Promise<PlannedTable[]> {
    const tables: PlannedTable[] = [];
    for (const grant of grants) {
      for (const table of grant.tables) {
        const directory = this.locate(grant.glueDatabase, table.name);
        if (!directory || !table.columns.length) continue;
        const files = await parquetFiles(directory);
        if (files.length) {
          tables.push({
            glueDatabase: grant.glueDatabase,
            table: table.name,
            columns: new Set(table.columns),
            files,
          });
        }
      }
    }
    return tables;
  }

  private static signature(tables: PlannedTable[]) {
    return createHash('sha1')
      .update(
        tables
          .map(t => `${t.glueDatabase}.${t.table}:${t.files.join(',')}`)
          .join('\n'),
      )
      .digest('hex');
  }

  /** The sandbox for these grants, leased: call `release()` when done with it. */
  async acquire(useCaseRef: string, grants: QueryGrant[]): Promise<Sandbox> {
    const key = QuerySandboxes.fingerprint(useCaseRef, grants);
    let entry = this.entries.get(key);
    // Listed at most once per call: a changed list both retires the old sandbox and builds the new one.
    let tables: PlannedTable[] | undefined;
    if (entry && Date.now() - entry.checkedAt > FILE_LIST_TTL_MS) {
      tables = await this.plan(grants);
      if (QuerySandboxes.signature(tables) === entry.filesSignature)
        entry.checkedAt = Date.now();
      else this.evict(entry);
      entry = this.entries.get(key);
    }
    if (!entry) {
      tables ??= await this.plan(grants);
      entry = this.entries.get(key);
      if (!entry) {
        entry = {
          key,
          filesSignature: QuerySandboxes.signature(tables),
          checkedAt: Date.now(),
          ready: this.create(key, tables),
          users: 0,
          evicted: false,
        };
        const created = entry;
        // Beyond the cap, the least recently used sandbox is retired.
        this.entries.set(key, created);
        created.ready.catch(() => this.evict(created));
        this.evictOthers(useCaseRef, key);
      }
    }
    const leased = entry;
    leased.users++;
    try {
      const sandbox = await leased.ready;
      let released = false;
      return {
        ...sandbox,
        release: () => {
          if (released) return;
          released = true;
          leased.users--;
          if (leased.evicted && leased.users === 0) closeEntry(leased);
        },
      };
    } catch (error) {
      leased.users--;
      throw error;
    }
  }

  /** No new lease; closes now or when its last user releases it. */
  private static retire(entry: Entry) {
    if (entry.evicted) return;
    entry.evicted = true;
    if (entry.users === 0) closeEntry(entry);
  }

  private evict(entry: Entry) {
    // Deleting the current entry retires it (dispose); a replaced one is retired already.
    if (this.entries.peek(entry.key) === entry) this.entries.delete(entry.key);
    QuerySandboxes.retire(entry);
  }

  /** Drops the use case's older sandboxes: its grants changed. */
  private evictOthers(useCaseRef: string, keep: string) {
    for (const entry of [...this.entries.values()]) {
      if (entry.key !== keep && entry.key.startsWith(`${useCaseRef}|`))
        this.evict(entry);
    }
  }

  private async create(
    key: string,
    tables: PlannedTable[],
  ): Promise<Omit<Sandbox, 'release'>> {
    const instance = await DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      memory_limit: this.limits.memoryLimit,
      threads: String(this.limits.threads),
    });
    // The only place a sandbox may write: its own folder, where runs' results are written by
    // the engine's COPY (queries themselves can never run COPY: the guard refuses it).
    fs.mkdirSync(this.stagingRoot, { recursive: true });
    const exportDirectory = fs.mkdtempSync(
      path.join(this.stagingRoot, 'sandbox-'),
    );
    fs.chmodSync(exportDirectory, 0o700);
    const files = new Map<string, SandboxTable>();
    const connection = await instance.connect();
    try {
      const allFiles = tables.flatMap(t => t.files);
      await connection.run(
        `SET allowed_paths = [${allFiles.map(literal).join(', ')}]`,
      );
      await connection.run(
        `SET allowed_directories = [${literal(`${exportDirectory}/`)}]`,
      );
      await connection.run('SET enable_external_access = false');
      for (const schema of new Set(tables.map(t => t.glueDatabase))) {
        await connection.run(`CREATE SCHEMA ${ident(schema)}`);
      }
      const created: PlannedTable[] = [];
      for (const table of tables) {
        try {
          await connection.run(
            `CREATE VIEW ${ident(table.glueDatabase)}.${ident(
              table.table,
            )} AS SELECT ${[...table.columns]
              .map(ident)
              .join(', ')} FROM read_parquet([${table.files
              .map(literal)
              .join(', ')}], hive_partitioning = true)`,
          );
          created.push(table);
          const exposed: SandboxTable = {
            glueDatabase: table.glueDatabase,
            table: table.table,
            columns: table.columns,
          };
          for (const file of table.files) files.set(file, exposed);
        } catch {
          // A granted table whose granted columns are gone from its files is simply absent;
          // queries naming it get DuckDB's "does not exist" error.
        }
      }
      // Unqualified names: a table name only one granted dataset has is also a view in the
      // default schema (search_path is per connection, and the configuration gets locked).
      const byName = new Map<string, string[]>();
      for (const view of created)
        byName.set(view.table, [
          ...(byName.get(view.table) ?? []),
          view.glueDatabase,
        ]);
      for (const [table, schemas] of byName) {
        if (schemas.length === 1) {
          await connection
            .run(
              `CREATE VIEW main.${ident(table)} AS SELECT * FROM ${ident(
                schemas[0],
              )}.${ident(table)}`,
            )
            .catch(() => undefined);
        }
      }
      await connection.run('SET lock_configuration = true');
    } finally {
      connection.closeSync();
    }
    return { key, instance, exportDirectory, files };
  }

  /** Closes every sandbox, in use or not: the engine is shutting down. */
  close() {
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const entry of all) {
      if (entry.users > 0) closeEntry(entry);
    }
  }
}
