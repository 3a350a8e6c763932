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
        /**
         * Observed lineage: Datasets that job runs read to write a Dataset (OpenLineage, from
         * the data-hub backend's `/lineage/dependencies`) become its `dependsOn` relations and
         * its `clouddatahub.io/observed-upstream` annotation. Applies to Datasets of any
         * origin, also when `enabled` above is false.
         */
        observedLineage?: {
          /**
           * Set to false to relate Datasets by declared `spec.upstream` only. Defaults to true.
           * @visibility backend
           */
          enabled?: boolean;
          /**
           * How long the dependencies read from the data-hub backend are reused, in seconds;
           * defaults to 30.
           * @visibility backend
           */
          cacheSeconds?: number;
        };
      };
      /**
       * Dataset entities from the Glue Data Catalog of each hub (the AWS runtime). A database
       * is a Data Hub dataset when its parameters carry `clouddatahub:layer`; see README.
       */
      dataHubGlue?: Array<{
        /** A hub of `dataHub.hubs`. */
        hub: string;
        /** Region of the hub's catalog; defaults to the hub's region. */
        region?: string;
        /** Role to assume for reading the hub's catalog; default credentials when absent. */
        roleArn?: string;
        /** External id for the role assumption. @visibility secret */
        externalId?: string;
        /** Endpoint override, e.g. a local emulator in tests. */
        endpoint?: string;
        /** Defaults to every 30 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Databases read at once; defaults to 8. */
        concurrency?: number;
        /** Unchanged databases' tables are re-read in full at least this often; defaults to 6. */
        fullRefreshHours?: number;
      }>;
    };
  };
}
