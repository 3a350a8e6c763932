/** What a link to the catalog's list of datasets narrows it to. */
export interface CatalogDatasetsFilter {
  hub?: string;
  layer?: string;
}

/**
 * A link to the catalog's list of Datasets, narrowed to a hub and / or a
 * layer, e.g. `/catalog?filters[kind]=dataset&filters[user]=all&filters[hub]=us&filters[layer]=source`
 * (brackets percent-encoded). The catalog's pickers restore their selection
 * from these `filters[<name>]` parameters (the Hub and Layer pickers of this
 * plugin among them).
 *
 * `filters[user]=all` is needed for the list to match the counts the links
 * sit on: without it the catalog's "Owned / Starred / All" picker starts on
 * "Owned", and most people own few of the datasets counted here.
 *
 * @param catalogPath - The path of the catalog's list page, which the app
 *   may mount anywhere (the demo app mounts it at `/`).
 */
export function catalogDatasetsLink(
  catalogPath: string,
  filter: CatalogDatasetsFilter = {},
): string {
  const search = new URLSearchParams();
  search.set('filters[kind]', 'dataset');
  search.set('filters[user]', 'all');
  if (filter.hub) search.set('filters[hub]', filter.hub);
  if (filter.layer) search.set('filters[layer]', filter.layer);
  return `${catalogPath}?${search.toString()}`;
}
