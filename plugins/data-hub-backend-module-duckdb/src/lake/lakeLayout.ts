import path from 'node:path';

/** `<lake>/<hub>/<layer>/<glue database>/<table>/` mirrors a hub's S3 layout. */
export function tableDirectory(
  root: string,
  hub: string,
  layer: string,
  database: string,
  table: string,
): string {
  return path.join(root, hub, layer, database, table);
}

/** The dataset's root folder, its "S3 location". */
export function datasetDirectory(
  root: string,
  hub: string,
  layer: string,
  database: string,
) {
  return path.join(root, hub, layer, database);
}
