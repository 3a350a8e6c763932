import { StatementCache } from './StatementCache';

describe('StatementCache', () => {
  it('keeps the most recently used entries within its bounds', () => {
    const cache = new StatementCache<number>(2, 10);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    // 'b' was the least recently used.
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    cache.set('x'.repeat(11), 4);
    expect(cache.get('x'.repeat(11))).toBeUndefined();
  });
});
