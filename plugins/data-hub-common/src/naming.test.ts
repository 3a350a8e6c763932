import {
  datasetLocation,
  datasetNameProblems,
  glueDatabaseName,
} from './naming';

const us = {
  name: 'us',
  title: 'US',
  region: 'us-east-1',
  accountId: '222222222222',
  consumesFrom: ['us'],
};

describe('naming', () => {
  it('derives the Glue database and location from the dataset name', () => {
    expect(glueDatabaseName('us-sales-orders-prepared')).toBe(
      'us_sales_orders_prepared',
    );
    expect(datasetLocation(us, 'prepared', 'us-sales-orders-prepared')).toBe(
      's3://cdh-us-prepared-222222222222/us_sales_orders_prepared/',
    );
  });

  it('accepts good names and explains bad ones', () => {
    expect(datasetNameProblems('us-sales-orders-prepared', 'prepared')).toEqual(
      [],
    );
    expect(datasetNameProblems('Sales_Orders', 'source')).toEqual([
      expect.stringMatching(/lower-case letters and digits/),
      expect.stringMatching(/must end with its layer: "-source"/),
    ]);
    expect(datasetNameProblems('ab')).toEqual([
      expect.stringMatching(/3 to 63/),
      expect.stringMatching(/lower-case/),
    ]);
    expect(datasetNameProblems('orders--source', 'source')).toEqual([
      expect.stringMatching(/single hyphens/),
    ]);
  });
});
