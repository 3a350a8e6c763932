import {
  DuckDBDecimalType,
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  dateFromTimestampMillisecondsValue,
  dateFromTimestampNanosecondsValue,
  dateFromTimestampSecondsValue,
  dateFromTimestampTZValue,
  dateFromTimestampValue,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBValueConverter,
} from '@duckdb/node-api';
import type { QueryValue } from '@cloud-data-hub/data-hub-node';

const TIMESTAMPS: Partial<Record<DuckDBTypeId, (value: DuckDBValue) => Date>> =
  {
    [DuckDBTypeId.TIMESTAMP]: dateFromTimestampValue,
    [DuckDBTypeId.TIMESTAMP_S]: dateFromTimestampSecondsValue,
    [DuckDBTypeId.TIMESTAMP_MS]: dateFromTimestampMillisecondsValue,
    [DuckDBTypeId.TIMESTAMP_NS]: dateFromTimestampNanosecondsValue,
    [DuckDBTypeId.TIMESTAMP_TZ]: dateFromTimestampTZValue,
  };

const NUMBERS = new Set([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
]);
const BIG_INTEGERS = new Set([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
]);

/**
 * DuckDB values as the API returns them: JSON numbers where they are exact, booleans, null,
 * timestamps as ISO 8601 (UTC), dates as `YYYY-MM-DD`; integers beyond 2^53 and decimals
 * wider than a double keeps as strings; nested values as JSON text.
 */
export const toQueryValue: DuckDBValueConverter<QueryValue> = (
  value,
  type: DuckDBType,
) => {
  if (value === null) return null;
  const id = type.typeId;
  if (id === DuckDBTypeId.BOOLEAN) return Boolean(value);
  if (NUMBERS.has(id)) return Number(value);
  if (id === DuckDBTypeId.FLOAT || id === DuckDBTypeId.DOUBLE) {
    const n = Number(value);
    return Number.isFinite(n) ? n : String(n);
  }
  if (BIG_INTEGERS.has(id)) {
    const n = value as bigint;
    return n <= BigInt(Number.MAX_SAFE_INTEGER) &&
      n >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(n)
      : n.toString();
  }
  if (id === DuckDBTypeId.DECIMAL) {
    const width = (type as DuckDBDecimalType).width;
    return width <= 15 ? Number(value.toString()) : value.toString();
  }
  const timestamp = TIMESTAMPS[id];
  if (timestamp) {
    const date = timestamp(value);
    return Number.isNaN(date.getTime()) ? value.toString() : date.toISOString();
  }
  if (
    id === DuckDBTypeId.DATE ||
    id === DuckDBTypeId.VARCHAR ||
    id === DuckDBTypeId.ENUM ||
    id === DuckDBTypeId.UUID
  ) {
    return value.toString();
  }
  const json = JsonDuckDBValueConverter(value, type, JsonDuckDBValueConverter);
  return typeof json === 'string' ? json : JSON.stringify(json);
};
