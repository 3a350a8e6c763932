import path from 'node:path';

/** Glue database names are lower-case with underscores (`vehicle_trips_prepared`). */
export function glueDatabaseName(datasetName: string): string {
  return datasetName.replace(/-/g, '_');
}

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
