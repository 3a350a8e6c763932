import type { ColumnInfo } from '@aws-sdk/client-athena';
import { isHeaderRow, rowConverter, toQueryColumns } from './athenaValues';

function column(name: string, type: string, extra: Partial<ColumnInfo> = {}) {
  return { Name: name, Label: name, Type: type, ...extra };
}

/** Converts one value of an Athena type. */
function convert(type: string, text: string | undefined) {
  const row = { Data: [text === undefined ? {} : { VarCharValue: text }] };
  return rowConverter([column('c', type)])(row)[0];
}

describe('athena values', () => {
  it.each([
    ['integer', '42', 42],
    ['tinyint', '-7', -7],
    ['smallint', '300', 300],
    ['bigint', '9007199254740991', 9007199254740991],
    ['bigint', '-9007199254740991', -9007199254740991],
    // beyond 2^53 a double would change the value
    ['bigint', '9007199254740993', '9007199254740993'],
    ['bigint', '9007199254740992', '9007199254740992'],
    ['double', '1.5', 1.5],
    ['double', '1.0E10', 1e10],
    ['double', 'NaN', 'NaN'],
    ['double', 'Infinity', 'Infinity'],
    ['real', '-0.25', -0.25],
    ['float', '3.0', 3],
    ['decimal', '12.50', 12.5],
    ['decimal', '-0.001', -0.001],
    ['decimal', '123456789012345', 123456789012345],
    // 16 significant digits: kept exact as text
    ['decimal', '1234567890123.456', '1234567890123.456'],
    ['decimal', '0.1000000000000000000', 0.1],
    ['boolean', 'true', true],
    ['boolean', 'false', false],
    ['date', '2024-02-29', '2024-02-29'],
    ['timestamp', '2024-05-01 12:34:56.789', '2024-05-01T12:34:56.789Z'],
    ['timestamp', '2024-05-01 12:34:56', '2024-05-01T12:34:56.000Z'],
    [
      'timestamp(6)',
      '2024-05-01 12:34:56.123456',
      '2024-05-01T12:34:56.123456Z',
    ],
    [
      'timestamp with time zone',
      '2024-05-01 12:00:00.000 UTC',
      '2024-05-01T12:00:00.000Z',
    ],
    [
      'timestamp with time zone',
      '2024-05-01 12:00:00.000 +02:00',
      '2024-05-01T10:00:00.000Z',
    ],
    // Berlin is UTC+2 in summer and UTC+1 in winter
    [
      'timestamp with time zone',
      '2024-07-01 12:00:00.500 Europe/Berlin',
      '2024-07-01T10:00:00.500Z',
    ],
    [
      'timestamp with time zone',
      '2024-01-15 12:00:00.000 Europe/Berlin',
      '2024-01-15T11:00:00.000Z',
    ],
    [
      'timestamp with time zone',
      '2024-01-15 12:00:00.000 Not/AZone',
      '2024-01-15 12:00:00.000 Not/AZone',
    ],
    ['varchar', 'hello', 'hello'],
    ['varchar', '', ''],
    ['varchar', '42', '42'],
    ['time', '01:02:03.456', '01:02:03.456'],
    ['array', '[1, 2, 3]', '[1, 2, 3]'],
    ['row', '{a=1, b=x}', '{a=1, b=x}'],
    ['varbinary', '68 65 6c', '68 65 6c'],
    ['json', '{"a":1}', '{"a":1}'],
  ])('%s %j → %j', (type, text, expected) => {
    expect(convert(type, text)).toEqual(expected);
  });

  it.each(['integer', 'bigint', 'double', 'boolean', 'varchar', 'timestamp'])(
    'NULL (no VarCharValue) of %s is null',
    type => {
      expect(convert(type, undefined)).toBeNull();
    },
  );

  it('names columns by label and shows decimal precision', () => {
    expect(
      toQueryColumns([
        column('trip_id', 'varchar', { Precision: 2147483647 }),
        column('price', 'decimal', { Precision: 10, Scale: 2 }),
        { Name: 'n', Label: 'total', Type: 'bigint' },
      ]),
    ).toEqual([
      { name: 'trip_id', type: 'varchar' },
      { name: 'price', type: 'decimal(10,2)' },
      { name: 'total', type: 'bigint' },
    ]);
  });

  it('recognises the header row by the column labels', () => {
    const columns = [column('a', 'integer'), column('b', 'varchar')];
    expect(
      isHeaderRow(
        { Data: [{ VarCharValue: 'a' }, { VarCharValue: 'b' }] },
        columns,
      ),
    ).toBe(true);
    expect(
      isHeaderRow(
        { Data: [{ VarCharValue: '1' }, { VarCharValue: 'b' }] },
        columns,
      ),
    ).toBe(false);
    expect(isHeaderRow({ Data: [{ VarCharValue: 'a' }, {}] }, columns)).toBe(
      false,
    );
  });
});
