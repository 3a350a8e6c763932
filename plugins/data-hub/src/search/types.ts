import type { SearchDocument } from '@backstage/plugin-search-common';
import {
  DATASET_SEARCH_TYPE,
  type DatasetSearchFields,
} from '@cloud-data-hub/data-hub-common';

export { DATASET_SEARCH_TYPE };

/**
 * A dataset's search document as `@cloud-data-hub/search-backend-module-data-hub`
 * indexes it. Every field is optional here: the frontend must cope with
 * documents of an older or newer collator.
 *
 * @public
 */
export type DatasetSearchDocument = SearchDocument &
  Partial<DatasetSearchFields>;
