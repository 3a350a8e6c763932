import type { Knex } from 'knex';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  AccessAuditEvent,
  AccessGrant,
  AccessGrantState,
  AccessRequest,
  AccessRequestState,
  AccessScopeTable,
  DatasetClassification,
  Page,
} from '@cloud-data-hub/data-hub-common';
import {
  applyAccessCriteria,
  type AccessQuery,
} from '../permissions/AccessQuery';
import { isoTimestamp as iso } from '../database/isoTimestamp';

/** A grant row as the workflow needs it: the API shape plus bookkeeping. */
export interface StoredGrant extends AccessGrant {
  datasetOwner: string;
  useCaseOwner?: string;
  classification: DatasetClassification;
  remindedAt?: string;
}

export interface RequestListFilter {
  requester?: string;
  /** Requests on datasets owned by one of these refs (the "to decide" view). */
  datasetOwners?: string[];
  /** Hide the user's own requests (four eyes). */
  notRequestedBy?: string;
  states?: AccessRequestState[];
  datasetRef?: string;
  useCaseRef?: string;
  /** Conditions from conditional permission decisions (read, and decide for "to decide"); all must hold. */
  criteria?: Array<PermissionCriteria<AccessQuery>>;
  limit: number;
  offset: number;
}

export interface GrantListFilter {
  datasetRef?: string;
  useCaseRef?: string;
  states?: AccessGrantState[];
  /** Read conditions, applied to the request behind each grant. */
  criteria?: PermissionCriteria<AccessQuery>;
  limit: number;
  offset: number;
}

export interface AuditListFilter {
  datasetRef?: string;
  useCaseRef?: string;
  requestId?: string;
  /** Read conditions, applied to the request behind each event. */
  criteria?: PermissionCriteria<AccessQuery>;
  limit: number;
  offset: number;
}

type Row = Record<string, any>;

const json = <T>(text: string | null | undefined): T | undefined =>
  text ? (JSON.parse(text) as T) : undefined;

function toRequest(row: Row): AccessRequest {
  return {
    id: row.id,
    datasetRef: row.dataset_ref,
    datasetTitle: row.dataset_title ?? undefined,
    datasetHub: row.dataset_hub,
    datasetOwner: row.dataset_owner,
    classification: row.classification,
    useCaseRef: row.use_case_ref,
    useCaseHub: row.use_case_hub,
    useCaseOwner: row.use_case_owner ?? undefined,
    requester: row.requester,
    tables: json<AccessScopeTable[]>(row.tables) ?? [],
    justification: row.justification,
    durationDays: Number(row.duration_days),
    state: row.state,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    decidedBy: row.decided_by ?? undefined,
    decidedAt: iso(row.decided_at),
    decisionComment: row.decision_comment ?? undefined,
    grantId: row.grant_id ?? undefined,
    extendsGrantId: row.extends_grant_id ?? undefined,
    grantError: row.grant_error ?? undefined,
  };
}

function toGrant(row: Row): StoredGrant {
  return {
    id: row.id,
    datasetRef: row.dataset_ref,
    datasetHub: row.dataset_hub,
    datasetOwner: row.dataset_owner,
    classification: row.classification,
    useCaseRef: row.use_case_ref,
    useCaseHub: row.use_case_hub,
    useCaseOwner: row.use_case_owner ?? undefined,
    tables: json<AccessScopeTable[]>(row.tables) ?? [],
    requestId: row.request_id,
    granter: row.granter,
    state: row.state,
    grantedAt: iso(row.granted_at)!,
    expiresAt: iso(row.expires_at)!,
    endedAt: iso(row.ended_at),
    endedBy: row.ended_by ?? undefined,
    remindedAt: iso(row.reminded_at),
  };
}

function toAudit(row: Row): AccessAuditEvent {
  return {
    id: Number(row.id),
    at: iso(row.at)!,
    actor: row.actor,
    action: row.action,
    datasetRef: row.dataset_ref,
    useCaseRef: row.use_case_ref,
    requestId: row.request_id ?? undefined,
    grantId: row.grant_id ?? undefined,
    before: json(row.before) ?? null,
    after: json(row.after) ?? null,
    comment: row.comment ?? undefined,
  };
}

