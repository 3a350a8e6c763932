import {
  EntityNotFoundException,
  LakeFormationClient,
  PrincipalResourcePermissions,
  paginateListPermissions,
} from '@aws-sdk/client-lakeformation';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ForwardedError, InputError } from '@backstage/errors';
import {
  ANNOTATION_CONSUMER_ROLE_ARN,
  type AccessScopeTable,
} from '@cloud-data-hub/data-hub-common';
import type {
  AccessGrantTarget,
  AccessGranter,
} from '@cloud-data-hub/data-hub-node';
import {
  applyPermissionChanges,
  formatFailures,
  PermissionChangeFailure,
} from './batchPermissionChanges';
import {
  ColumnGrantPlan,
  ListedTablePermissions,
  TableLocation,
  mismatchedTables,
  normaliseScope,
  orderColumns,
  planColumnGrants,
  revokeListedEntry,
  selectableColumns,
} from './columnGrants';
import { IAM_ROLE_ARN } from '../iamRoleArn';
import type { LakeFormationClients } from './LakeFormationClients';

/** Tables listed at once: enough to be quick, few enough to stay clear of throttling. */
const LIST_CONCURRENCY = 4;

interface GrantContext {
  client: LakeFormationClient;
  principal: string;
  location: TableLocation & { catalogId: string };
  datasetRef: string;
  useCaseRef: string;
}

function tableNames(target: AccessGrantTarget): string[] {
  return [...new Set(target.tables.map(t => t.name))];
}

function isPlanEmpty(plan: ColumnGrantPlan): boolean {
  return plan.revokes.length === 0 && plan.grants.length === 0;
}

/**
 * The Lake Formation granter (`lake-formation`): a use case's consumer role gets SELECT on
 * the granted columns of the dataset's Glue tables (`TableWithColumns`), in the Data Catalog
 * of the dataset's account, through the hub's Lake Formation client. Athena queries run as
 * that role, so Lake Formation itself enforces the grant.
 *
 * Every method starts from what ListPermissions reports, so each is idempotent and repairs
 * drift: `grant` changes only the difference and checks the result, `revoke` removes exactly
 * what is listed.
 */
export class LakeFormationGranter implements AccessGranter {
  readonly id = 'lake-formation';

  constructor(
    private readonly clients: LakeFormationClients,
    private readonly logger: LoggerService,
  ) {}

  async grant(target: AccessGrantTarget): Promise<void> {
    const context = this.context(target);
    const wanted = normaliseScope(target.tables);
    const tables = tableNames(target);

    const listed = await this.list(context, tables);
    const plan = planColumnGrants(context.location, wanted, listed);
    if (isPlanEmpty(plan)) {
      this.logger.debug(
        `Lake Formation grant ${target.grantId} already in place for ${context.principal}`,
      );
      return;
    }
    const revokeFailures = await this.apply(context, plan);

    // Verify: a SELECT held in a form a column revoke does not reach (or a store that keeps
    // one permission per granted column list) shows up here; those tables are replaced
    // whole and checked once more.
    const verified = await this.list(context, tables);
    let mismatched = mismatchedTables(wanted, verified);
    if (mismatched.length > 0) {
      const replace = new Set(mismatched);
      revokeFailures.push(
        ...(await this.apply(
          context,
          planColumnGrants(
            context.location,
            wanted,
            verified.filter(l => replace.has(l.table)),
            replace,
          ),
        )),
      );
      mismatched = mismatchedTables(
        wanted,
        await this.list(context, mismatched),
      );
    }
    if (mismatched.length > 0) {
      throw new Error(
        `Lake Formation does not show the granted columns for ${
          context.principal
        } on ${mismatched
          .map(t => `${context.location.databaseName}.${t}`)
          .join(', ')} after granting${
          revokeFailures.length > 0
            ? `; refused revokes: ${formatFailures(
                context.location.databaseName,
                revokeFailures,
              )}`
            : ''
        }`,
      );
    }
    this.logger.info(
      `Lake Formation grant ${target.grantId}: ${context.useCaseRef} (${
        context.principal
      }) may SELECT ${
        wanted.map(t => `${t.name}(${t.columns.length} columns)`).join(', ') ||
        'nothing'
      } of ${context.datasetRef} (${context.location.databaseName})`,
    );
  }

  async revoke(target: AccessGrantTarget): Promise<void> {
    const context = this.context(target);
    const tables = tableNames(target);
    const listed = await this.list(context, tables);
    const changes = listed.flatMap(({ table, entries }) =>
      entries.map(entry => revokeListedEntry(table, entry)),
    );
    if (changes.length === 0) {
      return;
    }
    const failures = await applyPermissionChanges(
      'revoke',
      this.batchTarget(context),
      changes,
    );
    // Revoke failures only matter when something is left: a permission removed meanwhile
    // by someone else is refused but already gone.
    const left = (await this.list(context, tables)).filter(
      l => l.entries.length > 0,
    );
    if (left.length > 0) {
      throw new Error(
        `Lake Formation still lists permissions of ${
          context.principal
        } on ${left
          .map(l => `${context.location.databaseName}.${l.table}`)
          .join(', ')} after revoking${
          failures.length > 0
            ? `: ${formatFailures(context.location.databaseName, failures)}`
            : ''
        }`,
      );
    }
    this.logger.info(
      `Lake Formation grant ${target.grantId} revoked: ${context.useCaseRef} (${context.principal}) lost ${changes.length} permission(s) on ${context.datasetRef} (${context.location.databaseName})`,
    );
  }

