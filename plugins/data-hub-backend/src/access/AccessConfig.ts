import type { Config } from '@backstage/config';
import {
  DATASET_CLASSIFICATIONS,
  type DatasetClassification,
} from '@cloud-data-hub/data-hub-common';

/** Settings of the access workflow (`dataHub.access`). */
export interface AccessConfig {
  /** Longest grant a request may ask for, per dataset classification. */
  maxDurationDays: Record<DatasetClassification, number>;
  /** Requesters are reminded this many days before their grant expires. */
  reminderDaysBeforeExpiry: number;
  /** Which registered granter to use when modules registered several. */
  granter?: string;
  /** Seconds between runs of the expiry job (≤ 60 so expired grants go within a minute). */
  expiryIntervalSeconds: number;
  /** Minutes between reconcile runs; their drift is logged and, with `repairDrift`, repaired. */
  reconcileIntervalMinutes: number;
  repairDrift: boolean;
  /** Base URL of the portal's frontend, for links in notifications. */
  appBaseUrl: string;
}

export const DEFAULT_MAX_DURATION_DAYS: Record<DatasetClassification, number> =
  {
    public: 365,
    internal: 180,
    confidential: 90,
    'strictly-confidential': 30,
  };

export function readAccessConfig(config: Config): AccessConfig {
  const access = config.getOptionalConfig('dataHub.access');
  const maxDurationDays = { ...DEFAULT_MAX_DURATION_DAYS };
  for (const classification of DATASET_CLASSIFICATIONS) {
    const value = access?.getOptionalNumber(
      `maxDurationDays.${classification}`,
    );
    if (value !== undefined) {
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(
          `dataHub.access.maxDurationDays.${classification} must be a whole number of days ≥ 1, got ${value}`,
        );
      }
      maxDurationDays[classification] = value;
    }
  }
  const expiryIntervalSeconds =
    access?.getOptionalNumber('expiryIntervalSeconds') ?? 30;
  if (expiryIntervalSeconds < 1 || expiryIntervalSeconds > 60) {
    throw new Error(
      `dataHub.access.expiryIntervalSeconds must be between 1 and 60, got ${expiryIntervalSeconds}`,
    );
  }
  return {
    maxDurationDays,
    reminderDaysBeforeExpiry:
      access?.getOptionalNumber('reminderDaysBeforeExpiry') ?? 7,
    granter: access?.getOptionalString('granter'),
    expiryIntervalSeconds,
    reconcileIntervalMinutes:
      access?.getOptionalNumber('reconcileIntervalMinutes') ?? 60,
    repairDrift: access?.getOptionalBoolean('repairDrift') ?? false,
    appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
  };
}
