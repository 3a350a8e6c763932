import type { QueryResultPage } from '@cloud-data-hub/data-hub-node';
import { FirstPageCache } from './FirstPageCache';

const columns = [{ name: 'n', type: 'INTEGER' }];
const page = (n: number, hasMore: boolean): QueryResultPage => ({
  columns,
  rows: Array.from({ length: n }, (_, i) => [i]),
  hasMore,
});

describe('FirstPageCache', () => {
  it('serves pages inside the cached first page, and says whether more follow', async () => {
    const cache = new FirstPageCache();
    cache.remember('r', async () => page(500, true));
    await expect(cache.serve('r', 0, 500)).resolves.toEqual(page(500, true));
    await expect(cache.serve('r', 10, 2)).resolves.toEqual({
      columns,
      rows: [[10], [11]],
      hasMore: true,
    });
    // Past what it holds of a longer result: the file is read instead.
    await expect(cache.serve('r', 400, 200)).resolves.toBeUndefined();
    await expect(cache.serve('other', 0, 10)).resolves.toBeUndefined();
  });

  it('serves any page of a result it holds whole', async () => {
    const cache = new FirstPageCache();
    cache.remember('r', async () => page(3, false));
    await expect(cache.serve('r', 0, 500)).resolves.toEqual(page(3, false));
    await expect(cache.serve('r', 5, 500)).resolves.toEqual({
      columns,
      rows: [],
      hasMore: false,
    });
  });

  it('keeps neither failed reads, large pages, removed runs nor more than its entries', async () => {
    const cache = new FirstPageCache(2, 100);
    cache.remember('failed', async () => {
      throw new Error('gone');
    });
    await expect(cache.serve('failed', 0, 1)).resolves.toBeUndefined();
    cache.remember('large', async () => ({
      columns,
      rows: [['x'.repeat(200)]],
      hasMore: false,
    }));
    await expect(cache.serve('large', 0, 1)).resolves.toBeUndefined();
    cache.remember('a', async () => page(1, false));
    cache.remember('b', async () => page(1, false));
    cache.remember('c', async () => page(1, false));
    await expect(cache.serve('a', 0, 1)).resolves.toBeUndefined();
    await expect(cache.serve('c', 0, 1)).resolves.toBeDefined();
    cache.forget('c');
    await expect(cache.serve('c', 0, 1)).resolves.toBeUndefined();
  });
});
