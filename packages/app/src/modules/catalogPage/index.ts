import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { catalogIndexPage } from './catalogIndexPage';

/**
 * Replaces the catalog's index page (`page:catalog`) with one whose table
 * shows the health of Datasets.
 */
export const catalogPageModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [catalogIndexPage],
});
