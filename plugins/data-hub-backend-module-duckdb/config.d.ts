export interface Config {
  dataHub?: {
    /** The embedded default: DuckDB over a local lake of Parquet files. */
    duckdb?: {
      /**
       * Folder of the local lake (`<hub>/<layer>/<glue database>/<table>/*.parquet`), relative
       * to the backend's working directory. Defaults to `.data-hub/lake`.
       */
      lakeDirectory?: string;
      demoLake?: {
        /** Generate the demo lake on start when it is missing or outdated. Defaults to true. */
        generate?: boolean;
        /** Multiplies every demo table's row count; 1 (default) is about 6 million rows. */
        scale?: number;
      };
      /** Limits of the DuckDB query engine; each use case's queries run in their own sandbox. */
      query?: {
        /** DuckDB memory limit per use-case sandbox, e.g. `1GB` (default). */
        memoryLimit?: string;
        /** DuckDB threads per use-case sandbox (default 2). */
        threads?: number;
        /** Rows kept for paging in the portal (default 100,000); the CSV download has all rows. */
        maxRows?: number;
        /**
         * Megabytes of result rows kept for paging per query (default 64); beyond it the page
         * says the result is cut and the CSV download has every row.
         */
        maxResultMegabytes?: number;
        /**
         * Megabytes of result rows kept for paging by all queries together (default 512): the
         * oldest finished results give way first, and a query that still finds no room fails
         * with a message saying so. Keeps any number of large results from filling the heap.
         */
        maxRetainedMegabytes?: number;
        /** A query running longer is interrupted (default 120). */
        timeoutSeconds?: number;
        /** A CSV download (which runs the query again) running longer is stopped (default 600). */
        downloadTimeoutSeconds?: number;
        /** How long finished results stay available for paging (default 30). */
        resultRetentionMinutes?: number;
        /** Most queries kept in memory at once (default 200). */
        maxRetainedQueries?: number;
      };
    };
  };
}
