import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AccessStore } from './AccessStore';
import type { AccessSubjects } from './AccessSubjects';

/**
 * Records the use case's owner on requests and grants made before it was recorded, from the
 * catalog, so the read permission's "use case owned by" rule also covers them. Use cases the
 * catalog does not know (yet, or any more) keep none and are tried again on the next round.
 */
export class UseCaseOwnerBackfill {
  constructor(
    private readonly store: AccessStore,
    private readonly subjects: AccessSubjects,
    private readonly logger: LoggerService,
  ) {}

  /** The number of use cases whose owner was filled in. */
  async run(): Promise<number> {
    let filled = 0;
    for (const ref of await this.store.useCasesWithoutOwner()) {
      const useCase = await this.subjects.useCase(ref);
      if (!useCase) continue;
      await this.store.fillUseCaseOwner(ref, useCase.owner);
      filled++;
    }
    if (filled)
      this.logger.info(
        `Recorded the owners of ${filled} use cases on their access requests and grants`,
      );
    return filled;
  }
}
