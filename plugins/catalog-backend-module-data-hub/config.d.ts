import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The provider that registers the datasets of the data-hub backend's dataset sources. */
      dataHub?: {
        /** Set to false to not register data-hub datasets. Defaults to true. */
        enabled?: boolean;
        /** How often to refresh; defaults to every 2 minutes, first run 5 s after start. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