/** Column values of a request or grant patch, by API field name. */
const REQUEST_COLUMNS: Record<string, string> = {
  state: 'state',
  decidedBy: 'decided_by',
  decidedAt: 'decided_at',
  decisionComment: 'decision_comment',
  grantId: 'grant_id',
  grantError: 'grant_error',
};
const GRANT_COLUMNS: Record<string, string> = {
  state: 'state',
  tables: 'tables',
  requestId: 'request_id',
  expiresAt: 'expires_at',
  endedAt: 'ended_at',
  endedBy: 'ended_by',
  remindedAt: 'reminded_at',
};

function columnsOf(
  patch: Record<string, unknown>,
  names: Record<string, string>,
): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(patch)) {
    const column = names[key];
    if (!column) throw new Error(`Cannot update ${key}`);
    if (key === 'tables') row[column] = JSON.stringify(value);
    else if (key.endsWith('At') && typeof value === 'string')
      row[column] = new Date(value);
    else row[column] = value ?? null;
  }
  return row;
}

export type RequestPatch = Partial<
  Pick<
    AccessRequest,
    | 'state'
    | 'decidedBy'
    | 'decidedAt'
    | 'decisionComment'
    | 'grantId'
    | 'grantError'
  >
>;
export type GrantPatch = Partial<
  Pick<
    StoredGrant,
    | 'state'
    | 'tables'
    | 'requestId'
    | 'expiresAt'
    | 'endedAt'
    | 'endedBy'
    | 'remindedAt'
  >
>;

/**
 * Owns the tables of access requests, grants and their audit trail. State changes are
 * conditional updates (`WHERE state = …`) inside transactions, so two racing deciders
 * cannot both win.
 */
export class AccessStore {
  constructor(private readonly db: Knex) {}

