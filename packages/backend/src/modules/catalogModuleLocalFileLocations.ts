import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * The embedded demo has no Git host to register `url` locations from, so it also lets
 * people register Dataset YAML from local files (`POST /api/catalog/locations` with
 * `type: file`). A production portal keeps Backstage's default (`url` only).
 */
export const catalogModuleLocalFileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'local-file-locations',
  register(env) {
    env.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});
