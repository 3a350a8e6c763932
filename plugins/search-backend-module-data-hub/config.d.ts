import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The search collator of `@cloud-data-hub/search-backend-module-data-hub`: one search
       * document (type `dataset`) per Dataset entity of the catalog, with its table and column
       * names, so that datasets can be found by column.
       */
      dataHubDatasets?: {
        /**
         * How often to re-index the datasets. Defaults to every 2 minutes (the pace at which the
         * data hub's catalog provider refreshes datasets), first run 30 s after start, timeout
         * 15 minutes.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Datasets read from the catalog per request. Defaults to 100. */
        batchSize?: number;
      };
    };
  };
}
