import type { AccessScopeTable } from '@cloud-data-hub/data-hub-common';
import type {
  AccessGranter,
  AccessGrantTarget,
} from '@cloud-data-hub/data-hub-node';
import type { LocalGrantStore } from './LocalGrantStore';

/**
 * The embedded default's granter: records grants the DuckDB engine enforces, per use case
 * and Glue database (the lake's schema), with exactly the granted columns.
 */
export class LocalAccessGranter implements AccessGranter {
  readonly id = 'local';

  constructor(private readonly store: LocalGrantStore) {}

  async grant(target: AccessGrantTarget): Promise<void> {
    await this.store.replace(
      target.useCase.entityRef,
      target.dataset.glueDatabase,
      target.tables,
      target.grantId,
    );
  }

  async revoke(target: AccessGrantTarget): Promise<void> {
    await this.store.remove(
      target.useCase.entityRef,
      target.dataset.glueDatabase,
    );
  }

  async listGranted(target: AccessGrantTarget): Promise<AccessScopeTable[]> {
    const grants = await this.store.list(
      target.useCase.entityRef,
      target.dataset.glueDatabase,
    );
    return grants.map(g => ({ name: g.table, columns: g.columns }));
  }
}