  transaction<T>(fn: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /**
   * Stores a new request; false, and nothing stored, when its pair already has an open one
   * (the unique index `access_requests_one_open_uniq` decides, also between racing requests).
   */
  async insertRequest(
    tx: Knex | Knex.Transaction,
    request: AccessRequest,
  ): Promise<boolean> {
    const inserted = await tx('access_requests')
      .insert({
        id: request.id,
        dataset_ref: request.datasetRef,
        dataset_title: request.datasetTitle ?? null,
        dataset_hub: request.datasetHub,
        dataset_owner: request.datasetOwner,
        classification: request.classification,
        use_case_ref: request.useCaseRef,
        use_case_hub: request.useCaseHub,
        use_case_owner: request.useCaseOwner ?? null,
        requester: request.requester,
        tables: JSON.stringify(request.tables),
        justification: request.justification,
        duration_days: request.durationDays,
        state: request.state,
        created_at: new Date(request.createdAt),
        updated_at: new Date(request.updatedAt),
        extends_grant_id: request.extendsGrantId ?? null,
      })
      .onConflict()
      .ignore()
      .returning('id');
    return inserted.length === 1;
  }

  async getRequest(
    id: string,
    tx: Knex | Knex.Transaction = this.db,
  ): Promise<AccessRequest | undefined> {
    const row = await tx('access_requests').where({ id }).first();
    return row ? toRequest(row) : undefined;
  }

  async getRequests(ids: string[]): Promise<AccessRequest[]> {
    const rows = await this.db('access_requests').whereIn('id', ids);
    return rows.map(toRequest);
  }

  /** Moves a request on only when it is still in one of `from`; false when someone else moved it first. */
  async transitionRequest(
    tx: Knex.Transaction,
    id: string,
    from: AccessRequestState[],
    patch: RequestPatch,
    at: string,
  ): Promise<boolean> {
    const updated = await tx('access_requests')
      .where({ id })
      .whereIn('state', from)
      .update({
        ...columnsOf(patch, REQUEST_COLUMNS),
        updated_at: new Date(at),
      });
    return updated === 1;
  }

  /** Moves every request of a grant that is `from` on (expiry and revocation end them all). */
  async transitionRequestsOfGrant(
    tx: Knex.Transaction,
    grantId: string,
    from: AccessRequestState,
    to: AccessRequestState,
    at: string,
  ): Promise<void> {
    await tx('access_requests')
      .where({ grant_id: grantId, state: from })
      .update({ state: to, updated_at: new Date(at) });
  }

  /** A request of the pair that still awaits its decision or grant, if any. */
  async findOpenRequest(
    datasetRef: string,
    useCaseRef: string,
    tx: Knex | Knex.Transaction = this.db,
  ): Promise<AccessRequest | undefined> {
    const row = await tx('access_requests')
      .where({ dataset_ref: datasetRef, use_case_ref: useCaseRef })
      .whereIn('state', ['pending', 'approved'])
      .first();
    return row ? toRequest(row) : undefined;
  }

  async listRequests(filter: RequestListFilter): Promise<Page<AccessRequest>> {
    const query = this.db('access_requests as r');
    if (filter.requester) query.where('r.requester', filter.requester);
    if (filter.datasetOwners)
      query.whereIn('r.dataset_owner', filter.datasetOwners);
    if (filter.notRequestedBy)
      query.whereNot('r.requester', filter.notRequestedBy);
    if (filter.states?.length) query.whereIn('r.state', filter.states);
    if (filter.datasetRef) query.where('r.dataset_ref', filter.datasetRef);
    if (filter.useCaseRef) query.where('r.use_case_ref', filter.useCaseRef);
    for (const criteria of filter.criteria ?? []) {
      query.where(qb => applyAccessCriteria(qb, criteria, 'r'));
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query
      .select('r.*')
      .orderBy([
        { column: 'r.created_at', order: 'desc' },
        { column: 'r.id', order: 'asc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(toRequest), totalCount: Number(count) };
  }

  async insertGrant(tx: Knex.Transaction, grant: StoredGrant): Promise<void> {
    await tx('access_grants').insert({
      id: grant.id,
      dataset_ref: grant.datasetRef,
      dataset_hub: grant.datasetHub,
      dataset_owner: grant.datasetOwner,
      classification: grant.classification,
      use_case_ref: grant.useCaseRef,
      use_case_hub: grant.useCaseHub,
      use_case_owner: grant.useCaseOwner ?? null,
      tables: JSON.stringify(grant.tables),
      request_id: grant.requestId,
      granter: grant.granter,
      state: grant.state,
      granted_at: new Date(grant.grantedAt),
      expires_at: new Date(grant.expiresAt),
    });
  }

  async getGrant(
    id: string,
    tx: Knex | Knex.Transaction = this.db,
  ): Promise<StoredGrant | undefined> {
    const row = await tx('access_grants').where({ id }).first();
    return row ? toGrant(row) : undefined;
  }

  async findLiveGrant(
    datasetRef: string,
    useCaseRef: string,
    tx: Knex | Knex.Transaction = this.db,
  ): Promise<StoredGrant | undefined> {
    const row = await tx('access_grants')
      .where({
        dataset_ref: datasetRef,
        use_case_ref: useCaseRef,
        state: 'live',
      })
      .first();
    return row ? toGrant(row) : undefined;
  }

  /** Updates a grant only when it is still `from`; false when someone else changed it first. */
  async transitionGrant(
    tx: Knex.Transaction,
    id: string,
    from: AccessGrantState,
    patch: GrantPatch,
  ): Promise<boolean> {
    const updated = await tx('access_grants')
      .where({ id, state: from })
      .update(columnsOf(patch, GRANT_COLUMNS));
    return updated === 1;
  }

  async listGrants(filter: GrantListFilter): Promise<Page<StoredGrant>> {
    const query = this.db('access_grants as g');
    if (filter.datasetRef) query.where('g.dataset_ref', filter.datasetRef);
    if (filter.useCaseRef) query.where('g.use_case_ref', filter.useCaseRef);
    if (filter.states?.length) query.whereIn('g.state', filter.states);
    if (filter.criteria) {
      const criteria = filter.criteria;
      // A grant is readable as its request is: the one that created or last extended it.
      query
        .join('access_requests as r', 'r.id', 'g.request_id')
        .where(qb => applyAccessCriteria(qb, criteria, 'r'));
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query
      .select('g.*')
      .orderBy([
        { column: 'g.granted_at', order: 'desc' },
        { column: 'g.id', order: 'asc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(toGrant), totalCount: Number(count) };
  }

  /**
   * The use cases ever granted the dataset whose grants pass `criteria` (the caller's read
   * conditions): whose names the caller may see in the dataset's usage.
   */
  async grantedUseCases(
    datasetRef: string,
    criteria: PermissionCriteria<AccessQuery>,
  ): Promise<string[]> {
    const rows = await this.db('access_grants as g')
      .join('access_requests as r', 'r.id', 'g.request_id')
      .where('g.dataset_ref', datasetRef)
      .where(qb => applyAccessCriteria(qb, criteria, 'r'))
      .distinct('g.use_case_ref');
    return rows.map(r => r.use_case_ref);
  }

  /** Live grants whose time is up at `now`, also those that expired while the backend was down. */
  async listExpiredLiveGrants(now: Date, limit = 500): Promise<StoredGrant[]> {
    const rows = await this.db('access_grants')
      .where('state', 'live')
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit);
    return rows.map(toGrant);
  }

  /** Live grants expiring before `until` whose requesters have not been reminded yet. */
  async listGrantsToRemind(
    now: Date,
    until: Date,
    limit = 500,
  ): Promise<StoredGrant[]> {
    const rows = await this.db('access_grants')
      .where('state', 'live')
      .where('expires_at', '>', now)
      .where('expires_at', '<=', until)
      .whereNull('reminded_at')
      .limit(limit);
    return rows.map(toGrant);
  }

  /** The use case's grants that are live and not past their end, whatever the expiry job did yet. */
  async listUnexpiredGrants(
    useCaseRef: string,
    now: Date,
  ): Promise<StoredGrant[]> {
    const rows = await this.db('access_grants')
      .where({ use_case_ref: useCaseRef, state: 'live' })
      .where('expires_at', '>', now);
    return rows.map(toGrant);
  }

  async listLiveGrants(limit = 10_000): Promise<StoredGrant[]> {
    const rows = await this.db('access_grants')
      .where('state', 'live')
      .limit(limit);
    return rows.map(toGrant);
  }

  /** Appends events to the audit trail, in one statement. */
  async appendAudit(
    tx: Knex | Knex.Transaction,
    ...events: Array<Omit<AccessAuditEvent, 'id'>>
  ): Promise<void> {
    await tx('access_audit').insert(
      events.map(event => ({
        at: new Date(event.at),
        actor: event.actor,
        action: event.action,
        dataset_ref: event.datasetRef,
        use_case_ref: event.useCaseRef,
        request_id: event.requestId ?? null,
        grant_id: event.grantId ?? null,
        before: event.before ? JSON.stringify(event.before) : null,
        after: event.after ? JSON.stringify(event.after) : null,
        comment: event.comment ?? null,
      })),
    );
  }

  async listAudit(filter: AuditListFilter): Promise<Page<AccessAuditEvent>> {
    const query = this.db('access_audit as a');
    if (filter.datasetRef) query.where('a.dataset_ref', filter.datasetRef);
    if (filter.useCaseRef) query.where('a.use_case_ref', filter.useCaseRef);
    if (filter.requestId) query.where('a.request_id', filter.requestId);
    if (filter.criteria) {
      const criteria = filter.criteria;
      // An event is readable as the request it belongs to is (every event names its request).
      query
        .join('access_requests as r', 'r.id', 'a.request_id')
        .where(qb => applyAccessCriteria(qb, criteria, 'r'));
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await query
      .select('a.*')
      .orderBy('a.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset);
    return { items: rows.map(toAudit), totalCount: Number(count) };
  }

  /** Use cases of requests and grants whose owner is not recorded yet (made before it was). */
  async useCasesWithoutOwner(limit = 1000): Promise<string[]> {
    const tables = ['access_requests', 'access_grants'];
    const rows = await Promise.all(
      tables.map(t =>
        this.db(t)
          .distinct('use_case_ref')
          .whereNull('use_case_owner')
          .limit(limit),
      ),
    );
    return [...new Set(rows.flat().map(r => r.use_case_ref as string))];
  }

  /** Records the owner of a use case on its requests and grants that have none yet. */
  async fillUseCaseOwner(useCaseRef: string, owner: string): Promise<void> {
    await this.transaction(async tx => {
      for (const table of ['access_requests', 'access_grants']) {
        await tx(table)
          .where({ use_case_ref: useCaseRef })
          .whereNull('use_case_owner')
          .update({ use_case_owner: owner });
      }
    });
  }
}
