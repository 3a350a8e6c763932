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
    };
  };
}
