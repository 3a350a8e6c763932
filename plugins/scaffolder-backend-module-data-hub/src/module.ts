import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

/**
 * Scaffolder actions for the data hub's templates (`datahub:*`). The actions themselves
 * (dataset validation, hub resolution, Terraform validation) arrive with the templates.
 */
export const scaffolderModuleDataHub = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-hub',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ scaffolder, logger }) {
        const actions: Parameters<typeof scaffolder.addActions> = [];
        scaffolder.addActions(...actions);
        logger.debug(`Registered ${actions.length} data hub scaffolder actions`);
      },
    });
  },
});
