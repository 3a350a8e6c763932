import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ident, literal, openDuckDB } from '../duckdb';
import { DEMO_DATASETS, DemoDataset, DemoTable } from './demoLake';
import { DEMO_LAKE_MACROS } from './sqlMacros';
import { glueDatabaseName } from '@cloud-data-hub/data-hub-common';
import { tableDirectory } from './lakeLayout';

const MARKER = '.demo-lake.json';

/**
 * Writes the demo lake as Parquet files, once: a marker file holds a fingerprint of the
 * definitions and scale, so a second start (or a changed definition) is detected.
 * The lake is built in a sibling temp folder and renamed into place, so an interrupted
 * generation never leaves a half-written lake behind.
 *
 * @public
 */
export class DemoLakeGenerator {
  constructor(
    private readonly options: {
      directory: string;
      /** Multiplies every table's row count; 1 is the full demo (~6 million rows). */
      scale: number;
      logger: LoggerService;
      datasets?: DemoDataset[];
    },
  ) {}

  get datasets(): DemoDataset[] {
    return this.options.datasets ?? DEMO_DATASETS;
  }

  fingerprint(): string {
    return createHash('sha256')
      .update(
        JSON.stringify({
          scale: this.options.scale,
          datasets: this.datasets,
          macros: DEMO_LAKE_MACROS,
        }),
      )
      .digest('hex');
  }

  /** Generates the lake unless an identical one is already there. Returns true when it generated. */
  async ensure(): Promise<boolean> {
    const { directory, logger } = this.options;
    const fingerprint = this.fingerprint();
    const existing = await fs
      .readFile(path.join(directory, MARKER), 'utf8')
      .then(text => JSON.parse(text).fingerprint as string)
      .catch(() => undefined);
    if (existing === fingerprint) {
      logger.info(`Demo lake is up to date in ${directory}`);
      return false;
    }

    const started = Date.now();
    const staging = `${directory}.staging-${process.pid}`;
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(staging, { recursive: true });
    logger.info(
      `Generating the demo lake (${this.datasets.length} datasets) in ${directory}`,
    );

    const instance = await openDuckDB();
    const connection = await instance.connect();
    try {
      for (const macro of DEMO_LAKE_MACROS) {
        await connection.run(macro);
      }
      let rows = 0;
      for (const dataset of this.datasets) {
        for (const table of dataset.tables) {
          const count = this.rowCount(table);
          const dir = tableDirectory(
            staging,
            dataset.hub,
            dataset.layer,
            glueDatabaseName(dataset.name),
            table.name,
          );
          await fs.mkdir(dir, { recursive: true });
          await connection.run(this.copyStatement(dir, table, count));
          rows += count;
        }
      }
      await fs.writeFile(
        path.join(staging, MARKER),
        JSON.stringify(
          { fingerprint, rows, generatedAt: new Date().toISOString() },
          null,
          2,
        ),
      );
      await fs.rm(directory, { recursive: true, force: true });
      await fs.mkdir(path.dirname(directory), { recursive: true });
      await fs.rename(staging, directory);
      logger.info(
        `Demo lake generated: ${rows.toLocaleString('en-US')} rows in ${(
          (Date.now() - started) /
          1000
        ).toFixed(1)} s`,
      );
      return true;
    } catch (e) {
      await fs.rm(staging, { recursive: true, force: true });
      throw e;
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  private rowCount(table: DemoTable): number {
    return Math.max(1, Math.round(table.rows * this.options.scale));
  }

  private copyStatement(dir: string, table: DemoTable, rows: number) {
    const select = `SELECT ${table.columns
      .map(col => `${col.sql} AS ${ident(col.name)}`)
      .join(', ')} FROM range(${rows}) t(i)`;
    if (table.partitionBy?.length) {
      return `COPY (${select}) TO ${literal(
        dir,
      )} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${table.partitionBy
        .map(ident)
        .join(', ')}))`;
    }
    return `COPY (${select}) TO ${literal(
      path.join(dir, 'part-00000.parquet'),
    )} (FORMAT parquet, COMPRESSION zstd)`;
  }
}
