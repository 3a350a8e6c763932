import { sampleRun } from '../../testing/queryFixtures';
import {
  cellText,
  describeStatistics,
  formatCost,
  formatDuration,
  isNumericColumn,
} from './queryFormat';
import { pageRowsFor } from './useResultRows';

describe('formatDuration', () => {
  it('is precise for quick queries and short for long ones', () => {
    expect(formatDuration(42)).toBe('42 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });
});

describe('describeStatistics', () => {
  it('lists rows, time, bytes scanned and a real cost', () => {
    expect(
      describeStatistics(
        sampleRun({
          statistics: {
            rows: 1234,
            elapsedMs: 800,
            bytesScanned: 12 * 1024 * 1024,
            costEstimateUsd: 0.00006,
          },
        }),
      ),
    ).toBe('1,234 rows · 800 ms · 12.0 MiB scanned · ≈ $0.0001');
  });

  it('says "first" of a truncated result and leaves out a zero cost', () => {
    expect(
      describeStatistics(
        sampleRun({
          statistics: {
            rows: 100_000,
            rowsTruncated: true,
            elapsedMs: 2500,
            costEstimateUsd: 0,
          },
        }),
      ),
    ).toBe('first 100,000 rows · 2.5 s');
    expect(describeStatistics(sampleRun({ statistics: { rows: 1 } }))).toBe(
      '1 row',
    );
  });

  it('formats costs of a cent and more to the cent', () => {
    expect(formatCost(1.234)).toBe('≈ $1.23');
  });
});

describe('isNumericColumn', () => {
  it('knows DuckDB and Athena number types', () => {
    for (const type of [
      'BIGINT',
      'DOUBLE',
      'DECIMAL(18,2)',
      'integer',
      'double',
      'decimal(38,0)',
      'HUGEINT',
      'FLOAT',
    ]) {
      expect(isNumericColumn({ name: 'x', type })).toBe(true);
    }
    for (const type of [
      'VARCHAR',
      'TIMESTAMP',
      'DATE',
      'BOOLEAN',
      'varchar',
      'INTERVAL',
    ]) {
      expect(isNumericColumn({ name: 'x', type })).toBe(false);
    }
  });
});

describe('cellText', () => {
  it('renders each JSON type', () => {
    expect(cellText(null)).toBe('NULL');
    expect(cellText(true)).toBe('true');
    expect(cellText(48123.5)).toBe('48123.5');
    expect(cellText('2026-10-19T00:00:00.000Z')).toBe(
      '2026-10-19T00:00:00.000Z',
    );
  });
});

describe('pageRowsFor', () => {
  it('pages of up to 5,000 rows, fewer for wide results', () => {
    expect(pageRowsFor(10)).toBe(5000);
    expect(pageRowsFor(159)).toBe(1257);
    expect(pageRowsFor(10_000)).toBe(500);
  });
});
