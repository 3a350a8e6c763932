import type { Column, Database, Table } from '@aws-sdk/client-glue';
import {
  ANNOTATION_LAST_UPDATED,
  DATASET_API_VERSION,
  DATASET_KIND,
  DatasetColumn,
  DatasetEntityV1alpha1,
  DatasetTable,
  Hub,
} from '@cloud-data-hub/data-hub-common';

/**
 * How a Glue database says it is a Data Hub dataset: parameters on the database (set by the
 * `dataset` Terraform module) and on columns. A database without `clouddatahub:layer` is
 * not a Data Hub dataset and is ignored.
 */
export const GLUE_PARAMETERS = {
  layer: 'clouddatahub:layer',
  owner: 'clouddatahub:owner',
  businessObject: 'clouddatahub:business-object',
  classification: 'clouddatahub:classification',
  lifecycle: 'clouddatahub:lifecycle',
  /** Entity name; defaults to the database name with `_` turned into `-`. */
  name: 'clouddatahub:dataset',
  title: 'clouddatahub:title',
  /** Comma-separated entity refs of upstream datasets. */
  upstream: 'clouddatahub:upstream',
  tags: 'clouddatahub:tags',
  freshnessHours: 'clouddatahub:freshness-max-age-hours',
  /** On a column: `true` marks personally identifiable data. */
  pii: 'clouddatahub:pii',
} as const;

/** Where a Glue dataset's database is: `<account>/<region>/<database>`. */
export const ANNOTATION_GLUE_DATABASE = 'clouddatahub.io/glue-database';

export function isDataHubDatabase(database: Database): boolean {
  return !!database.Parameters?.[GLUE_PARAMETERS.layer];
}

const list = (value?: string) =>
  (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

const integer = (value?: string) => {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
};

function toColumn(column: Column): DatasetColumn {
  // Missing names or types are passed through as they are: the catalog's validation then
  // reports the exact field of the exact dataset, and every other dataset is unaffected.
  return {
    name: column.Name as string,
    type: column.Type as string,
    ...(column.Comment ? { description: column.Comment } : {}),
    ...(column.Parameters?.[GLUE_PARAMETERS.pii] === 'true'
      ? { pii: true }
      : {}),
  };
}

function toTable(table: Table): DatasetTable {
  const params = table.Parameters ?? {};
  const rowCount = integer(params.recordCount ?? params.numRows);
  const sizeBytes = integer(params.sizeKey ?? params.totalSize);
  return {
    name: table.Name as string,
    ...(table.Description ? { description: table.Description } : {}),
    columns: (table.StorageDescriptor?.Columns ?? []).map(toColumn),
    ...(table.PartitionKeys?.length
      ? { partitionKeys: table.PartitionKeys.map(toColumn) }
      : {}),
    ...(rowCount !== undefined ? { rowCount } : {}),
    ...(sizeBytes !== undefined ? { sizeBytes } : {}),
  };
}

/** The Dataset entity for a Data Hub database of a hub's Glue catalog and its tables. */
export function glueDatabaseToDataset(
  hub: Hub,
  region: string,
  database: Database,
  tables: Table[],
): DatasetEntityV1alpha1 {
  const p = database.Parameters ?? {};
  const name =
    p[GLUE_PARAMETERS.name] ?? (database.Name ?? '').replace(/_/g, '-');
  const lastUpdated = tables
    .map(t => t.UpdateTime ?? t.CreateTime)
    .filter((d): d is Date => !!d)
    .reduce<Date | undefined>((a, b) => (!a || b > a ? b : a), undefined);
  const freshness = Number(p[GLUE_PARAMETERS.freshnessHours]);
  const upstream = list(p[GLUE_PARAMETERS.upstream]);
  const tags = list(p[GLUE_PARAMETERS.tags]);

  return {
    apiVersion: DATASET_API_VERSION,
    kind: DATASET_KIND,
    metadata: {
      name,
      ...(p[GLUE_PARAMETERS.title] ? { title: p[GLUE_PARAMETERS.title] } : {}),
      ...(database.Description ? { description: database.Description } : {}),
      ...(tags.length ? { tags } : {}),
      annotations: {
        [ANNOTATION_GLUE_DATABASE]: `${hub.accountId}/${region}/${database.Name}`,
        ...(lastUpdated
          ? { [ANNOTATION_LAST_UPDATED]: lastUpdated.toISOString() }
          : {}),
      },
    },
    spec: {
      layer: p[GLUE_PARAMETERS.layer] as DatasetEntityV1alpha1['spec']['layer'],
      hub: hub.name,
      businessObject: p[GLUE_PARAMETERS.businessObject] as string,
      owner: p[GLUE_PARAMETERS.owner] as string,
      lifecycle: p[GLUE_PARAMETERS.lifecycle] ?? 'production',
      classification: p[
        GLUE_PARAMETERS.classification
      ] as DatasetEntityV1alpha1['spec']['classification'],
      storage: {
        location: database.LocationUri ?? commonLocation(tables),
        glueDatabase: database.Name as string,
        region,
        accountId: hub.accountId,
      },
      tables: tables.map(toTable),
      ...(upstream.length ? { upstream } : {}),
      ...(Number.isFinite(freshness) && freshness > 0
        ? { freshness: { maxAgeHours: freshness } }
        : {}),
    },
  };
}

/** A database without LocationUri lives where its tables do: their common prefix. */
function commonLocation(tables: Table[]): string {
  const locations = tables
    .map(t => t.StorageDescriptor?.Location)
    .filter((l): l is string => !!l);
  if (!locations.length) return '';
  let prefix = locations[0];
  for (const l of locations) {
    while (!l.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix.slice(0, prefix.lastIndexOf('/') + 1);
}
