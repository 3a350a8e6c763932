import { stringifyEntityRef } from '@backstage/catalog-model';
import type { DatasetEntityV1alpha1 } from '@cloud-data-hub/data-hub-common';

/** An OpenLineage dataset name resolved to a catalog Dataset (and its table, where the name says). */
export interface ResolvedName {
  entityRef: string;
  dataset: DatasetEntityV1alpha1;
  table?: string;
}

export interface NameMatchers {
  /** The Dataset whose storage location is a prefix of `url`, and the rest of the path. */
  location(
    url: string,
  ): { dataset: DatasetEntityV1alpha1; rest: string } | undefined;
  /** The Dataset with this Glue database (in this region/account, when known). */
  glue(
    database: string,
    region?: string,
    accountId?: string,
  ): DatasetEntityV1alpha1 | undefined;
}

/** The first path segment below a dataset's location is its table folder (`orders/dt=…/x.parquet`). */
function tableOf(rest: string): string | undefined {
  const segment = rest.split('/').find(s => s.length > 0);
  return segment && !segment.includes('=') ? segment : undefined;
}

const resolved = (
  dataset: DatasetEntityV1alpha1,
  table?: string,
): ResolvedName => ({
  entityRef: stringifyEntityRef(dataset),
  dataset,
  ...(table ? { table } : {}),
});

/**
 * Resolves a dataset name per the OpenLineage naming spec
 * (https://openlineage.io/docs/spec/naming):
 * - S3: namespace `s3://{bucket}`, name `{path}` (also `s3a://`, `s3n://`);
 * - local files: namespace `file` (or `file://{host}`), name `{absolute path}`;
 * - Glue: namespace `arn:aws:glue:{region}:{account}` (`awsglue:` prefix tolerated), name `table/{database}/{table}`;
 * - Athena: namespace `awsathena://athena.{region}.amazonaws.com`, name `{catalog}.{database}.{table}`.
 * Anything else, or a name no Dataset matches, is external: undefined.
 */
export function resolveOpenLineageName(
  namespace: string,
  name: string,
  match: NameMatchers,
): ResolvedName | undefined {
  const s3 = /^s3[an]?:\/\/([^/]+)\/?$/.exec(namespace);
  if (s3) {
    const url = `s3://${s3[1]}/${name.replace(/^\/+/, '')}`;
    const hit = match.location(url);
    return hit && resolved(hit.dataset, tableOf(hit.rest));
  }
  if (namespace === 'file' || namespace.startsWith('file://')) {
    const path = name.startsWith('/') ? name : `/${name}`;
    const hit =
      match.location(`file://${path}`) ??
      match.location(`file://${encodeURI(path)}`);
    return hit && resolved(hit.dataset, tableOf(decodeURI(hit.rest)));
  }
  const glue = /^(?:awsglue:)?arn:aws[\w-]*:glue:([\w-]+):(\d+)$/.exec(
    namespace,
  );
  if (glue) {
    const parts = /^table\/([^/]+)\/([^/]+)$/.exec(name);
    const dataset = parts && match.glue(parts[1], glue[1], glue[2]);
    return dataset ? resolved(dataset, parts![2]) : undefined;
  }
  const athena = /^awsathena:\/\/athena\.([\w-]+)\.amazonaws\.com/.exec(
    namespace,
  );
  if (athena) {
    const parts = name.split('.');
    if (parts.length < 2) return undefined;
    const dataset = match.glue(parts[parts.length - 2], athena[1]);
    return dataset ? resolved(dataset, parts[parts.length - 1]) : undefined;
  }
  return undefined;
}
