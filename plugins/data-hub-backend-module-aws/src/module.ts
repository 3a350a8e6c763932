import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

/**
 * The AWS runtime of the data hub (Athena engine, Lake Formation granter, STS role per hub).
 * It only activates when `dataHub.aws` is configured; the engine and granter arrive with
 * the query and access-request features.
 */
export const dataHubModuleAws = createBackendModule({
  pluginId: 'data-hub',
  moduleId: 'aws',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ config, logger }) {
        const aws = config.getOptionalConfig('dataHub.aws');
        if (!aws) {
          return;
        }
        const hubs = aws.getOptionalConfigArray('hubs') ?? [];
        logger.info(
          `AWS runtime configured for hubs: ${hubs.map(h => h.getString('hub')).join(', ') || 'none'}`,
        );
      },
    });
  },
});
