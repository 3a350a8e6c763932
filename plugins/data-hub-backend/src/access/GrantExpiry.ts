import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AccessNotifier } from './AccessNotifier';
import type { AccessStore } from './AccessStore';
import { SYSTEM_EXPIRY_ACTOR, type AccessWorkflow } from './AccessWorkflow';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Ends grants whose time is up (also those that expired while no backend ran, since it
 * compares with the clock, not with timers) and reminds requesters before that happens.
 * Run by Backstage's scheduler, so one backend instance does it at a time.
 */
export class GrantExpiry {
  constructor(
    private readonly options: {
      store: AccessStore;
      workflow: AccessWorkflow;
      notifier: AccessNotifier;
      reminderDaysBeforeExpiry: number;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Revokes every expired live grant; returns how many ended. A failing one is retried next run. */
  async expireDue(): Promise<number> {
    const { store, workflow, logger } = this.options;
    let ended = 0;
    for (const grant of await store.listExpiredLiveGrants(this.now())) {
      try {
        if (await workflow.endGrant(grant, 'expired', SYSTEM_EXPIRY_ACTOR))
          ended += 1;
      } catch (error) {
        logger.error(
          `Could not expire grant ${grant.id} of ${grant.useCaseRef} on ${grant.datasetRef}: ${error}`,
        );
      }
    }
    if (ended) logger.info(`Expired ${ended} grant(s)`);
    return ended;
  }

  /** Sends one reminder per grant within `reminderDaysBeforeExpiry` of its end. */
  async remindExpiring(): Promise<number> {
    const { store, notifier, reminderDaysBeforeExpiry } = this.options;
    const now = this.now();
    const until = new Date(now.getTime() + reminderDaysBeforeExpiry * DAY_MS);
    let reminded = 0;
    for (const grant of await store.listGrantsToRemind(now, until)) {
      const marked = await store.transaction(tx =>
        store.transitionGrant(tx, grant.id, 'live', {
          remindedAt: now.toISOString(),
        }),
      );
      if (!marked) continue;
      const request = await store.getRequest(grant.requestId);
      if (request) await notifier.expiringSoon(request, grant);
      reminded += 1;
    }
    return reminded;
  }
}
