import { catalogDatasetsLink } from './catalogLinks';

/** The filters the catalog's list reads from a link, the way it parses them. */
function filtersOf(link: string): Record<string, string[]> {
  const search = new URL(link, 'http://localhost').searchParams;
  const filters: Record<string, string[]> = {};
  for (const [key, value] of search) {
    const name = /^filters\[(\w+)\]$/.exec(key)?.[1];
    if (name) (filters[name] ??= []).push(value);
  }
  return filters;
}

describe('catalogDatasetsLink', () => {
  it('narrows the catalog to datasets of a hub and layer, of all owners', () => {
    const link = catalogDatasetsLink('/catalog', {
      hub: 'us',
      layer: 'source',
    });
    expect(decodeURIComponent(link)).toBe(
      '/catalog?filters[kind]=dataset&filters[user]=all&filters[hub]=us&filters[layer]=source',
    );
    expect(filtersOf(link)).toEqual({
      kind: ['dataset'],
      user: ['all'],
      hub: ['us'],
      layer: ['source'],
    });
  });

  it('leaves out what it does not narrow to', () => {
    expect(
      filtersOf(catalogDatasetsLink('/catalog', { layer: 'semantic' })),
    ).toEqual({ kind: ['dataset'], user: ['all'], layer: ['semantic'] });
    expect(filtersOf(catalogDatasetsLink('/catalog'))).toEqual({
      kind: ['dataset'],
      user: ['all'],
    });
  });

  it('follows where the app mounts the catalog, and encodes odd hub names', () => {
    const link = catalogDatasetsLink('/', { hub: 'eu & uk' });
    expect(link.startsWith('/?')).toBe(true);
    expect(filtersOf(link).hub).toEqual(['eu & uk']);
  });
});
