import type { AccessGranter } from '@cloud-data-hub/data-hub-node';

/**
 * Stands in when no module registered a granter, so approvals end as `grant-failed` with a
 * message that says what to install instead of the backend refusing to start.
 */
export class MissingGranter implements AccessGranter {
  readonly id = 'none';
  private fail(): never {
    throw new Error(
      'No access granter is installed: add @cloud-data-hub/data-hub-backend-module-duckdb (local grants) or configure dataHub.aws (Lake Formation)',
    );
  }
  async grant(): Promise<void> {
    this.fail();
  }
  async revoke(): Promise<void> {
    this.fail();
  }
  async listGranted(): Promise<never> {
    this.fail();
  }
}
