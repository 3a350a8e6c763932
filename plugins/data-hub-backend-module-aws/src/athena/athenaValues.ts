import type { ColumnInfo, Row } from '@aws-sdk/client-athena';
import type { QueryColumn, QueryValue } from '@cloud-data-hub/data-hub-node';

/*
 * GetQueryResults returns every value as text (`VarCharValue`, absent for NULL). These
 * functions give them back their JSON types by the column's Athena (Trino) type, as the
 * QueryValue contract asks: exact numbers as numbers, booleans, null, timestamps as ISO 8601.
 */

type Convert = (text: string) => QueryValue;

const SMALL_INTEGERS = new Set(['tinyint', 'smallint', 'integer', 'int']);
const FLOATS = new Set(['double', 'real', 'float']);
/** Digits a double holds exactly for any decimal of that many significant digits. */
const DOUBLE_SAFE_DIGITS = 15;

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(\d*)(?:\.(\d*))?$/;
const TIMESTAMP_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/;
const TIMESTAMP_TZ_TEXT =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))? ([\w/+:-]+)$/;
const OFFSET_TEXT = /^[+-]\d{2}:\d{2}$/;

function toNumber(text: string): QueryValue {
  const n = Number(text);
  // NaN and ±Infinity have no JSON number: keep Athena's text.
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

function toBigint(text: string): QueryValue {
  if (!INTEGER_TEXT.test(text)) return text;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

function toDecimal(text: string): QueryValue {
  const match = DECIMAL_TEXT.exec(text);
  if (!match || (!match[1] && !match[2])) return text;
  // Significant digits, ignoring leading zeros and trailing fractional zeros: "0012.500"
  // has 3. Up to 15 of them round-trip through a double unchanged.
  const digits = `${match[1]}${(match[2] ?? '').replace(/0+$/, '')}`.replace(
    /^0+/,
    '',
  );
  return digits.length <= DOUBLE_SAFE_DIGITS ? Number(text) : text;
}

/** At least milliseconds, as `Date#toISOString` writes them; finer digits are kept. */
function fraction(digits: string | undefined): string {
  return `.${(digits ?? '').padEnd(3, '0')}`;
}

/** `2024-05-01 12:00:00.123` (Athena sessions run in UTC) → `2024-05-01T12:00:00.123Z`. */
function toTimestamp(text: string): QueryValue {
  const match = TIMESTAMP_TEXT.exec(text);
  return match ? `${match[1]}T${match[2]}${fraction(match[3])}Z` : text;
}

/** Offset of `timeZone` from UTC at `utcMillis`, in milliseconds. */
function zoneOffsetMs(timeZone: string, utcMillis: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMillis));
  const get = (type: string) => Number(parts.find(p => p.type === type)?.value);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(utcMillis / 1000) * 1000;
}

/**
 * `2024-05-01 12:00:00.123 UTC`, `… +02:00` or `… Europe/Berlin` → the instant in UTC
 * (`2024-05-01T10:00:00.123Z`), like the DuckDB engine's TIMESTAMPTZ values. Precision is
 * milliseconds (Athena's default); text that does not parse stays as it is.
 */
function toTimestampWithZone(text: string): QueryValue {
  const match = TIMESTAMP_TZ_TEXT.exec(text);
  if (!match) return text;
  const [, date, time, digits, zone] = match;
  const ms = (digits ?? '').padEnd(3, '0').slice(0, 3);
  const local = Date.parse(`${date}T${time}.${ms}Z`);
  if (Number.isNaN(local)) return text;
  let utc: number;
  if (zone === 'UTC' || zone === 'Z') {
    utc = local;
  } else if (OFFSET_TEXT.test(zone)) {
    utc = Date.parse(`${date}T${time}.${ms}${zone}`);
  } else {
    try {
      // Wall time in a named zone: subtract the zone's offset, then correct once in case
      // the first guess fell on the other side of a DST change.
      const guess = local - zoneOffsetMs(zone, local);
      utc = local - zoneOffsetMs(zone, guess);
    } catch {
      return text; // a zone name this runtime does not know
    }
  }
  return Number.isNaN(utc) ? text : new Date(utc).toISOString();
}

function keep(text: string): QueryValue {
  return text;
}

/** The base type of an Athena type name: `decimal(10,2)` → `decimal`, lower-case. */
function baseType(type: string | undefined): string {
  return (type ?? '').toLowerCase().replace(/\(.*$/, '').trim();
}

function converter(type: string | undefined): Convert {
  const base = baseType(type);
  if (SMALL_INTEGERS.has(base)) return toNumber;
  if (base === 'bigint') return toBigint;
  if (FLOATS.has(base)) return toNumber;
  if (base === 'decimal') return toDecimal;
  if (base === 'boolean') return text => text === 'true';
  if (base === 'timestamp') return toTimestamp;
  if (base === 'timestamp with time zone') return toTimestampWithZone;
  // date is already `YYYY-MM-DD`; varchar, char, time, intervals, varbinary (hex), uuid,
  // ipaddress, json, and nested array/map/row (Athena's own text, not JSON) stay text.
  return keep;
}

/** The columns as the API shows them, with Athena's type name (and a decimal's precision). */
export function toQueryColumns(columnInfo: ColumnInfo[]): QueryColumn[] {
  return columnInfo.map(column => {
    const type = column.Type ?? 'unknown';
    return {
      name: column.Label ?? column.Name ?? '',
      type:
        baseType(type) === 'decimal' && column.Precision !== undefined
          ? `decimal(${column.Precision},${column.Scale ?? 0})`
          : type,
    };
  });
}

/** Turns Athena's rows of text into typed rows, one converter per column. */
export function rowConverter(
  columnInfo: ColumnInfo[],
): (row: Row) => QueryValue[] {
  const converters = columnInfo.map(column => converter(column.Type));
  return row =>
    converters.map((convert, i) => {
      const text = row.Data?.[i]?.VarCharValue;
      return text === undefined ? null : convert(text);
    });
}

/**
 * Whether a row is the header row Athena puts first on the first page of a SELECT's results
 * (its values are the column labels). Other statements (EXPLAIN, for one) have none, so the
 * header is recognised rather than assumed.
 */
export function isHeaderRow(row: Row, columnInfo: ColumnInfo[]): boolean {
  const data = row.Data ?? [];
  return (
    columnInfo.length > 0 &&
    data.length === columnInfo.length &&
    columnInfo.every((column, i) => {
      const value = data[i]?.VarCharValue;
      return value === column.Label || value === column.Name;
    })
  );
}
