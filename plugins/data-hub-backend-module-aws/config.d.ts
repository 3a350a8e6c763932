export interface Config {
  dataHub?: {
    /** The AWS runtime; absent in the embedded default. */
    aws?: {
      /**
       * Athena's price per TB of data scanned, in US dollars, for the cost estimate shown with
       * each query (data scanned, at least 10 MB per query, times this price). Defaults to 5,
       * the list price in US regions.
       */
      athenaPricePerTbUsd?: number;
      /** Per-hub AWS settings, matched to `dataHub.hubs` by name. */
      hubs: Array<{
        /** Name of a hub in `dataHub.hubs`. */
        hub: string;
        /**
         * Region of the hub's Glue Data Catalog and Lake Formation; defaults to the hub's
         * `region` in `dataHub.hubs`. A dataset whose `storage.region` differs is granted in
         * its own region with the same role.
         */
        region?: string;
        /**
         * Role the portal assumes to read the hub's Glue catalog and manage Lake Formation
         * grants; default credentials of the backend when absent. The Athena engine assumes
         * the use cases' consumer roles from this identity (never querying as it).
         */
        roleArn?: string;
        /** External id for the role assumption. @visibility secret */
        externalId?: string;
        /**
         * Athena workgroup the queries of this hub's use cases run in (required for the Athena
         * engine to query as a use case of this hub). The use cases' roles need
         * `athena:StartQueryExecution` and friends on it.
         */
        athenaWorkgroup?: string;
        /**
         * S3 URI (`s3://bucket/prefix/`) for the Athena query results of this hub's use cases.
         * When absent, the workgroup's own result location applies (and one the workgroup
         * enforces always wins). The use cases' roles also delete a run's result there
         * (`<query id>.csv` and its `.metadata`) when the data hub removes it (retention, a
         * user's cap), so they need `s3:DeleteObject` on that location.
         */
        athenaOutputLocation?: string;
        /**
         * Athena's price per TB scanned in this hub's region, in US dollars, for the cost
         * estimate of its queries; defaults to `dataHub.aws.athenaPricePerTbUsd`.
         */
        athenaPricePerTbUsd?: number;
        /**
         * Endpoint override for every AWS call of the hub (Lake Formation, Athena, and STS for
         * the role assumptions), for tests against a local AWS emulator.
         */
        endpoint?: string;
        /** How often an AWS call is tried before it fails (adaptive retries). Defaults to 8. */
        maxAttempts?: number;
      }>;
    };
  };
}
