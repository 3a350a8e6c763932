import type { HumanDuration } from '@backstage/types';

export interface Config {
  dataHub?: {
    /** The access-request workflow. */
    access?: {
      /**
       * Longest grant a request may ask for, in days, per dataset classification.
       * Defaults: public 365, internal 180, confidential 90, strictly-confidential 30.
       * @visibility frontend
       */
      maxDurationDays?: {
        /** @visibility frontend */
        public?: number;
        /** @visibility frontend */
        internal?: number;
        /** @visibility frontend */
        confidential?: number;
        /** @visibility frontend */
        'strictly-confidential'?: number;
      };
      /** Requesters are reminded this many days before a grant expires (default 7). */
      reminderDaysBeforeExpiry?: number;
      /** Id of the granter to use when several modules register one (`local`, `lake-formation`). */
      granter?: string;
      /** Seconds between runs of the expiry job, 1–60 (default 30). */
      expiryIntervalSeconds?: number;
      /** Minutes between runs of the grant reconcile job (default 60). */
      reconcileIntervalMinutes?: number;
      /** Whether the scheduled reconcile re-grants what the granter lost (default false: report only). */
      repairDrift?: boolean;
      /** Largest body of an access API request, e.g. `1mb` (default); larger ones get 413. */
      maxRequestBody?: string;
    };
    /** Lineage intake and views. */
    lineage?: {
      /**
       * Whether the embedded default (the DuckDB module) replays realistic lineage events for the
       * demo lake on start, when no run is stored yet (default true). No effect without that module.
       */
      demoReplay?: boolean;
      /**
       * Days a dependency seen in a COMPLETE job run counts as observed lineage (catalog
       * `dependsOn` relations from `/lineage/dependencies`); older ones fall out (default 90).
       */
      dependencyWindowDays?: number;
      /**
       * Largest OpenLineage batch a job may post, e.g. `10mb` (default); larger ones get 413.
       * Only service tokens get this far: the token is checked before the body is read.
       */
      maxRequestBody?: string;
    };
    /** The query page. */
    query?: {
      /** Id of the engine to use when several modules register one (`duckdb`, `athena`). */
      engine?: string;
      /** Largest body of a query API request, e.g. `1mb` (default, room for 100,000-character SQL); larger ones get 413. */
      maxRequestBody?: string;
      /**
       * How long a succeeded run's stored result stays readable (default `{ hours: 24 }`; an
       * ISO duration like `P7D` works too). The scheduler removes older ones, once across
       * replicas; the run stays in the history with its result marked removed.
       */
      resultRetention?: HumanDuration | string;
      /** Megabytes of stored results per person (default 2048); their oldest results are removed beyond it. */
      maxResultMegabytesPerUser?: number;
      /**
       * How often a backend process records that the runs it executes are alive, and picks
       * up cancels made through other replicas (default 2).
       */
      heartbeatSeconds?: number;
      /**
       * A run executing in a backend process (DuckDB) that has not been reported alive for
       * this long ends as `interrupted`: its process stopped (default 30; at least three
       * heartbeats).
       */
      interruptAfterSeconds?: number;
      /**
       * How often the scheduler ends such runs and polls runs in the engine's own service
       * (Athena), so they end even when nobody is watching (default 10).
       */
      watchIntervalSeconds?: number;
    };
  };
}
