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
        /**
         * Megabytes one run's stored result (Parquet) may grow to (default 1024); a run past
         * it is stopped with a message saying so. Each person's results together are capped
         * by `dataHub.query.maxResultMegabytesPerUser`.
         */
        maxResultMegabytes?: number;
        /** Megabytes of rows one page request converts at most (default 16); wide rows give shorter pages. */
        maxPageMegabytes?: number;
        /** A query running longer is interrupted (default 120). */
        timeoutSeconds?: number;
        /** A CSV download (read from the stored result) running longer is stopped (default 600). */
        downloadTimeoutSeconds?: number;
        /**
         * Where runs' results are stored, one folder per run (default `.data-hub/query-results`).
         * Every replica of the backend must see the same folder (a shared volume).
         */
        resultsDirectory?: string;
      };
    };
  };
}
