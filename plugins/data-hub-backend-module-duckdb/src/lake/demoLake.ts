import fs from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  DATASET_CLASSIFICATIONS,
  DATASET_LAYERS,
  type DatasetClassification,
  type DatasetLayer,
} from '@cloud-data-hub/data-hub-common';
import { z } from 'zod';

/**
 * A column of a generated table: its SQL expression over the row number `i`.
 *
 * @public
 */
export interface DemoColumn {
  name: string;
  sql: string;
  description: string;
  pii?: boolean;
}

/**
 * A generated table; `partitionBy` columns become Hive-style folders (`dt=2026-11-01/`).
 *
 * @public
 */
export interface DemoTable {
  name: string;
  description: string;
  rows: number;
  partitionBy?: string[];
  columns: DemoColumn[];
}

/**
 * A dataset of the demo lake, in the shape the Dataset kind needs.
 *
 * @public
 */
export interface DemoDataset {
  name: string;
  title: string;
  description: string;
  tags: string[];
  hub: string;
  layer: DatasetLayer;
  businessObject: string;
  owner: string;
  classification: DatasetClassification;
  lifecycle: string;
  freshnessHours: number;
  upstream: string[];
  tables: DemoTable[];
}

/**
 * The demo lake's definitions, the file to edit to add a dataset, table or column:
 * - `columns`: shared columns, used in a table's `columns` by their key (a string);
 * - `optionFlags`: option names per group, the boolean `opt_<group>_<option>` columns that the
 *   string `"option_flags"` stands for in a table's `columns`;
 * - `datasets`: the datasets, in the shape of {@link DemoDataset}.
 * Column SQL may use the macros of `sqlMacros.ts` (`pick`, `rint`, `demo_day`, ...).
 */
export const DEMO_LAKE_FILE = resolvePackagePath(
  '@cloud-data-hub/data-hub-backend-module-duckdb',
  'demo-lake/datasets.json',
);

const OPTION_FLAGS = 'option_flags';

/** One boolean column per option, each ordered by 8 to 87 % of the orders. */
function optionFlagColumns(groups: Record<string, string[]>): DemoColumn[] {
  return Object.entries(groups).flatMap(([group, options]) =>
    options.map((option, n) => ({
      name: `opt_${group}_${option}`,
      sql: `u(i, 'opt_${group}_${option}') < ${(
        0.08 +
        ((n * 37) % 80) / 100
      ).toFixed(2)}`,
      description: `Option ordered: ${group} / ${option.replace(/_/g, ' ')}`,
    })),
  );
}

const text = z.string().min(1);
const columnSchema = z
  .object({
    name: text,
    sql: text,
    description: text,
    pii: z.boolean().optional(),
  })
  .strict();
const tableSchema = z
  .object({
    name: text,
    description: text,
    rows: z.number().int().positive(),
    partitionBy: z.array(text).optional(),
    // A string names a shared column (or `option_flags`).
    columns: z.array(z.union([text, columnSchema])).min(1),
  })
  .strict();
const fileSchema = z
  .object({
    columns: z.record(z.string(), columnSchema).default({}),
    optionFlags: z.record(z.string(), z.array(text)).default({}),
    datasets: z
      .array(
        z
          .object({
            name: text,
            title: text,
            description: text,
            tags: z.array(text),
            hub: text,
            layer: z.enum(DATASET_LAYERS),
            businessObject: text,
            owner: text,
            classification: z.enum(DATASET_CLASSIFICATIONS),
            lifecycle: text,
            freshnessHours: z.number().positive(),
            upstream: z.array(text),
            tables: z.array(tableSchema).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** The first of `values` that occurs twice. */
const twice = (values: string[]) =>
  values.find((v, n) => values.indexOf(v) !== n);

/** Checks a parsed definition file and builds the datasets; errors name the file, entry and field. */
export function parseDemoDatasets(
  input: unknown,
  source: string,
): DemoDataset[] {
  const fail = (where: string, problem: string): never => {
    throw new Error(
      `Invalid demo lake definition ${source}: ${where} ${problem}`,
    );
  };
  const parsed = fileSchema.safeParse(input);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const where = issue.path
      .map(key => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
      .join('')
      .replace(/^\./, '');
    throw new Error(
      `Invalid demo lake definition ${source}: ${where || 'the file'}: ${
        issue.message
      }`,
    );
  }
  const file = parsed.data!;
  if (file.columns[OPTION_FLAGS]) {
    fail(`columns.${OPTION_FLAGS}`, 'is reserved for the option flags');
  }
  const library = new Map<string, DemoColumn[]>([
    ...Object.entries(file.columns).map(([key, c]): [string, DemoColumn[]] => [
      key,
      [c],
    ]),
    [OPTION_FLAGS, optionFlagColumns(file.optionFlags)],
  ]);

  const datasets = file.datasets.map((dataset, d): DemoDataset => {
    const tables = dataset.tables.map((table, t): DemoTable => {
      const where = `datasets[${d}] (${dataset.name}).tables[${t}] (${table.name})`;
      const columns = table.columns.flatMap((column, n) =>
        typeof column !== 'string'
          ? [column]
          : library.get(column) ??
            fail(
              `${where}.columns[${n}]`,
              `names no shared column "${column}" (known: ${[
                ...library.keys(),
              ].join(', ')})`,
            ),
      );
      const names = columns.map(c => c.name);
      const duplicate = twice(names);
      if (duplicate)
        fail(`${where}.columns`, `has the column "${duplicate}" twice`);
      const missing = table.partitionBy?.find(c => !names.includes(c));
      if (missing)
        fail(
          `${where}.partitionBy`,
          `names no column of the table: "${missing}"`,
        );
      return { ...table, columns };
    });
    return { ...dataset, tables };
  });
  const duplicate = twice(datasets.map(d => d.name));
  if (duplicate) fail('datasets', `has the dataset "${duplicate}" twice`);
  return datasets;
}

/** Reads and checks a demo lake definition file (by default the package's own). */
export function loadDemoDatasets(file: string = DEMO_LAKE_FILE): DemoDataset[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`Cannot read the demo lake definition ${file}: ${e}`);
  }
  return parseDemoDatasets(parsed, file);
}

/**
 * The demo lake: 3 hubs, 4 business objects, 3 layers, upstream chains, about 6 million rows.
 *
 * @public
 */
export const DEMO_DATASETS: DemoDataset[] = loadDemoDatasets();
