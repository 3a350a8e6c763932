export interface Config {
  dataHub?: {
    /** The AWS runtime; absent in the embedded default. */
    aws?: {
      /** Per-hub AWS settings, matched to `dataHub.hubs` by name. */
      hubs: Array<{
        /** Name of a hub in `dataHub.hubs`. */
        hub: string;
        /** Role the portal assumes to read the hub's Glue catalog and manage Lake Formation grants. */
        roleArn?: string;
        /** External id for the role assumption. @visibility secret */
        externalId?: string;
        /** Athena workgroup queries of this hub run in. */
        athenaWorkgroup?: string;
        /** S3 URI for Athena query results of this hub. */
        athenaOutputLocation?: string;
        /** Endpoint override, for tests against a local AWS emulator. */
        endpoint?: string;
      }>;
    };
  };
}
