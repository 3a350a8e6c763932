/**
 * The search result type (index name) of datasets.
 *
 * @public
 */
export const DATASET_SEARCH_TYPE = 'dataset';

/**
 * The search field the hub filter uses. Backstage's default engine (Lunr) splits filter values
 * at every character that is not a letter or digit and drops English stop words, and `us` is
 * one: filtering `hub=us` would filter nothing. A single-word key such as `hubus` is on no
 * stop-word list and works with every engine.
 *
 * @public
 */
export const DATASET_SEARCH_HUB_KEY_FIELD = 'hubKey';

/**
 * The value of {@link DATASET_SEARCH_HUB_KEY_FIELD} for a hub: `hub` + its letters and digits.
 *
 * @public
 */
export function datasetSearchHubKey(hub: string): string {
  return `hub${hub.replace(/[^\p{L}\p{N}]/gu, '').toLocaleLowerCase('en-US')}`;
}

/**
 * The fields of a dataset's search document, besides Backstage's title, text and location.
 * Written by the search collator module, read by the frontend's result item.
 *
 * @public
 */
export type DatasetSearchFields = {
  /** Always `Dataset`, so the search page's Kind filter also applies to datasets. */
  kind: string;
  namespace: string;
  /** The entity's `metadata.name`. */
  name: string;
  /** The entity's `metadata.description` alone (`text` holds it and the schema). */
  description: string;
  hub: string;
  /** `hub<hub>`, see {@link DATASET_SEARCH_HUB_KEY_FIELD}. */
  hubKey: string;
  layer: string;
  /** Entity ref of the owning group. */
  owner: string;
  lifecycle: string;
  classification: string;
  /** Entity ref of the business object, a Domain. */
  businessObject: string;
  tags: string[];
  /** Table names, in schema order. */
  tables: string[];
  /** Distinct column names of all tables (partition keys included), in schema order. */
  columns: string[];
};
