import path from 'node:path';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readHubsFromConfig } from '@cloud-data-hub/data-hub-common';
import { createDatasetValidateAction } from './actions/datasetValidate';
import { createHubResolveAction } from './actions/hubResolve';
import { createTerraformValidateAction } from './actions/terraformValidate';

/** The scaffolder actions of the data hub's templates: `datahub:*`. */
export const scaffolderModuleDataHub = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-hub',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, catalog }) {
        const hubs = readHubsFromConfig(config);
        const modulesDirectory = config.getOptionalString(
          'dataHub.scaffolder.terraformModulesDirectory',
        );
        scaffolder.addActions(
          createHubResolveAction({ hubs }),
          createDatasetValidateAction({ hubs, catalog }),
          createTerraformValidateAction({
            modulesDirectory: modulesDirectory ? path.resolve(modulesDirectory) : undefined,
          }),
        );
      },
    });
  },
});
