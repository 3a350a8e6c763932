import { randomUUID } from 'node:crypto';
import type {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  type BasicPermission,
  type PermissionCriteria,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type {
  PermissionCondition,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  type AccessAuditEvent,
  dataHubAccessRequestCreatePermission,
  dataHubAccessRequestDecidePermission,
  dataHubAccessRequestReadPermission,
  dataHubGrantRevokePermission,
  hubMayConsume,
  type AccessRequest,
  type CreateAccessRequestBody,
  type Hub,
  type RequestableUseCase,
} from '@cloud-data-hub/data-hub-common';
import type {
  AccessGranter,
  AccessGrantTarget,
} from '@cloud-data-hub/data-hub-node';
import type { AccessQuery } from '../permissions/AccessQuery';
import type { AccessConfig } from './AccessConfig';
import type { AccessNotifier } from './AccessNotifier';
import type { AccessStore, StoredGrant } from './AccessStore';
import {
  tryFullRef,
  type AccessSubjects,
  type DatasetFacts,
  type UseCaseFacts,
} from './AccessSubjects';
import { piiColumnsOf, resolveRequestScope } from './requestScope';

/** The signed-in person behind a call, with the groups they belong to. */
export interface Actor {
  userRef: string;
  ownershipRefs: string[];
  credentials: BackstageCredentials;
}

/** Who the scheduler acts as in the audit trail. */
export const SYSTEM_EXPIRY_ACTOR = 'system:data-hub/expiry';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AccessWorkflowOptions {
  store: AccessStore;
  subjects: AccessSubjects;
  granter: AccessGranter;
  notifier: AccessNotifier;
  permissions: PermissionsService;
  /** Applies a conditional decision to a request (from the registered rules). */
  authorizeConditions: (
    decision: PolicyDecision,
    request: AccessRequest,
  ) => boolean;
  /** Compiles a conditional decision's conditions to SQL criteria (the rules' `toQuery`). */
  conditionsToQuery: (
    conditions: PermissionCriteria<PermissionCondition>,
  ) => PermissionCriteria<AccessQuery>;
  hubs: Hub[];
  config: AccessConfig;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * The access-request workflow. The security invariants of docs/architecture.md are enforced here, whatever the
 * permission policy says; the policy can only narrow them further.
 */
export class AccessWorkflow {
  private readonly now: () => Date;

  constructor(private readonly options: AccessWorkflowOptions) {
    this.now = options.now ?? (() => new Date());
  }

  private get store() {
    return this.options.store;
  }

  /**
   * Whether the policy allows (or conditionally allows) each permission on the request, asked
   * in one round trip to the permission backend: an action checks read and its own permission.
   */
  private async permittedOn(
    permissions: ResourcePermission[],
    request: AccessRequest,
    credentials: BackstageCredentials,
  ): Promise<boolean[]> {
    const decisions = await this.options.permissions.authorizeConditional(
      permissions.map(permission => ({ permission })),
      { credentials },
    );
    return decisions.map(
      decision =>
        decision.result === AuthorizeResult.ALLOW ||
        (decision.result === AuthorizeResult.CONDITIONAL &&
          this.options.authorizeConditions(decision, request)),
    );
  }

  private static denied(what: string): NotAllowedError {
    return new NotAllowedError(
      `The portal's permission policy does not allow you to ${what}`,
    );
  }

  /** The SQL criteria of a conditional decision; undefined when allowed outright. */
  private async criteriaOf(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
  ): Promise<PermissionCriteria<AccessQuery> | 'deny' | undefined> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return this.options.conditionsToQuery(decision.conditions);
    }
    return 'deny';
  }

  /** The conditions under which the actor may decide, to filter the "to decide" list in SQL. */
  async decideCriteria(
    actor: Actor,
  ): Promise<PermissionCriteria<AccessQuery> | 'deny' | undefined> {
    return this.criteriaOf(
      dataHubAccessRequestDecidePermission,
      actor.credentials,
    );
  }

  /** The conditions under which the caller may read requests, grants and audit events, to filter lists in SQL. */
  async readCriteria(
    credentials: BackstageCredentials,
  ): Promise<PermissionCriteria<AccessQuery> | 'deny' | undefined> {
    return this.criteriaOf(dataHubAccessRequestReadPermission, credentials);
  }

  /**
   * The use cases whose names the caller may see in a dataset's usage: those whose grants on
   * the dataset they may read ('all' when the policy allows every read).
   */
  async useCasesNamedFor(
    datasetRef: string,
    credentials: BackstageCredentials,
  ): Promise<'all' | ReadonlySet<string>> {
    const read = await this.readCriteria(credentials);
    if (read === 'deny') return new Set();
    if (!read) return 'all';
    return new Set(await this.options.store.grantedUseCases(datasetRef, read));
  }

  /**
   * A request, if the policy lets the caller read it (its justification, comments and columns);
   * else 403. Every action on a request reads it first, so nobody learns of a request, its
   * dataset or owners from an action they may not take on it.
   */
  async read(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<AccessRequest> {
    return (await this.readFor(id, credentials)).request;
  }

  /**
   * Reads a request as `read` does and, in the same permission round trip, asks whether the
   * caller may also take `action` on it; the caller throws with `denied` when it is false.
   */
  private async readFor(
    id: string,
    credentials: BackstageCredentials,
    action?: ResourcePermission,
  ): Promise<{ request: AccessRequest; mayAct: boolean }> {
    const request = await this.get(id);
    const [mayRead, mayAct = false] = await this.permittedOn(
      [dataHubAccessRequestReadPermission, ...(action ? [action] : [])],
      request,
      credentials,
    );
    if (!mayRead) throw AccessWorkflow.denied('read this access request');
    return { request, mayAct };
  }

  /**
   * A Dataset of the catalog. With `reader`, also `alsoAuthorize` (asked first, in the same
   * round trip to the permission backend) and, whenever the Dataset exists, whether the reader
   * may read it in the catalog (`catalog.entity.read` on it, as the catalog itself decides): a
   * Dataset they may not read is as missing as one that does not exist, and a denied
   * `alsoAuthorize` answers 403 before anything tells whether the Dataset exists.
   */
  private async datasetOrThrow(
    ref: string,
    reader?: {
      credentials: BackstageCredentials;
      alsoAuthorize?: { permission: BasicPermission; what: string };
    },
  ): Promise<DatasetFacts> {
    const full = tryFullRef(ref, 'dataset');
    let dataset = full ? await this.options.subjects.dataset(full) : undefined;
    if (reader) {
      const also = reader.alsoAuthorize;
      const decisions = await this.options.permissions.authorize(
        [
          ...(also ? [{ permission: also.permission }] : []),
          ...(dataset
            ? [
                {
                  permission: catalogEntityReadPermission,
                  resourceRef: dataset.ref,
                },
              ]
            : []),
        ],
        { credentials: reader.credentials },
      );
      if (also && decisions.shift()?.result !== AuthorizeResult.ALLOW)
        throw AccessWorkflow.denied(also.what);
      if (dataset && decisions[0]?.result !== AuthorizeResult.ALLOW)
        dataset = undefined;
    }
    if (!dataset)
      throw new InputError(
        `datasetRef "${ref}" is not a Dataset in the catalog`,
      );
    return dataset;
  }

  private async useCaseOrThrow(ref: string): Promise<UseCaseFacts> {
    const full = tryFullRef(ref, 'system');
    const useCase = full
      ? await this.options.subjects.useCase(full)
      : undefined;
    if (!useCase) {
      const entity = full
        ? await this.options.subjects.entity(full)
        : undefined;
      throw new InputError(
        entity
          ? `useCaseRef "${ref}" is not a use case: a use case is a System with the annotation clouddatahub.io/use-case-hub and an owner`
          : `useCaseRef "${ref}" is not in the catalog`,
      );
    }
    return useCase;
  }

  private hubRule(
    useCase: UseCaseFacts,
    dataset: DatasetFacts,
  ): string | undefined {
    if (hubMayConsume(this.options.hubs, useCase.hub, dataset.hub))
      return undefined;
    const consumes =
      this.options.hubs.find(h => h.name === useCase.hub)?.consumesFrom ?? [];
    return `Use case ${useCase.ref} belongs to hub "${
      useCase.hub
    }", which may consume from ${consumes.join(', ') || 'no hub'} — not from "${
      dataset.hub
    }", the hub of ${dataset.ref}`;
  }

  /** Use cases the actor belongs to, each with whether it may request the dataset. */
  async requestableUseCases(
    datasetRef: string,
    actor: Actor,
  ): Promise<RequestableUseCase[]> {
    const dataset = await this.datasetOrThrow(datasetRef, {
      credentials: actor.credentials,
    });
    const useCases = await this.options.subjects.useCasesOwnedBy(
      actor.ownershipRefs,
    );
    return useCases
      .map(useCase => {
        const reason = this.hubRule(useCase, dataset);
        return {
          useCaseRef: useCase.ref,
          title: useCase.title,
          hub: useCase.hub,
          allowed: !reason,
          reason,
        };
      })
      .sort((a, b) => a.useCaseRef.localeCompare(b.useCaseRef));
  }

  async create(
    body: CreateAccessRequestBody,
    actor: Actor,
  ): Promise<AccessRequest> {
    const dataset = await this.datasetOrThrow(body.datasetRef, {
      credentials: actor.credentials,
      alsoAuthorize: {
        permission: dataHubAccessRequestCreatePermission,
        what: 'request access',
      },
    });
    const useCase = await this.useCaseOrThrow(body.useCaseRef);
    if (!actor.ownershipRefs.includes(useCase.owner)) {
      throw new NotAllowedError(
        `Only members of ${useCase.owner}, the owner of use case ${useCase.ref}, may request access for it`,
      );
    }
    const hubProblem = this.hubRule(useCase, dataset);
    if (hubProblem) throw new InputError(hubProblem);

    const maxDays = this.options.config.maxDurationDays[dataset.classification];
    if (body.durationDays > maxDays) {
      throw new InputError(
        `durationDays ${body.durationDays} is longer than the ${maxDays} days allowed for ${dataset.classification} datasets`,
      );
    }
    const tables = resolveRequestScope(dataset, body.tables);

    const at = this.now().toISOString();
    const request: AccessRequest = {
      id: randomUUID(),
      datasetRef: dataset.ref,
      datasetTitle: dataset.title,
      datasetHub: dataset.hub,
      datasetOwner: dataset.owner,
      classification: dataset.classification,
      useCaseRef: useCase.ref,
      useCaseHub: useCase.hub,
      useCaseOwner: useCase.owner,
      requester: actor.userRef,
      tables,
      justification: body.justification,
      durationDays: body.durationDays,
      state: 'pending',
      createdAt: at,
      updatedAt: at,
      extendsGrantId: body.extendsGrantId,
    };

    const stored = await this.store.transaction(async tx => {
      const live = await this.store.findLiveGrant(dataset.ref, useCase.ref, tx);
      if (body.extendsGrantId) {
        if (!live || live.id !== body.extendsGrantId) {
          throw new InputError(
            `extendsGrantId "${body.extendsGrantId}" is not the live grant of ${useCase.ref} on ${dataset.ref}`,
          );
        }
      } else if (live) {
        throw new ConflictError(
          `${useCase.ref} already holds grant ${live.id} on ${dataset.ref} until ${live.expiresAt}; request an extension of it instead (extendsGrantId)`,
        );
      }
      // The database keeps one open request per pair, also when two people ask at once.
      if (!(await this.store.insertRequest(tx, request))) return false;
      await this.store.appendAudit(tx, {
        at,
        actor: actor.userRef,
        action: body.extendsGrantId
          ? 'request.extension-created'
          : 'request.created',
        datasetRef: request.datasetRef,
        useCaseRef: request.useCaseRef,
        requestId: request.id,
        grantId: body.extendsGrantId,
        before: null,
        after: {
          state: 'pending',
          tables,
          durationDays: body.durationDays,
          pii: piiColumnsOf(dataset, tables),
        },
        comment: body.justification,
      });
      return true;
    });
    if (!stored) {
      const open = await this.store.findOpenRequest(dataset.ref, useCase.ref);
      throw new ConflictError(
        open
          ? `Request ${open.id} of ${useCase.ref} for ${dataset.ref} is still ${open.state}; withdraw it or wait for the decision`
          : `Another request of ${useCase.ref} for ${dataset.ref} was open a moment ago; look at your requests before asking again`,
      );
    }
    void this.options.notifier.requestCreated(request);
    return request;
  }

  async get(id: string): Promise<AccessRequest> {
    const request = await this.store.getRequest(id);
    if (!request) throw new NotFoundError(`No access request ${id}`);
    return request;
  }

  /** Approve or reject. Exactly one of several concurrent deciders wins; the others get 409. */
  async decide(
    id: string,
    approve: boolean,
    comment: string | undefined,
    actor: Actor,
  ): Promise<AccessRequest> {
    const { request, mayAct } = await this.readFor(
      id,
      actor.credentials,
      dataHubAccessRequestDecidePermission,
    );
    if (actor.userRef === request.requester) {
      throw new NotAllowedError(
        'You cannot decide on your own request: another member of the owner group must (four eyes)',
      );
    }
    if (!actor.ownershipRefs.includes(request.datasetOwner)) {
      throw new NotAllowedError(
        `Only members of ${request.datasetOwner}, the owner of ${request.datasetRef}, decide on its access requests`,
      );
    }
    if (!mayAct) throw AccessWorkflow.denied('decide on this request');
    if (!approve && !comment?.trim()) {
      throw new InputError(
        'A rejection needs a comment that tells the requester why',
      );
    }
    if (request.state !== 'pending') {
      throw new ConflictError(`Request ${id} is already ${request.state}`);
    }

    const at = this.now().toISOString();
    const state = approve ? 'approved' : 'rejected';
    const won = await this.store.transaction(async tx => {
      const moved = await this.store.transitionRequest(
        tx,
        id,
        ['pending'],
        {
          state,
          decidedBy: actor.userRef,
          decidedAt: at,
          decisionComment: comment,
        },
        at,
      );
      if (!moved) return false;
      await this.store.appendAudit(tx, {
        at,
        actor: actor.userRef,
        action: approve ? 'request.approved' : 'request.rejected',
        datasetRef: request.datasetRef,
        useCaseRef: request.useCaseRef,
        requestId: id,
        before: { state: 'pending' },
        after: { state },
        comment,
      });
      return true;
    });
    if (!won) {
      const current = await this.get(id);
      throw new ConflictError(
        `Request ${id} was already ${current.state} by ${
          current.decidedBy ?? 'someone else'
        }`,
      );
    }
    // The conditional update moved exactly the request read above; only these fields changed.
    const decided: AccessRequest = {
      ...request,
      state,
      decidedBy: actor.userRef,
      decidedAt: at,
      decisionComment: comment,
      updatedAt: at,
    };
    if (!approve) {
      void this.options.notifier.rejected(decided);
      return decided;
    }
    // An approval is told once, with its outcome (granted or failed).
    return this.grantApproved(decided, actor.userRef);
  }

  private target(
    grantId: string,
    dataset: DatasetFacts,
    useCase: UseCaseFacts,
    tables: AccessGrantTarget['tables'],
  ): AccessGrantTarget {
    return {
      grantId,
      dataset: {
        entityRef: dataset.ref,
        hub: dataset.hub,
        glueDatabase: dataset.storage.glueDatabase,
        location: dataset.storage.location,
        accountId: dataset.storage.accountId,
        region: dataset.storage.region,
      },
      useCase: {
        entityRef: useCase.ref,
        hub: useCase.hub,
        consumerRoleArn: useCase.consumerRoleArn,
      },
      tables,
    };
  }

  /** Builds the granter's target of a stored grant from the catalog's current facts. */
  async targetOfGrant(
    grant: StoredGrant,
    tables = grant.tables,
  ): Promise<AccessGrantTarget> {
    const dataset = await this.options.subjects.dataset(grant.datasetRef);
    const useCase = await this.options.subjects.useCase(grant.useCaseRef);
    if (dataset && useCase)
      return this.target(grant.id, dataset, useCase, tables);
    // The entities left the catalog: revoke by what the grant itself recorded.
    return {
      grantId: grant.id,
      dataset: {
        entityRef: grant.datasetRef,
        hub: grant.datasetHub,
        glueDatabase:
          dataset?.storage.glueDatabase ??
          grant.datasetRef.split('/').pop()!.replace(/-/g, '_'),
      },
      useCase: {
        entityRef: grant.useCaseRef,
        hub: grant.useCaseHub,
        consumerRoleArn: useCase?.consumerRoleArn,
      },
      tables,
    };
  }

  /** Approved → granted (or grant-failed): asks the granter, then records the grant. */
  private async grantApproved(
    request: AccessRequest,
    actorRef: string,
  ): Promise<AccessRequest> {
    const at = this.now();
    const expiresAt = new Date(
      at.getTime() + request.durationDays * DAY_MS,
    ).toISOString();
    try {
      const dataset = await this.datasetOrThrow(request.datasetRef);
      const useCase = await this.useCaseOrThrow(request.useCaseRef);
      const live = await this.store.findLiveGrant(
        request.datasetRef,
        request.useCaseRef,
      );
      const grantId = live?.id ?? randomUUID();
      // An extension may drop tables: name them with no columns so the granter removes them.
      const dropped = (live?.tables ?? [])
        .filter(t => !request.tables.some(r => r.name === t.name))
        .map(t => ({ name: t.name, columns: [] }));
      await this.options.granter.grant(
        this.target(grantId, dataset, useCase, [...request.tables, ...dropped]),
      );
      const grant = await this.recordGrant(
        request,
        live,
        grantId,
        expiresAt,
        actorRef,
        at.toISOString(),
      );
      const granted: AccessRequest = {
        ...request,
        state: 'granted',
        grantId,
        updatedAt: at.toISOString(),
      };
      void this.options.notifier.granted(granted, grant);
      return granted;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.error(
        `Granting request ${request.id} failed: ${message}`,
      );
      const failedAt = this.now().toISOString();
      const moved = await this.store.transaction(async tx => {
        const failed = await this.store.transitionRequest(
          tx,
          request.id,
          ['approved'],
          { state: 'grant-failed', grantError: message },
          failedAt,
        );
        if (!failed) return false;
        await this.store.appendAudit(tx, {
          at: failedAt,
          actor: actorRef,
          action: 'grant.failed',
          datasetRef: request.datasetRef,
          useCaseRef: request.useCaseRef,
          requestId: request.id,
          before: { state: 'approved' },
          after: { state: 'grant-failed', error: message },
        });
        return true;
      });
      if (!moved) return this.get(request.id);
      const failed: AccessRequest = {
        ...request,
        state: 'grant-failed',
        grantError: message,
        updatedAt: failedAt,
      };
      void this.options.notifier.grantFailed(failed, message);
      return failed;
    }
  }

  private async recordGrant(
    request: AccessRequest,
    live: StoredGrant | undefined,
    grantId: string,
    expiresAt: string,
    actorRef: string,
    at: string,
  ): Promise<StoredGrant> {
    return this.store.transaction(async tx => {
      let grant: StoredGrant;
      let grantEvent: Omit<AccessAuditEvent, 'id'>;
      const event = {
        at,
        actor: actorRef,
        datasetRef: request.datasetRef,
        useCaseRef: request.useCaseRef,
        requestId: request.id,
        grantId,
      };
      if (live) {
        const extended = await this.store.transitionGrant(tx, live.id, 'live', {
          tables: request.tables,
          requestId: request.id,
          expiresAt,
          remindedAt: undefined,
        });
        if (!extended)
          throw new ConflictError(
            `Grant ${live.id} ended while it was being extended`,
          );
        grant = {
          ...live,
          tables: request.tables,
          requestId: request.id,
          expiresAt,
        };
        grantEvent = {
          ...event,
          action: 'grant.extended',
          before: { tables: live.tables, expiresAt: live.expiresAt },
          after: { tables: request.tables, expiresAt },
        };
      } else {
        grant = {
          id: grantId,
          datasetRef: request.datasetRef,
          datasetHub: request.datasetHub,
          datasetOwner: request.datasetOwner,
          classification: request.classification,
          useCaseRef: request.useCaseRef,
          useCaseHub: request.useCaseHub,
          useCaseOwner: request.useCaseOwner,
          tables: request.tables,
          requestId: request.id,
          granter: this.options.granter.id,
          state: 'live',
          grantedAt: at,
          expiresAt,
        };
        await this.store.insertGrant(tx, grant);
        grantEvent = {
          ...event,
          action: 'grant.created',
          before: null,
          after: {
            state: 'live',
            tables: request.tables,
            expiresAt,
            granter: this.options.granter.id,
          },
        };
      }
      const moved = await this.store.transitionRequest(
        tx,
        request.id,
        ['approved'],
        { state: 'granted', grantId },
        at,
      );
      if (!moved)
        throw new ConflictError(`Request ${request.id} is no longer approved`);
      await this.store.appendAudit(tx, grantEvent, {
        ...event,
        action: 'request.granted',
        before: { state: 'approved' },
        after: { state: 'granted' },
      });
      return grant;
    });
  }

  async withdraw(id: string, actor: Actor): Promise<AccessRequest> {
    const request = await this.read(id, actor.credentials);
    if (request.requester !== actor.userRef) {
      throw new NotAllowedError('Only the requester may withdraw a request');
    }
    const at = this.now().toISOString();
    const moved = await this.store.transaction(async tx => {
      if (
        !(await this.store.transitionRequest(
          tx,
          id,
          ['pending'],
          { state: 'withdrawn' },
          at,
        ))
      )
        return false;
      await this.store.appendAudit(tx, {
        at,
        actor: actor.userRef,
        action: 'request.withdrawn',
        datasetRef: request.datasetRef,
        useCaseRef: request.useCaseRef,
        requestId: id,
        before: { state: 'pending' },
        after: { state: 'withdrawn' },
      });
      return true;
    });
    if (!moved)
      throw new ConflictError(
        `Request ${id} is ${
          (await this.get(id)).state
        }; only pending requests can be withdrawn`,
      );
    return { ...request, state: 'withdrawn', updatedAt: at };
  }

  /** Revoke a live grant: dataset owners, or members of the use case giving access back. */
  async revoke(
    grantId: string,
    comment: string | undefined,
    actor: Actor,
  ): Promise<StoredGrant> {
    const grant = await this.store.getGrant(grantId);
    if (!grant) throw new NotFoundError(`No grant ${grantId}`);
    const { request, mayAct } = await this.readFor(
      grant.requestId,
      actor.credentials,
      dataHubGrantRevokePermission,
    );
    const useCase = await this.options.subjects.useCase(grant.useCaseRef);
    const isOwner = actor.ownershipRefs.includes(grant.datasetOwner);
    const isConsumer = !!useCase && actor.ownershipRefs.includes(useCase.owner);
    if (!isOwner && !isConsumer) {
      throw new NotAllowedError(
        `Only members of ${grant.datasetOwner} (owner of ${grant.datasetRef}) or of the use case's owner group may revoke this grant`,
      );
    }
    if (!mayAct) throw AccessWorkflow.denied('revoke this grant');
    if (grant.state !== 'live')
      throw new ConflictError(`Grant ${grantId} is already ${grant.state}`);
    const ended = await this.endGrant(
      grant,
      'revoked',
      actor.userRef,
      comment,
      request,
    );
    return ended ?? (await this.store.getGrant(grantId))!;
  }

  /**
   * Ends a live grant: the granter revokes first, so a grant the store calls ended is never
   * still enforced; when the granter fails the grant stays live and the caller hears why.
   * Returns the ended grant; undefined when someone else ended it first. `request`, the
   * grant's request when the caller has read it already, spares reading it again.
   */
  async endGrant(
    grant: StoredGrant,
    how: 'expired' | 'revoked',
    actorRef: string,
    comment?: string,
    request?: AccessRequest,
  ): Promise<StoredGrant | undefined> {
    try {
      await this.options.granter.revoke(await this.targetOfGrant(grant));
    } catch (error) {
      throw new ServiceUnavailableError(
        `The ${this.options.granter.id} granter could not revoke grant ${
          grant.id
        }; it stays live: ${error instanceof Error ? error.message : error}`,
      );
    }
    const at = this.now().toISOString();
    const ended = await this.store.transaction(async tx => {
      if (
        !(await this.store.transitionGrant(tx, grant.id, 'live', {
          state: how,
          endedAt: at,
          endedBy: actorRef,
        }))
      ) {
        return false;
      }
      await this.store.transitionRequestsOfGrant(
        tx,
        grant.id,
        'granted',
        how,
        at,
      );
      await this.store.appendAudit(tx, {
        at,
        actor: actorRef,
        action: how === 'expired' ? 'grant.expired' : 'grant.revoked',
        datasetRef: grant.datasetRef,
        useCaseRef: grant.useCaseRef,
        requestId: grant.requestId,
        grantId: grant.id,
        before: { state: 'live', expiresAt: grant.expiresAt },
        after: { state: how },
        comment,
      });
      return true;
    });
    if (!ended) return undefined;
    const requested = request ?? (await this.store.getRequest(grant.requestId));
    if (requested)
      void this.options.notifier.ended(requested, grant, how, actorRef);
    return { ...grant, state: how, endedAt: at, endedBy: actorRef };
  }
}
