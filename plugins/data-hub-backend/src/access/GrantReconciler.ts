import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  AccessScopeTable,
  GrantDrift,
} from '@cloud-data-hub/data-hub-common';
import type { AccessGranter } from '@cloud-data-hub/data-hub-node';
import type { AccessStore } from './AccessStore';
import type { AccessWorkflow } from './AccessWorkflow';

/** Columns `expected` has that `actual` lacks, per table. */
export function missingColumns(
  expected: AccessScopeTable[],
  actual: AccessScopeTable[],
): AccessScopeTable[] {
  const have = new Map(actual.map(t => [t.name, new Set(t.columns)]));
  return expected.flatMap(table => {
    const columns = table.columns.filter(c => !have.get(table.name)?.has(c));
    return columns.length ? [{ name: table.name, columns }] : [];
  });
}

/**
 * Re-checks every live grant against what the granter really enforces (someone may have
 * removed a Lake Formation permission by hand) and re-grants on request.
 */
export class GrantReconciler {
  constructor(
    private readonly options: {
      store: AccessStore;
      workflow: AccessWorkflow;
      granter: AccessGranter;
      logger: LoggerService;
    },
  ) {}

  async reconcile(
    repair: boolean,
  ): Promise<{ checked: number; drift: GrantDrift[] }> {
    const { store, workflow, granter, logger } = this.options;
    const grants = await store.listLiveGrants();
    const drift: GrantDrift[] = [];
    for (const grant of grants) {
      const target = await workflow.targetOfGrant(grant);
      let missing: AccessScopeTable[];
      try {
        missing = missingColumns(
          grant.tables,
          await granter.listGranted(target),
        );
      } catch (error) {
        drift.push({
          grantId: grant.id,
          datasetRef: grant.datasetRef,
          useCaseRef: grant.useCaseRef,
          missing: [],
          repaired: false,
          error: String(error),
        });
        continue;
      }
      if (missing.length === 0) continue;
      const entry: GrantDrift = {
        grantId: grant.id,
        datasetRef: grant.datasetRef,
        useCaseRef: grant.useCaseRef,
        missing,
        repaired: false,
      };
      if (repair) {
        try {
          await granter.grant(target);
          entry.repaired = true;
        } catch (error) {
          entry.error = String(error);
        }
      }
      drift.push(entry);
    }
    if (drift.length) {
      logger.warn(
        `Grant drift: ${drift.length} of ${
          grants.length
        } live grant(s) differ from the ${granter.id} granter (${
          drift.filter(d => d.repaired).length
        } repaired)`,
      );
    }
    return { checked: grants.length, drift };
  }
}
