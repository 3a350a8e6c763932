import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  GetQueryExecutionCommand,
  GetQueryRuntimeStatisticsCommand,
  QueryExecution,
  QueryExecutionState,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { ANNOTATION_CONSUMER_ROLE_ARN } from '@cloud-data-hub/data-hub-common';
import type {
  QueryColumn,
  QueryEngine,
  QueryReadContext,
  QueryResultPage,
  QueryStartRequest,
  QueryState,
  QueryStatus,
  QueryValue,
} from '@cloud-data-hub/data-hub-node';
import { DEFAULT_ATHENA_PRICE_PER_TB_USD } from '../AwsHubConfig';
import { IAM_ROLE_ARN } from '../iamRoleArn';
import type { AthenaClients } from './AthenaClients';
import { athenaCostUsd } from './athenaCost';
import { classifyAthenaFailure, queryFailureError } from './athenaFailures';
import { AthenaResultReader } from './AthenaResultReader';
import { ATHENA_CATALOG, checkAthenaSql } from './athenaSql';
import { ConsumerRole, roleSessionName } from './ConsumerRoleCredentials';
import { LruMap } from './LruMap';

const STATES: Record<QueryExecutionState, QueryState> = {
  QUEUED: 'queued',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
};

const FINAL_STATES = new Set<QueryState>(['succeeded', 'failed', 'cancelled']);

/** How `waitFor` polls: 100 ms, then 1.5 times longer each time, never more than 2 s. */
export interface AthenaPolling {
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

const DEFAULT_POLLING: AthenaPolling = {
  initialDelayMs: 100,
  factor: 1.5,
  maxDelayMs: 2000,
};

export interface AthenaQueryEngineOptions {
  clients: AthenaClients;
  logger: LoggerService;
  /** `dataHub.aws.athenaPricePerTbUsd`; a hub's own price overrides it. */
  pricePerTbUsd?: number;
  polling?: Partial<AthenaPolling>;
  /** Queries remembered at once (their role, paging tokens and final status). */
  queryCapacity?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What the engine remembers of a query it started: who it runs as, and its results. */
interface TrackedQuery {
  id: string;
  role: ConsumerRole;
  reader: AthenaResultReader;
  /** The final status, once reached; it no longer changes. */
  finalStatus?: QueryStatus;
}

/**
 * The Athena query engine (`athena`): runs a use case's SQL in its hub's Athena workgroup as
 * the use case's consumer role (STS AssumeRole, the session named for the user), so that Lake
 * Formation enforces the use case's grants. The portal's own identity only assumes the role;
 * it never runs a query.
 *
 * The interface passes only a query id to `status`, `page`, `stream` and `cancel`, so the
 * engine remembers which role each of its queries runs as (a bounded map). A query it does
 * not know (started before a restart, on another instance, or long forgotten) is a
 * `NotFoundError`: acting on it with any other identity is exactly what must not happen.
 */
export class AthenaQueryEngine implements QueryEngine {
  readonly id = 'athena';

  private readonly clients: AthenaClients;
  private readonly logger: LoggerService;
  private readonly pricePerTbUsd: number;
  private readonly polling: AthenaPolling;
  private readonly queries: LruMap<string, TrackedQuery>;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: AthenaQueryEngineOptions) {
    this.clients = options.clients;
    this.logger = options.logger;
    this.pricePerTbUsd =
      options.pricePerTbUsd ?? DEFAULT_ATHENA_PRICE_PER_TB_USD;
    this.polling = { ...DEFAULT_POLLING, ...options.polling };
    this.queries = new LruMap(options.queryCapacity ?? 2000);
    this.now = options.now ?? Date.now;
    this.sleep =
      options.sleep ??
      ((ms, signal) => delay(ms, undefined, { signal }).then(() => undefined));
  }

