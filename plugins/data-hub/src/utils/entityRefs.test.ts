import { fullEntityRef, isOwnedBy } from './entityRefs';

describe('entity refs', () => {
  it('expands short refs', () => {
    expect(fullEntityRef('sales-data-us', 'group')).toBe(
      'group:default/sales-data-us',
    );
    expect(fullEntityRef('Group:default/Sales-Data-US', 'group')).toBe(
      'group:default/sales-data-us',
    );
    expect(fullEntityRef('', 'group')).toBeUndefined();
  });

  it('matches an owner against the ownership refs of an identity', () => {
    const refs = ['user:default/bob-owner', 'group:default/sales-data-us'];
    expect(isOwnedBy(refs, 'sales-data-us')).toBe(true);
    expect(isOwnedBy(refs, 'group:default/sales-data-us')).toBe(true);
    expect(isOwnedBy(refs, 'group:default/customer-data-us')).toBe(false);
  });
});