  /**
   * The columns the use case's role may SELECT per table of the target, in the target's
   * order; tables without SELECT are left out. `*` stands for a table-level or wildcard
   * SELECT (see `ALL_COLUMNS`).
   */
  async listGranted(target: AccessGrantTarget): Promise<AccessScopeTable[]> {
    const context = this.context(target);
    const listed = await this.list(context, tableNames(target));
    const granted: AccessScopeTable[] = [];
    for (const { table, entries } of listed) {
      const columns = selectableColumns(entries);
      if (columns) {
        const preferred = target.tables
          .filter(t => t.name === table)
          .flatMap(t => t.columns);
        granted.push({
          name: table,
          columns: orderColumns(columns, preferred),
        });
      }
    }
    return granted;
  }

  private context(target: AccessGrantTarget): GrantContext {
    const principal = target.useCase.consumerRoleArn;
    if (!principal) {
      throw new InputError(
        `Use case ${target.useCase.entityRef} has no ${ANNOTATION_CONSUMER_ROLE_ARN} annotation; Lake Formation grants access to that IAM role, so it must be set`,
      );
    }
    if (!IAM_ROLE_ARN.test(principal)) {
      throw new InputError(
        `Use case ${target.useCase.entityRef}: ${ANNOTATION_CONSUMER_ROLE_ARN} "${principal}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
      );
    }
    const { hub, client } = this.clients.forHub(
      target.dataset.hub,
      target.dataset.region,
    );
    return {
      client,
      principal,
      location: {
        // The dataset's own account when the catalog knows it, else its hub's.
        catalogId: target.dataset.accountId ?? hub.accountId,
        databaseName: target.dataset.glueDatabase,
      },
      datasetRef: target.dataset.entityRef,
      useCaseRef: target.useCase.entityRef,
    };
  }

  private batchTarget(context: GrantContext) {
    return {
      client: context.client,
      catalogId: context.location.catalogId,
      databaseName: context.location.databaseName,
      principal: context.principal,
    };
  }

  /** Runs revokes, then grants; refused grants throw, refused revokes are returned. */
  private async apply(
    context: GrantContext,
    plan: ColumnGrantPlan,
  ): Promise<PermissionChangeFailure[]> {
    // Revoking first means a failing grant never leaves more access than wanted; columns
    // that stay are not part of any revoke, so they keep working throughout.
    const revokeFailures = await applyPermissionChanges(
      'revoke',
      this.batchTarget(context),
      plan.revokes,
    );
    const grantFailures = await applyPermissionChanges(
      'grant',
      this.batchTarget(context),
      plan.grants,
    );
    if (grantFailures.length > 0) {
      throw new Error(
        `Lake Formation refused to grant SELECT to ${
          context.principal
        } on ${formatFailures(context.location.databaseName, grantFailures)}`,
      );
    }
    return revokeFailures;
  }

  private async list(
    context: GrantContext,
    tables: string[],
  ): Promise<ListedTablePermissions[]> {
    const listed: ListedTablePermissions[] = [];
    for (let start = 0; start < tables.length; start += LIST_CONCURRENCY) {
      listed.push(
        ...(await Promise.all(
          tables.slice(start, start + LIST_CONCURRENCY).map(async table => ({
            table,
            entries: await this.listTable(context, table),
          })),
        )),
      );
    }
    return listed;
  }

  /**
   * The principal's permissions on one table. Lake Formation lists column permissions
   * (`TableWithColumns`) when asked for the table, so one filter covers both kinds.
   */
  private async listTable(
    context: GrantContext,
    table: string,
  ): Promise<PrincipalResourcePermissions[]> {
    const { catalogId, databaseName } = context.location;
    const entries: PrincipalResourcePermissions[] = [];
    try {
      for await (const page of paginateListPermissions(
        { client: context.client },
        {
          CatalogId: catalogId,
          Principal: { DataLakePrincipalIdentifier: context.principal },
          Resource: {
            Table: {
              CatalogId: catalogId,
              DatabaseName: databaseName,
              Name: table,
            },
          },
        },
      )) {
        entries.push(...(page.PrincipalResourcePermissions ?? []));
      }
    } catch (e) {
      // A table dropped from the catalog holds no permissions any more: revoking it on
      // expiry must succeed, and granting it fails on the grant itself, naming the table.
      if (e instanceof EntityNotFoundException) {
        return [];
      }
      throw new ForwardedError(
        `Lake Formation could not list permissions of ${context.principal} on ${databaseName}.${table}`,
        e,
      );
    }
    // Only what concerns this principal and table, whatever the service adds: `revoke`
    // removes every entry returned here.
    return entries.filter(entry => {
      const resource =
        entry.Resource?.TableWithColumns ?? entry.Resource?.Table;
      return (
        entry.Principal?.DataLakePrincipalIdentifier === context.principal &&
        resource?.DatabaseName === databaseName &&
        resource?.Name === table &&
        (!resource.CatalogId || resource.CatalogId === catalogId)
      );
    });
  }
}