  async start(
    request: QueryStartRequest,
  ): Promise<{ queryId: string; glueDatabases: string[] }> {
    const { useCase, userRef } = request;
    const roleArn = useCase.consumerRoleArn?.trim();
    if (!roleArn) {
      throw new InputError(
        `Use case ${useCase.entityRef} has no ${ANNOTATION_CONSUMER_ROLE_ARN} annotation: Athena queries run as the use case's IAM role, so the use case needs one`,
      );
    }
    if (!IAM_ROLE_ARN.test(roleArn)) {
      throw new InputError(
        `Use case ${useCase.entityRef}: ${ANNOTATION_CONSUMER_ROLE_ARN} "${roleArn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
      );
    }
    // Checked before any AWS call: a refused statement reaches neither STS nor Athena.
    const { queryString, glueDatabases } = checkAthenaSql(
      request.sql,
      request.grants,
    );

    const hub = this.clients.hubConfig(useCase.hub);
    if (!hub.athenaWorkgroup) {
      throw new Error(
        `Hub "${hub.hub}" has no Athena workgroup: set dataHub.aws.hubs[].athenaWorkgroup for it`,
      );
    }
    const role: ConsumerRole = {
      hub,
      roleArn,
      sessionName: roleSessionName(userRef),
    };
    // Assumed up front so that a role the portal may not assume fails with its own message,
    // not as an Athena error.
    await this.clients.credentials.get(role);
    const client = this.clients.forRole(role);

    let queryId: string | undefined;
    try {
      const output = await client.send(
        new StartQueryExecutionCommand({
          QueryString: queryString,
          QueryExecutionContext: { Catalog: ATHENA_CATALOG },
          WorkGroup: hub.athenaWorkgroup,
          ResultConfiguration: hub.athenaOutputLocation
            ? { OutputLocation: hub.athenaOutputLocation }
            : undefined,
          // The SDK retries with the same input: the same token makes Athena start the
          // query once, however often the request is sent.
          ClientRequestToken: randomUUID(),
        }),
      );
      queryId = output.QueryExecutionId;
    } catch (e) {
      throw this.startError(e, role);
    }
    if (!queryId) {
      throw new Error(
        `Athena returned no query execution id (workgroup "${hub.athenaWorkgroup}" of hub "${hub.hub}")`,
      );
    }
    this.queries.set(queryId, {
      id: queryId,
      role,
      reader: new AthenaResultReader(client, queryId),
    });
    this.logger.info(
      `Athena query ${queryId} started by ${userRef} as ${useCase.entityRef} (${roleArn}) in workgroup ${hub.athenaWorkgroup} of hub ${hub.hub}`,
    );
    return { queryId, glueDatabases };
  }

  async status(queryId: string): Promise<QueryStatus> {
    const query = this.tracked(queryId);
    if (query.finalStatus) {
      return query.finalStatus;
    }
    const client = this.clients.forRole(query.role);
    let execution: QueryExecution | undefined;
    try {
      execution = (
        await client.send(
          new GetQueryExecutionCommand({ QueryExecutionId: queryId }),
        )
      ).QueryExecution;
    } catch (e) {
      throw new ForwardedError(
        `Athena could not report on query ${queryId}`,
        e,
      );
    }
    const status = this.toStatus(query, execution);
    if (status.state === 'succeeded') {
      status.statistics.rows = await this.outputRows(query);
    }
    if (FINAL_STATES.has(status.state)) {
      query.finalStatus = status;
    }
    return status;
  }

  async page(
    queryId: string,
    offset: number,
    limit: number,
  ): Promise<QueryResultPage> {
    if (!Number.isInteger(offset) || offset < 0) {
      throw new InputError(`offset must be an integer >= 0, got ${offset}`);
    }
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InputError(`limit must be an integer >= 1, got ${limit}`);
    }
    const query = this.tracked(queryId);
    const status = await this.status(queryId);
    if (status.state !== 'succeeded') {
      throw this.noResultsError(queryId, status);
    }
    return query.reader.page(offset, limit);
  }

  /**
   * Reads Athena's own result pages; nothing is recomputed, so the data hub's check of the
   * grants live at the moment of the read (before it calls this) is what applies.
   */
  async *stream(
    queryId: string,
    read?: QueryReadContext,
  ): AsyncIterable<{ columns: QueryColumn[]; rows: QueryValue[][] }> {
    const signal = read?.signal;
    const query = this.tracked(queryId);
    const status = await this.waitFor(queryId, signal);
    if (status.state !== 'succeeded') {
      throw this.noResultsError(queryId, status);
    }
    yield* query.reader.batches(signal);
  }

  async cancel(queryId: string): Promise<void> {
    const query = this.tracked(queryId);
    try {
      // A no-op for a query that has already ended.
      await this.clients
        .forRole(query.role)
        .send(new StopQueryExecutionCommand({ QueryExecutionId: queryId }));
    } catch (e) {
      throw new ForwardedError(`Athena could not cancel query ${queryId}`, e);
    }
    this.logger.info(`Athena query ${queryId} cancelled`);
  }

  /**
   * Polls the query's status with exponential backoff (100 ms, ×1.5, at most 2 s) until it
   * has ended, and returns that final status. The API polls `status` itself; this is for
   * callers that need the end, like `stream`.
   */
  async waitFor(queryId: string, signal?: AbortSignal): Promise<QueryStatus> {
    let wait = this.polling.initialDelayMs;
    for (;;) {
      signal?.throwIfAborted();
      const status = await this.status(queryId);
      if (FINAL_STATES.has(status.state)) {
        return status;
      }
      await this.sleep(wait, signal);
      wait = Math.min(wait * this.polling.factor, this.polling.maxDelayMs);
    }
  }

  private tracked(queryId: string): TrackedQuery {
    const query = this.queries.get(queryId);
    if (!query) {
      throw new NotFoundError(
        `Athena query ${queryId} is not known to this backend (started before a restart, by another instance, or too long ago): run it again`,
      );
    }
    return query;
  }

  private toStatus(
    query: TrackedQuery,
    execution: QueryExecution | undefined,
  ): QueryStatus {
    const athenaState = execution?.Status?.State;
    const state = athenaState ? STATES[athenaState] : undefined;
    if (!state) {
      throw new Error(
        `Athena reported an unknown state "${athenaState}" for query ${query.id}`,
      );
    }
    const reason =
      execution?.Status?.StateChangeReason ??
      execution?.Status?.AthenaError?.ErrorMessage;
    let error: QueryStatus['error'];
    if (state === 'failed') {
      const message = reason ?? 'Athena gave no reason';
      error = {
        kind: classifyAthenaFailure(message, execution?.Status?.AthenaError),
        message,
      };
    } else if (state === 'cancelled' && reason) {
      // The workgroup's data limit cancels a query too; that is worth telling apart from
      // the user's own cancel.
      const kind = classifyAthenaFailure(reason);
      if (kind === 'limit') error = { kind, message: reason };
    }

    const statistics = execution?.Statistics;
    const submitted = execution?.Status?.SubmissionDateTime?.getTime();
    const bytesScanned = statistics?.DataScannedInBytes;
    // Athena's own total once the query has ended; while it runs, the time since it was
    // submitted (Athena fills its statistics in as it goes).
    let elapsedMs =
      statistics?.TotalExecutionTimeInMillis ??
      statistics?.EngineExecutionTimeInMillis;
    if (!FINAL_STATES.has(state) && submitted !== undefined) {
      elapsedMs = Math.max(0, this.now() - submitted);
    }
    return {
      state,
      ...(error ? { error } : {}),
      statistics: {
        bytesScanned,
        elapsedMs,
        costEstimateUsd: athenaCostUsd(
          state,
          bytesScanned,
          query.role.hub.athenaPricePerTbUsd ?? this.pricePerTbUsd,
        ),
      },
    };
  }

  /**
   * Rows the query produced (GetQueryExecution does not say). Only a statistic: without the
   * permission (`athena:GetQueryRuntimeStatistics`) the status still answers, without rows.
   */
  private async outputRows(query: TrackedQuery): Promise<number | undefined> {
    try {
      const output = await this.clients
        .forRole(query.role)
        .send(
          new GetQueryRuntimeStatisticsCommand({ QueryExecutionId: query.id }),
        );
      return output.QueryRuntimeStatistics?.Rows?.OutputRows;
    } catch (e) {
      this.logger.debug(
        `Athena runtime statistics of query ${query.id} unavailable: ${e}`,
      );
      return undefined;
    }
  }

  private noResultsError(queryId: string, status: QueryStatus): Error {
    if (status.state === 'failed' && status.error) {
      return queryFailureError(
        status.error.kind,
        `Query ${queryId} failed: ${status.error.message}`,
      );
    }
    if (status.state === 'cancelled') {
      return new ConflictError(
        `Query ${queryId} was cancelled${
          status.error ? ` (${status.error.message})` : ''
        }; it has no results`,
      );
    }
    return new ConflictError(
      `Query ${queryId} is still ${status.state}: its results can be read once it has succeeded`,
    );
  }

  /** StartQueryExecution refused: the SQL's fault (400/403) or the setup's (500). */
  private startError(e: unknown, role: ConsumerRole): Error {
    const name = (e as Error)?.name;
    const message = (e as Error)?.message ?? String(e);
    if (name === 'InvalidRequestException') {
      const kind = classifyAthenaFailure(message);
      if (kind === 'invalid') {
        return new InputError(`Athena refused the query: ${message}`);
      }
      if (kind === 'not-granted') {
        return new NotAllowedError(`Athena refused the query: ${message}`);
      }
    }
    return new ForwardedError(
      `Athena did not start the query in workgroup "${role.hub.athenaWorkgroup}" of hub "${role.hub.hub}" as ${role.roleArn}`,
      e,
    );
  }
}
