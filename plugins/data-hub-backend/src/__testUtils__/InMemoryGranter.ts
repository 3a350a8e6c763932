import type { AccessScopeTable } from '@cloud-data-hub/data-hub-common';
import type {
  AccessGranter,
  AccessGrantTarget,
} from '@cloud-data-hub/data-hub-node';

/** Test double: remembers grants per use case and database; can be told to fail. */
export class InMemoryGranter implements AccessGranter {
  readonly id = 'in-memory';
  readonly granted = new Map<string, AccessScopeTable[]>();
  readonly calls: Array<{ op: 'grant' | 'revoke'; target: AccessGrantTarget }> =
    [];
  failWith?: string;

  static key(target: AccessGrantTarget) {
    return `${target.useCase.entityRef}|${target.dataset.glueDatabase}`;
  }

  async grant(target: AccessGrantTarget) {
    this.calls.push({ op: 'grant', target });
    // A real granter's remote call takes time: let racing callers interleave.
    await new Promise(r => setTimeout(r, 5));
    if (this.failWith) throw new Error(this.failWith);
    this.granted.set(
      InMemoryGranter.key(target),
      target.tables.filter(t => t.columns.length > 0),
    );
  }

  async revoke(target: AccessGrantTarget) {
    this.calls.push({ op: 'revoke', target });
    if (this.failWith) throw new Error(this.failWith);
    this.granted.delete(InMemoryGranter.key(target));
  }

  async listGranted(target: AccessGrantTarget) {
    return this.granted.get(InMemoryGranter.key(target)) ?? [];
  }
}
