import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  dataHubAccessGrantersExtensionPoint,
  dataHubQueryEnginesExtensionPoint,
} from '@cloud-data-hub/data-hub-node';
import { readAthenaPricePerTbUsd, readAwsHubConfigs } from './AwsHubConfig';
import { AthenaClients } from './athena/AthenaClients';
import { AthenaQueryEngine } from './athena/AthenaQueryEngine';
import { LakeFormationClients } from './lakeformation/LakeFormationClients';
import { LakeFormationGranter } from './lakeformation/LakeFormationGranter';

/**
 * The AWS runtime of the data hub (Athena engine, Lake Formation granter, STS role per hub).
 * It only activates when `dataHub.aws` is configured: then it provides the Lake Formation
 * granter and the Athena query engine.
 *
 * @public
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
        engines: dataHubQueryEnginesExtensionPoint,
      },
      async init({ config, logger, lifecycle, granters, engines }) {
        const hubs = readAwsHubConfigs(config);
        if (!hubs) {
          return;
        }
        logger.info(
          `AWS runtime configured for hubs: ${
            hubs.map(h => h.hub).join(', ') || 'none'
          }`,
        );
        const lakeFormation = new LakeFormationClients(hubs);
        granters.addAccessGranter(
          new LakeFormationGranter(lakeFormation, logger),
        );

        const athena = new AthenaClients(hubs);
        engines.addQueryEngine(
          new AthenaQueryEngine({
            clients: athena,
            logger,
            pricePerTbUsd: readAthenaPricePerTbUsd(config),
          }),
        );

        lifecycle.addShutdownHook(() => {
          lakeFormation.destroy();
          athena.destroy();
        });
      },
    });
  },
});
