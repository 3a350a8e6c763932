import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { dataHubAccessGrantersExtensionPoint } from '@cloud-data-hub/data-hub-node';
import { readAwsHubConfigs } from './AwsHubConfig';
import { LakeFormationClients } from './lakeformation/LakeFormationClients';
import { LakeFormationGranter } from './lakeformation/LakeFormationGranter';

/**
 * The AWS runtime of the data hub (Athena engine, Lake Formation granter, STS role per hub).
 * It only activates when `dataHub.aws` is configured: then it provides the Lake Formation
 * granter; the Athena engine arrives with the query feature.
 */
export const dataHubModuleAws = createBackendModule({
  pluginId: 'data-hub',
  moduleId: 'aws',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        granters: dataHubAccessGrantersExtensionPoint,
      },
      async init({ config, logger, lifecycle, granters }) {
        const hubs = readAwsHubConfigs(config);
        if (!hubs) {
          return;
        }
        logger.info(
          `AWS runtime configured for hubs: ${
            hubs.map(h => h.hub).join(', ') || 'none'
          }`,
        );
        const clients = new LakeFormationClients(hubs);
        granters.addAccessGranter(new LakeFormationGranter(clients, logger));
        lifecycle.addShutdownHook(() => clients.destroy());
      },
    });
  },
});
