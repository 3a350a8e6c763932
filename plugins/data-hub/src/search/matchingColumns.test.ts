import { matchingColumns } from './matchingColumns';

const columns = [
  'order_id',
  'vin',
  'opt_seat_massage',
  'opt_seat_heating',
  'opt_light_laser',
  'dealer_id',
];

describe('matchingColumns', () => {
  it('finds a column by its exact name', () => {
    expect(matchingColumns('vin', columns)).toEqual(['vin']);
    expect(matchingColumns('VIN', columns)).toEqual(['vin']);
    expect(matchingColumns('"vin"', columns)).toEqual(['vin']);
  });

  it('finds columns by a prefix of the name or of a name part', () => {
    expect(matchingColumns('opt_seat', columns)).toEqual([
      'opt_seat_massage',
      'opt_seat_heating',
    ]);
    expect(matchingColumns('massage', columns)).toEqual(['opt_seat_massage']);
    expect(matchingColumns('mass', columns)).toEqual(['opt_seat_massage']);
    expect(matchingColumns('id', columns)).toEqual(['order_id', 'dealer_id']);
  });

  it('puts exact matches first and matches any word of the term', () => {
    expect(matchingColumns('laser vin', columns)).toEqual([
      'vin',
      'opt_light_laser',
    ]);
  });

  it('matches nothing for an empty, one-letter or unrelated term', () => {
    expect(matchingColumns('', columns)).toEqual([]);
    expect(matchingColumns('  v ', columns)).toEqual([]);
    expect(matchingColumns('customer', columns)).toEqual([]);
    expect(matchingColumns('vin', [])).toEqual([]);
  });

  it('lists a column once even when several tables hold it', () => {
    expect(matchingColumns('vin', ['vin', 'vin'])).toEqual(['vin']);
  });
});
