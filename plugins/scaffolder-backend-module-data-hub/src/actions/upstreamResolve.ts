import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DATASET_LAYERS,
  DatasetColumn,
  DatasetLayer,
  isDatasetEntity,
} from '@cloud-data-hub/data-hub-common';
import { examples } from './upstreamResolve.examples';

/**
 * Spark SQL types the preparation job casts to (`glue-preparation-job`'s `column_types`); the
 * same names are Glue column types, so the catalog shows what the job writes.
 */
const CAST_TYPE =
  /^(string|boolean|tinyint|smallint|int|integer|bigint|float|double|date|timestamp|decimal\(\s*\d{1,2}\s*,\s*\d{1,2}\s*\))$/i;

/**
 * `datahub:upstream:resolve`: before a preparation job is generated, checks its upstream
 * dataset and table in the catalog and works out the prepared table the job will write:
 * the upstream's columns (names lower-cased, as the job does) without the dropped ones, cast
 * to the requested types, partitioned by the partition column, PII markers carried over.
 * Every problem is reported at once.
 */
export function createUpstreamResolveAction(options: {
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'datahub:upstream:resolve',
    description:
      'Checks the upstream dataset and table of a preparation job (same hub, earlier layer, columns exist) and derives the prepared table it writes.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        upstream: z =>
          z
            .string()
            .describe(
              'Entity ref of the upstream Dataset, e.g. dataset:default/us-sales-orders-source',
            ),
        table: z =>
          z.string().describe('Table of the upstream dataset the job reads'),
        hub: z =>
          z
            .string()
            .describe('Hub of the new dataset; the upstream must live in it'),
        layer: z =>
          z
            .enum(DATASET_LAYERS)
            .optional()
            .describe('Layer of the new dataset (default prepared)'),
        keyColumns: z =>
          z
            .array(z.string())
            .min(1)
            .describe('Columns identifying a row (deduplication keys)'),
        dropColumns: z =>
          z.array(z.string()).optional().describe('Upstream columns left out'),
        columnTypes: z =>
          z
            .array(z.object({ column: z.string(), type: z.string() }))
            .optional()
            .describe(
              'Columns cast to a Spark SQL type, e.g. { column: order_ts, type: timestamp }',
            ),
        orderByColumn: z =>
          z
            .string()
            .optional()
            .describe(
              'Of rows with equal keys, the greatest value of this column wins',
            ),
        partitionColumn: z =>
          z
            .string()
            .optional()
            .describe('Partition column of the prepared table (default dt)'),
      },
      output: {
        entityRef: z => z.string(),
        title: z => z.string(),
        layer: z => z.string(),
        glueDatabase: z => z.string(),
        location: z => z.string(),
        table: z => z.string().describe('The upstream table'),
        sourcePartitionColumn: z =>
          z
            .string()
            .describe(
              "The upstream table's date partition, '' when it has none",
            ),
        columns: z =>
          z
            .array(
              z.object({
                name: z.string(),
                type: z.string(),
                description: z.string().optional(),
                pii: z.boolean().optional(),
              }),
            )
            .describe(
              'Columns of the prepared table, without its partition column',
            ),
        partitionKeys: z =>
          z.array(z.object({ name: z.string(), type: z.string() })),
        columnTypes: z =>
          z
            .record(z.string())
            .describe('The casts, column -> type, lower-cased'),
        piiColumns: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const { upstream, hub, keyColumns } = ctx.input;
      const layer: DatasetLayer = ctx.input.layer ?? 'prepared';
      const partitionColumn = (ctx.input.partitionColumn ?? 'dt').toLowerCase();
      const problems: string[] = [];
      const failure = () =>
        new InputError(
          `The upstream dataset cannot be used: ${problems.join('; ')}`,
        );

      let ref: string;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(upstream, {
            defaultKind: 'Dataset',
            defaultNamespace: 'default',
          }),
        );
      } catch {
        problems.push(`"${upstream}" is not an entity ref`);
        throw failure();
      }
      const entity = await options.catalog.getEntityByRef(ref, {
        credentials: await ctx.getInitiatorCredentials(),
      });
      if (!isDatasetEntity(entity)) {
        problems.push(
          entity
            ? `${ref} is not a Dataset`
            : `${ref} does not exist in the catalog`,
        );
        throw failure();
      }
      const spec = entity.spec;
      if (spec.hub !== hub) {
        problems.push(
          `${ref} lives in hub "${spec.hub}", the new dataset in hub "${hub}"; a preparation job reads and writes within one hub`,
        );
      }
      if (DATASET_LAYERS.indexOf(spec.layer) > DATASET_LAYERS.indexOf(layer)) {
        problems.push(
          `${ref} is a ${spec.layer} dataset; a ${layer} dataset cannot be built from it`,
        );
      }
      const table = spec.tables.find(t => t.name === ctx.input.table);
      if (!table) {
        problems.push(
          `${ref} has no table "${ctx.input.table}" (tables: ${spec.tables
            .map(t => t.name)
            .join(', ')})`,
        );
        throw failure();
      }

      // Everything the job sees, lower-cased as the job lower-cases it; partition keys are columns too.
      const sourceColumns = new Map<string, DatasetColumn>();
      for (const column of [...table.columns, ...(table.partitionKeys ?? [])]) {
        sourceColumns.set(column.name.toLowerCase(), {
          ...column,
          name: column.name.toLowerCase(),
        });
      }
      const known = (what: string, names: string[]) => {
        const unknown = names.filter(n => !sourceColumns.has(n));
        if (unknown.length) {
          problems.push(
            `${what} ${unknown.map(n => `"${n}"`).join(', ')} ${
              unknown.length > 1 ? 'are not columns' : 'is not a column'
            } of ${ref} table ${table.name} (columns: ${[
              ...sourceColumns.keys(),
            ].join(', ')})`,
          );
        }
      };
      const lower = (names: string[] = []) =>
        names.map(n => n.trim().toLowerCase()).filter(Boolean);
      const keys = lower(keyColumns);
      const drops = lower(ctx.input.dropColumns);
      const orderBy =
        ctx.input.orderByColumn?.trim().toLowerCase() || undefined;
      const casts: Record<string, string> = {};
      for (const { column, type } of ctx.input.columnTypes ?? []) {
        if (!CAST_TYPE.test(type.trim())) {
          problems.push(
            `type "${type}" of column "${column}" is not a type the job casts to (string, boolean, tinyint, smallint, int, bigint, float, double, date, timestamp, decimal(p,s))`,
          );
        }
        casts[column.trim().toLowerCase()] = type
          .trim()
          .toLowerCase()
          .replace(/^integer$/, 'int')
          .replace(/\s+/g, '');
      }

      known('key column(s)', keys);
      known('dropped column(s)', drops);
      known('cast column(s)', Object.keys(casts));
      if (orderBy) known('order-by column', [orderBy]);
      if (!sourceColumns.has(partitionColumn)) {
        problems.push(
          `partition column "${partitionColumn}" is not a column of ${ref} table ${
            table.name
          } (columns: ${[...sourceColumns.keys()].join(', ')})`,
        );
      }
      const droppedButNeeded = drops.filter(
        d => keys.includes(d) || d === partitionColumn || d === orderBy,
      );
      if (droppedButNeeded.length) {
        problems.push(
          `${droppedButNeeded.join(
            ', ',
          )} cannot be dropped: key, order-by and partition columns are kept`,
        );
      }
      if (problems.length) throw failure();

      const prepared = (column: DatasetColumn): DatasetColumn => ({
        ...column,
        type: casts[column.name] ?? column.type,
      });
      const columns = [...sourceColumns.values()]
        .filter(c => !drops.includes(c.name) && c.name !== partitionColumn)
        .map(prepared);
      const partition = prepared(sourceColumns.get(partitionColumn)!);
      if (columns.length === 0) {
        problems.push(
          `the prepared table would have no columns besides its partition column`,
        );
        throw failure();
      }

      ctx.logger.info(
        `Upstream ${ref} table ${table.name}: the prepared table has ${columns.length} columns, partitioned by ${partitionColumn}`,
      );
      ctx.output('entityRef', ref);
      ctx.output('title', entity.metadata.title ?? entity.metadata.name);
      ctx.output('layer', spec.layer);
      ctx.output('glueDatabase', spec.storage.glueDatabase);
      ctx.output('location', spec.storage.location);
      ctx.output('table', table.name);
      ctx.output(
        'sourcePartitionColumn',
        table.partitionKeys?.[0]?.name.toLowerCase() ?? '',
      );
      ctx.output('columns', columns);
      ctx.output('partitionKeys', [
        { name: partition.name, type: partition.type },
      ]);
      ctx.output('columnTypes', casts);
      ctx.output(
        'piiColumns',
        [...columns, partition].filter(c => c.pii).map(c => c.name),
      );
    },
  });
}
