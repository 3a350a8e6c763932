import { summarizeTables } from './summarizeTables';

describe('summarizeTables', () => {
  it('adds up the tables that report rows and sizes', () => {
    expect(
      summarizeTables([
        { name: 'a', columns: [], rowCount: 10, sizeBytes: 100 },
        { name: 'b', columns: [], rowCount: 5 },
      ]),
    ).toEqual({
      rows: { total: 15, reporting: 2, of: 2 },
      sizeBytes: { total: 100, reporting: 1, of: 2 },
    });
  });

  it('reports nothing when no table carries statistics', () => {
    expect(summarizeTables([{ name: 'a', columns: [] }])).toEqual({
      rows: undefined,
      sizeBytes: undefined,
    });
  });
});
