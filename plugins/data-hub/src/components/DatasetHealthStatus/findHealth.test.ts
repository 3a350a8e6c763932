import { findHealth } from './findHealth';
import { sampleHealth } from './healthFixtures';

describe('findHealth', () => {
  const orders = sampleHealth();
  const kpis = sampleHealth({
    entityRef: 'dataset:finance/Vehicle-Sales-KPIs',
    status: 'stale',
  });
  const items = [orders, kpis];

  it('finds a dataset by its full ref, whatever the case', () => {
    expect(findHealth(items, 'dataset:default/vehicle-orders')).toBe(orders);
    expect(findHealth(items, 'Dataset:Default/Vehicle-Orders')).toBe(orders);
    expect(findHealth(items, 'dataset:finance/vehicle-sales-kpis')).toBe(kpis);
  });

  it('reads short refs as datasets in the default namespace', () => {
    expect(findHealth(items, 'vehicle-orders')).toBe(orders);
    expect(findHealth(items, 'finance/vehicle-sales-kpis')).toBe(kpis);
  });

  it('finds nothing for other datasets, other kinds and broken refs', () => {
    expect(findHealth(items, 'dataset:default/raw-orders')).toBeUndefined();
    expect(
      findHealth(items, 'component:default/vehicle-orders'),
    ).toBeUndefined();
    expect(findHealth(items, 'dataset:')).toBeUndefined();
    expect(findHealth([], 'dataset:default/vehicle-orders')).toBeUndefined();
  });
});
