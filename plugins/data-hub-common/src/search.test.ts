import { datasetSearchHubKey } from './search';

describe('datasetSearchHubKey', () => {
  it('makes one word of a hub name, so no search engine drops it as a stop word', () => {
    expect(datasetSearchHubKey('us')).toBe('hubus');
    expect(datasetSearchHubKey('eu-West_1')).toBe('hubeuwest1');
  });
});
