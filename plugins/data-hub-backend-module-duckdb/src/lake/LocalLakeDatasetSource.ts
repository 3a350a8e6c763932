import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LAST_UPDATED,
  DATASET_API_VERSION,
  DATASET_KIND,
  DatasetColumn,
  DatasetEntityV1alpha1,
  DatasetTable,
  Hub,
  glueDatabaseName,
} from '@cloud-data-hub/data-hub-common';
import type { DatasetSource } from '@cloud-data-hub/data-hub-node';
import { literal, openDuckDB } from '../duckdb';
import type { DemoDataset, DemoTable } from './demoLake';
import { toGlueType } from './glueTypes';
import { datasetDirectory, tableDirectory } from './lakeLayout';

interface FileFacts {
  files: string[];
  partitionKeys: string[];
  sizeBytes: number;
  lastModified: Date;
}

/**
 * The datasets of the local lake as Dataset entities. Column names and types are read
 * from the Parquet files themselves (what a crawler would see); descriptions, PII flags
 * and ownership come from the lake's definitions, as they would from Glue parameters.
 *
 * @public
 */
export class LocalLakeDatasetSource implements DatasetSource {
  readonly id = 'local-lake';
  private cache?: Promise<DatasetEntityV1alpha1[]>;

  constructor(
    private readonly options: {
      directory: string;
      datasets: DemoDataset[];
      hubs: Hub[];
      logger: LoggerService;
      /** Resolves once the lake exists (e.g. after the first generation). */
      ready: Promise<unknown>;
    },
  ) {}

  listDatasets(): Promise<DatasetEntityV1alpha1[]> {
    if (!this.cache) {
      this.cache = this.options.ready.then(() => this.readAll());
      // A failed read is not cached: the next call tries again.
      this.cache.catch(() => {
        this.cache = undefined;
      });
    }
    return this.cache;
  }

  private async readAll(): Promise<DatasetEntityV1alpha1[]> {
    const instance = await openDuckDB({ threads: 1 });
    const connection = await instance.connect();
    try {
      const entities: DatasetEntityV1alpha1[] = [];
      for (const dataset of this.options.datasets) {
        const tables: DatasetTable[] = [];
        let lastModified = new Date(0);
        for (const table of dataset.tables) {
          const dir = tableDirectory(
            this.options.directory,
            dataset.hub,
            dataset.layer,
            glueDatabaseName(dataset.name),
            table.name,
          );
          const facts = await scanFiles(dir);
          if (facts.lastModified > lastModified)
            lastModified = facts.lastModified;
          const glob = literal(path.join(dir, '**', '*.parquet'));
          const described = (
            await connection.runAndReadAll(
              `DESCRIBE SELECT * FROM read_parquet(${glob}, hive_partitioning = true)`,
            )
          ).getRowObjectsJS() as Array<{
            column_name: string;
            column_type: string;
          }>;
          const counted = (
            await connection.runAndReadAll(
              `SELECT sum(num_rows)::BIGINT AS n FROM parquet_file_metadata(${glob})`,
            )
          ).getRowObjectsJS() as Array<{ n: bigint }>;
          tables.push(
            toTable(table, described, facts, Number(counted[0]?.n ?? 0)),
          );
        }
        entities.push(this.toEntity(dataset, tables, lastModified));
      }
      return entities;
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  private toEntity(
    dataset: DemoDataset,
    tables: DatasetTable[],
    lastModified: Date,
  ): DatasetEntityV1alpha1 {
    const hub = this.options.hubs.find(h => h.name === dataset.hub);
    const database = glueDatabaseName(dataset.name);
    const location = pathToFileURL(
      datasetDirectory(
        this.options.directory,
        dataset.hub,
        dataset.layer,
        database,
      ),
    ).href;
    return {
      apiVersion: DATASET_API_VERSION,
      kind: DATASET_KIND,
      metadata: {
        name: dataset.name,
        title: dataset.title,
        description: dataset.description,
        tags: dataset.tags,
        annotations: { [ANNOTATION_LAST_UPDATED]: lastModified.toISOString() },
      },
      spec: {
        layer: dataset.layer,
        hub: dataset.hub,
        businessObject: dataset.businessObject,
        owner: dataset.owner,
        lifecycle: dataset.lifecycle,
        classification: dataset.classification,
        storage: {
          location: `${location}/`,
          glueDatabase: database,
          ...(hub ? { region: hub.region, accountId: hub.accountId } : {}),
        },
        tables,
        ...(dataset.upstream.length ? { upstream: dataset.upstream } : {}),
        freshness: { maxAgeHours: dataset.freshnessHours },
      },
    };
  }
}

function toTable(
  table: DemoTable,
  described: Array<{ column_name: string; column_type: string }>,
  facts: FileFacts,
  rowCount: number,
): DatasetTable {
  const defined = new Map(table.columns.map(col => [col.name, col]));
  const toColumn = (d: {
    column_name: string;
    column_type: string;
  }): DatasetColumn => {
    const def = defined.get(d.column_name);
    return {
      name: d.column_name,
      type: toGlueType(d.column_type),
      ...(def?.description ? { description: def.description } : {}),
      ...(def?.pii ? { pii: true } : {}),
    };
  };
  return {
    name: table.name,
    description: table.description,
    columns: described
      .filter(d => !facts.partitionKeys.includes(d.column_name))
      .map(toColumn),
    ...(facts.partitionKeys.length
      ? {
          partitionKeys: facts.partitionKeys.map(key =>
            toColumn(
              described.find(d => d.column_name === key) ?? {
                column_name: key,
                column_type: 'VARCHAR',
              },
            ),
          ),
        }
      : {}),
    rowCount,
    sizeBytes: facts.sizeBytes,
  };
}

/** Lists Parquet files below a table folder; `key=value` folder names are Hive partitions. */
async function scanFiles(dir: string): Promise<FileFacts> {
  const facts: FileFacts = {
    files: [],
    partitionKeys: [],
    sizeBytes: 0,
    lastModified: new Date(0),
  };
  const walk = async (current: string, depth: number) => {
    for (const entry of await fs.readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        const key = /^([^=]+)=/.exec(entry.name)?.[1];
        if (key && !facts.partitionKeys[depth])
          facts.partitionKeys[depth] = key;
        await walk(full, depth + 1);
      } else if (entry.name.endsWith('.parquet')) {
        const stat = await fs.stat(full);
        facts.files.push(full);
        facts.sizeBytes += stat.size;
        if (stat.mtime > facts.lastModified) facts.lastModified = stat.mtime;
      }
    }
  };
  await walk(dir, 0);
  if (facts.files.length === 0) {
    throw new Error(`No Parquet files in ${dir}: the lake is incomplete`);
  }
  return facts;
}
