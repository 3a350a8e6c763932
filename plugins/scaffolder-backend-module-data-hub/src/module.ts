import path from 'node:path';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readHubsFromConfig } from '@cloud-data-hub/data-hub-common';
import { createCatalogRegisterLocalAction } from './actions/catalogRegisterLocal';
import { createDatasetValidateAction } from './actions/datasetValidate';
import { createHubResolveAction } from './actions/hubResolve';
import { createPublishLocalAction } from './actions/publishLocal';
import { createScheduleResolveAction } from './actions/scheduleResolve';
import { createTerraformValidateAction } from './actions/terraformValidate';
import { createUpstreamResolveAction } from './actions/upstreamResolve';
import { LocalGitRepositories } from './git/LocalGitRepositories';

/**
 * The scaffolder actions of the data hub's templates: `datahub:*`.
 *
 * @public
 */
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
        const localGitDirectory = config.getOptionalString(
          'dataHub.scaffolder.localGitDirectory',
        );
        // Registered also without the folder, so a template that publishes locally on a
        // portal without one fails with a message saying so rather than "unknown action".
        const repositories = localGitDirectory
          ? new LocalGitRepositories(path.resolve(localGitDirectory))
          : undefined;
        scaffolder.addActions(
          createHubResolveAction({ hubs }),
          createDatasetValidateAction({ hubs, catalog }),
          createUpstreamResolveAction({ catalog }),
          createScheduleResolveAction(),
          createTerraformValidateAction({
            modulesDirectory: modulesDirectory
              ? path.resolve(modulesDirectory)
              : undefined,
          }),
          createPublishLocalAction({
            repositories,
            defaultAuthor: {
              name: config.getOptionalString('scaffolder.defaultAuthor.name'),
              email: config.getOptionalString('scaffolder.defaultAuthor.email'),
            },
            defaultCommitMessage: config.getOptionalString(
              'scaffolder.defaultCommitMessage',
            ),
          }),
          createCatalogRegisterLocalAction({ catalog, repositories }),
        );
      },
    });
  },
});
