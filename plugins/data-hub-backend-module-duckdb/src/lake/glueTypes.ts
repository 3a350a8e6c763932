/**
 * Maps DuckDB column types to the Glue / Hive type names the Dataset kind uses, so a
 * dataset reads the same whether it comes from the local lake or a hub's Glue catalog.
 */
export function toGlueType(duckdbType: string): string {
  const t = duckdbType.toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (decimal) return `decimal(${decimal[1]},${decimal[2]})`;
  if (t.endsWith('[]')) return `array<${toGlueType(duckdbType.slice(0, -2))}>`;
  switch (t) {
    case 'VARCHAR':
      return 'string';
    case 'BIGINT':
    case 'UBIGINT':
    case 'HUGEINT':
      return 'bigint';
    case 'INTEGER':
    case 'UINTEGER':
      return 'int';
    case 'SMALLINT':
    case 'USMALLINT':
      return 'smallint';
    case 'TINYINT':
    case 'UTINYINT':
      return 'tinyint';
    case 'DOUBLE':
      return 'double';
    case 'FLOAT':
      return 'float';
    case 'BOOLEAN':
      return 'boolean';
    case 'DATE':
      return 'date';
    case 'TIMESTAMP':
    case 'TIMESTAMP WITH TIME ZONE':
    case 'TIMESTAMP_NS':
    case 'TIMESTAMP_MS':
      return 'timestamp';
    case 'BLOB':
      return 'binary';
    default:
      return duckdbType.toLowerCase();
  }
}
