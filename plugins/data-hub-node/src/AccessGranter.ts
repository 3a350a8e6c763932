import type { AccessScopeTable } from '@cloud-data-hub/data-hub-common';

/**
 * Everything a granter needs to know to give a use case access to part of a dataset.
 *
 * @public
 */
export interface AccessGrantTarget {
  /** The store's grant id; granters may use it for idempotency and audit. */
  grantId: string;
  dataset: {
    entityRef: string;
    hub: string;
    /** The dataset's Glue database (also the local lake's schema name). */
    glueDatabase: string;
    location?: string;
    accountId?: string;
    region?: string;
  };
  useCase: {
    entityRef: string;
    hub: string;
    /** `clouddatahub.io/consumer-role-arn` of the use case (AWS). */
    consumerRoleArn?: string;
  };
  /** Tables and the columns granted on each. */
  tables: AccessScopeTable[];
}

/**
 * Turns approved requests into access the query engine enforces: the DuckDB module's local
 * grants, or Lake Formation permissions on AWS. Every method is idempotent, since the
 * workflow retries and the reconcile job repairs.
 *
 * @public
 */
export interface AccessGranter {
  /** Stable id stored with each grant, e.g. `local` or `lake-formation`. */
  readonly id: string;
  /** Grants exactly `target.tables` (replacing narrower or wider earlier grants of the same pair). */
  grant(target: AccessGrantTarget): Promise<void>;
  /** Removes every permission of the use case on the dataset's tables. */
  revoke(target: AccessGrantTarget): Promise<void>;
  /** What the granter really enforces for the pair, to detect drift. */
  listGranted(target: AccessGrantTarget): Promise<AccessScopeTable[]>;
}
