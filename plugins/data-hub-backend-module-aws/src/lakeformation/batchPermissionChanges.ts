import {
  BatchGrantPermissionsCommand,
  BatchPermissionsFailureEntry,
  BatchPermissionsRequestEntry,
  BatchRevokePermissionsCommand,
  LakeFormationClient,
} from '@aws-sdk/client-lakeformation';
import { ForwardedError } from '@backstage/errors';
import type { PermissionChange } from './columnGrants';

/** BatchGrantPermissions and BatchRevokePermissions take at most 20 entries per call. */
export const MAX_BATCH_ENTRIES = 20;

/** A table the batch could not change, with Lake Formation's reason. */
export interface PermissionChangeFailure {
  table: string;
  reason: string;
}

export interface BatchTarget {
  client: LakeFormationClient;
  catalogId?: string;
  databaseName: string;
  principal: string;
}

function describeFailure(
  failure: BatchPermissionsFailureEntry,
  chunk: PermissionChange[],
): PermissionChangeFailure {
  // Entry ids are the change's index in its chunk; fall back to the echoed resource so the
  // table is named even if an entry comes back without its id.
  const byId = chunk[Number(failure.RequestEntry?.Id)];
  const resource = failure.RequestEntry?.Resource;
  const table =
    byId?.table ??
    resource?.TableWithColumns?.Name ??
    resource?.Table?.Name ??
    'unknown table';
  const code = failure.Error?.ErrorCode ?? 'Error';
  const message = failure.Error?.ErrorMessage ?? 'no reason given';
  return { table, reason: `${code}: ${message}` };
}

/**
 * Sends grants or revokes in batches of at most 20 entries and returns the entries Lake
 * Formation refused (batch calls report those in `Failures` rather than failing the call).
 * A failing call (access denied, throttling beyond the retries) throws, naming the operation.
 */
export async function applyPermissionChanges(
  operation: 'grant' | 'revoke',
  target: BatchTarget,
  changes: PermissionChange[],
): Promise<PermissionChangeFailure[]> {
  const failures: PermissionChangeFailure[] = [];
  for (let start = 0; start < changes.length; start += MAX_BATCH_ENTRIES) {
    const chunk = changes.slice(start, start + MAX_BATCH_ENTRIES);
    const entries: BatchPermissionsRequestEntry[] = chunk.map((change, i) => ({
      Id: String(i),
      Principal: { DataLakePrincipalIdentifier: target.principal },
      Resource: change.resource,
      Permissions: change.permissions,
      PermissionsWithGrantOption: change.permissionsWithGrantOption,
    }));
    const input = { CatalogId: target.catalogId, Entries: entries };
    let response;
    try {
      response =
        operation === 'grant'
          ? await target.client.send(new BatchGrantPermissionsCommand(input))
          : await target.client.send(new BatchRevokePermissionsCommand(input));
    } catch (e) {
      throw new ForwardedError(
        `Lake Formation could not ${operation} permissions of ${
          target.principal
        } on ${target.databaseName} (tables ${[
          ...new Set(chunk.map(c => c.table)),
        ].join(', ')})`,
        e,
      );
    }
    failures.push(
      ...(response.Failures ?? []).map(f => describeFailure(f, chunk)),
    );
  }
  return failures;
}

/** One line per refused table, for an error message. */
export function formatFailures(
  databaseName: string,
  failures: PermissionChangeFailure[],
): string {
  return failures
    .map(f => `${databaseName}.${f.table} (${f.reason})`)
    .join('; ');
}
