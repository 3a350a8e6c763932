import { setTimeout as delay } from 'node:timers/promises';
import {
  GetQueryExecutionCommand,
  GetQueryRuntimeStatisticsCommand,
  QueryExecution,
  QueryExecutionState,
  QueryRuntimeStatistics,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { DeleteObjectsCommand } from '@aws-sdk/client-s3';
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
  QueryRunHandle,
  QueryStartRequest,
  QueryState,
  QueryStatus,
  QueryValue,
  StartedQuery,
} from '@cloud-data-hub/data-hub-node';
import { DEFAULT_ATHENA_PRICE_PER_TB_USD } from '../AwsHubConfig';
import { IAM_ROLE_ARN } from '../iamRoleArn';
import type { AthenaClients } from './AthenaClients';
import { athenaCostUsd } from './athenaCost';
import { classifyAthenaFailure, queryFailureError } from './athenaFailures';
import { AthenaResultReader, ResultTokens } from './AthenaResultReader';
import { ATHENA_CATALOG, checkAthenaSql } from './athenaSql';
import {
  ConsumerRole,
  consumerRoleKey,
  roleSessionName,
} from './ConsumerRoleCredentials';
import { LRUCache } from 'lru-cache';

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
  /**
   * Queries whose final status and paging tokens are kept at once. Only saves calls: every
   * answer is the same without them (as on a replica that never saw the query).
   */
  queryCapacity?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * The Athena query engine (`athena`): runs a use case's SQL in its hub's Athena workgroup as
 * the use case's consumer role (STS AssumeRole, the session named for the user), so that Lake
 * Formation enforces the use case's grants. The portal's own identity only assumes the role;
 * it never runs a query nor reads a result.
 *
 * A run lives in Athena (`runsIn: 'service'`), and the data hub stores what the engine needs
 * to act on it: every call after `start` gets a `QueryRunHandle` with Athena's query id and
 * the use case, consumer role and user the run was started for. The engine derives the role
 * session from the handle alone — checked as `start` checks it, so a handle without a valid
 * consumer role is refused before any AWS call and never acted on as another identity — and
 * keeps no map of its own from ids to runs. Any backend replica, before or after any restart,
 * can therefore report on, page, stream, cancel and remove the result of any run, as the same
 * role session that started it. What it does keep (final statuses, the paging tokens of
 * recent results, per query) is a bounded cache that only saves calls.
 */
export class AthenaQueryEngine implements QueryEngine {
  readonly id = 'athena';
  readonly runsIn = 'service';

  private readonly clients: AthenaClients;
  private readonly logger: LoggerService;
  private readonly pricePerTbUsd: number;
  private readonly polling: AthenaPolling;
  /** Final statuses (they no longer change), by role session and query. */
  private readonly finalStatuses: LRUCache<string, QueryStatus>;
  /** Paging tokens of results read lately, by role session and query. */
  private readonly resultTokens: LRUCache<string, ResultTokens>;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: AthenaQueryEngineOptions) {
    this.clients = options.clients;
    this.logger = options.logger;
    this.pricePerTbUsd =
      options.pricePerTbUsd ?? DEFAULT_ATHENA_PRICE_PER_TB_USD;
    this.polling = { ...DEFAULT_POLLING, ...options.polling };
    this.finalStatuses = new LRUCache({ max: options.queryCapacity ?? 2000 });
    this.resultTokens = new LRUCache({ max: options.queryCapacity ?? 2000 });
    this.now = options.now ?? Date.now;
    this.sleep =
      options.sleep ??
      ((ms, signal) => delay(ms, undefined, { signal }).then(() => undefined));
  }

  async start(request: QueryStartRequest): Promise<StartedQuery> {
    const { useCase, userRef } = request;
    const roleArn = consumerRoleArn(useCase);
    // Checked before any AWS call: a refused statement reaches neither STS nor Athena.
    const { queryString, glueDatabases, reads } = await checkAthenaSql(
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
          // The run's id: however often the SDK or the data hub sends the request again, Athena
          // starts the run once and answers with the same query id.
          ClientRequestToken: request.runId,
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
    this.logger.info(
      `Athena query ${queryId} (run ${request.runId}) started by ${userRef} as ${useCase.entityRef} (${roleArn}) in workgroup ${hub.athenaWorkgroup} of hub ${hub.hub}`,
    );
    return {
      engineQueryId: queryId,
      glueDatabases,
      reads,
    };
  }

  async status(run: QueryRunHandle): Promise<QueryStatus> {
    const role = this.roleOf(run);
    const queryId = run.engineQueryId;
    const key = queryKey(role, queryId);
    const cached = this.finalStatuses.get(key);
    if (cached) {
      return cached;
    }
    const execution = await this.execution(role, queryId);
    const status = this.toStatus(queryId, role, execution);
    if (status.state === 'succeeded') {
      const output = await this.outputStatistics(role, queryId);
      status.statistics.rows = output?.Rows?.OutputRows;
      status.statistics.resultBytes = output?.Rows?.OutputBytes;
    }
    if (FINAL_STATES.has(status.state)) {
      this.finalStatuses.set(key, status);
    }
    return status;
  }

  async page(
    run: QueryRunHandle,
    offset: number,
    limit: number,
  ): Promise<QueryResultPage> {
    if (!Number.isInteger(offset) || offset < 0) {
      throw new InputError(`offset must be an integer >= 0, got ${offset}`);
    }
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InputError(`limit must be an integer >= 1, got ${limit}`);
    }
    const role = this.roleOf(run);
    const status = await this.status(run);
    if (status.state !== 'succeeded') {
      throw this.noResultsError(run.engineQueryId, status);
    }
    return this.reader(role, run.engineQueryId, true).page(offset, limit);
  }

  /**
   * Reads Athena's own result pages; nothing is recomputed, so the data hub's check of the
   * grants live at the moment of the read (before it calls this) is what applies.
   */
  async *stream(
    run: QueryRunHandle,
    read?: QueryReadContext,
  ): AsyncIterable<{ columns: QueryColumn[]; rows: QueryValue[][] }> {
    const signal = read?.signal;
    const role = this.roleOf(run);
    const status = await this.waitFor(run, signal);
    if (status.state !== 'succeeded') {
      throw this.noResultsError(run.engineQueryId, status);
    }
    yield* this.reader(role, run.engineQueryId, false).batches(signal);
  }

  async cancel(run: QueryRunHandle): Promise<void> {
    const role = this.roleOf(run);
    const queryId = run.engineQueryId;
    try {
      // A no-op for a query that has already ended.
      await this.clients
        .forRole(role)
        .send(new StopQueryExecutionCommand({ QueryExecutionId: queryId }));
    } catch (e) {
      throw new ForwardedError(`Athena could not cancel query ${queryId}`, e);
    }
    this.logger.info(`Athena query ${queryId} (run ${run.runId}) cancelled`);
  }

  /**
   * Deletes the objects Athena wrote for the query — its result (`<query id>.csv`) and the
   * `.metadata` next to it — with S3 DeleteObjects as the consumer role. Where they lie comes
   * from Athena (GetQueryExecution); objects already gone are no error.
   */
  async removeResult(run: QueryRunHandle): Promise<void> {
    const role = this.roleOf(run);
    const queryId = run.engineQueryId;
    this.resultTokens.delete(queryKey(role, queryId));

    let execution: QueryExecution | undefined;
    try {
      execution = await this.execution(role, queryId);
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
    // Athena forgets queries after 45 days; then the hub's own location is where it wrote.
    const location =
      execution?.ResultConfiguration?.OutputLocation ??
      role.hub.athenaOutputLocation;
    if (!location) {
      this.logger.warn(
        `The result of Athena query ${queryId} (run ${run.runId}) was not removed: Athena no longer knows the query and hub "${role.hub.hub}" sets no athenaOutputLocation`,
      );
      return;
    }
    const { bucket, keys } = resultObjects(location, queryId);
    let errors;
    try {
      const output = await this.clients.s3ForRole(role).send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: keys.map(Key => ({ Key })), Quiet: true },
          ExpectedBucketOwner:
            execution?.ResultConfiguration?.ExpectedBucketOwner,
        }),
      );
      errors = (output.Errors ?? []).filter(e => e.Code !== 'NoSuchKey');
    } catch (e) {
      if ((e as Error)?.name === 'NoSuchBucket') {
        this.logger.info(
          `The result of Athena query ${queryId} is gone with its bucket ${bucket}`,
        );
        return;
      }
      throw new ForwardedError(
        `S3 did not remove the result of Athena query ${queryId} (s3://${bucket}/${keys[0]}) as ${role.roleArn}`,
        e,
      );
    }
    if (errors.length > 0) {
      throw new Error(
        `S3 did not remove the result of Athena query ${queryId} as ${
          role.roleArn
        }: ${errors
          .map(e => `s3://${bucket}/${e.Key}: ${e.Code} ${e.Message ?? ''}`)
          .join('; ')}`,
      );
    }
    this.logger.info(
      `Removed the result of Athena query ${queryId} (run ${run.runId}): s3://${bucket}/${keys[0]}`,
    );
  }

  /**
   * Polls the query's status with exponential backoff (100 ms, ×1.5, at most 2 s) until it
   * has ended, and returns that final status. The API polls `status` itself; this is for
   * callers that need the end, like `stream`.
   */
  async waitFor(
    run: QueryRunHandle,
    signal?: AbortSignal,
  ): Promise<QueryStatus> {
    let wait = this.polling.initialDelayMs;
    for (;;) {
      signal?.throwIfAborted();
      const status = await this.status(run);
      if (FINAL_STATES.has(status.state)) {
        return status;
      }
      await this.sleep(wait, signal);
      wait = Math.min(wait * this.polling.factor, this.polling.maxDelayMs);
    }
  }

  /**
   * The role session of a run, from its handle alone, checked as `start` checks it: a run
   * is only ever acted on as the role (and session) it was started as.
   */
  private roleOf(run: QueryRunHandle): ConsumerRole {
    const roleArn = consumerRoleArn(run.useCase);
    return {
      hub: this.clients.hubConfig(run.useCase.hub),
      roleArn,
      sessionName: roleSessionName(run.userRef),
    };
  }

  /** A reader of the query's results; `page` shares the tokens earlier reads remembered. */
  private reader(
    role: ConsumerRole,
    queryId: string,
    shareTokens: boolean,
  ): AthenaResultReader {
    let tokens: ResultTokens | undefined;
    if (shareTokens) {
      const key = queryKey(role, queryId);
      tokens = this.resultTokens.get(key);
      if (!tokens) {
        tokens = new Map();
        this.resultTokens.set(key, tokens);
      }
    }
    return new AthenaResultReader(this.clients.forRole(role), queryId, tokens);
  }

  /** GetQueryExecution as the role; a query Athena does not know is a `NotFoundError`. */
  private async execution(
    role: ConsumerRole,
    queryId: string,
  ): Promise<QueryExecution | undefined> {
    try {
      return (
        await this.clients
          .forRole(role)
          .send(new GetQueryExecutionCommand({ QueryExecutionId: queryId }))
      ).QueryExecution;
    } catch (e) {
      if (
        (e as Error)?.name === 'InvalidRequestException' &&
        /not found/i.test((e as Error).message)
      ) {
        throw new NotFoundError(
          `Athena does not know query ${queryId} (it keeps its query history for 45 days)`,
          e,
        );
      }
      throw new ForwardedError(
        `Athena could not report on query ${queryId}`,
        e,
      );
    }
  }

  private toStatus(
    queryId: string,
    role: ConsumerRole,
    execution: QueryExecution | undefined,
  ): QueryStatus {
    const athenaState = execution?.Status?.State;
    const state = athenaState ? STATES[athenaState] : undefined;
    if (!state) {
      throw new Error(
        `Athena reported an unknown state "${athenaState}" for query ${queryId}`,
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
          role.hub.athenaPricePerTbUsd ?? this.pricePerTbUsd,
        ),
      },
    };
  }

  /**
   * Rows and bytes the query produced (GetQueryExecution does not say). Only statistics:
   * without the permission (`athena:GetQueryRuntimeStatistics`) the status still answers,
   * without them.
   */
  private async outputStatistics(
    role: ConsumerRole,
    queryId: string,
  ): Promise<QueryRuntimeStatistics | undefined> {
    try {
      const output = await this.clients
        .forRole(role)
        .send(
          new GetQueryRuntimeStatisticsCommand({ QueryExecutionId: queryId }),
        );
      return output.QueryRuntimeStatistics;
    } catch (e) {
      this.logger.debug(
        `Athena runtime statistics of query ${queryId} unavailable: ${e}`,
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

/**
 * The use case's consumer role ARN, or an `InputError`: a use case without one, or with
 * something other than an IAM role ARN, is never queried (nor is a run of it acted on).
 */
function consumerRoleArn(useCase: QueryStartRequest['useCase']): string {
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
  return roleArn;
}

/** What is cached per query is kept per role session too: it is only ever read as that. */
function queryKey(role: ConsumerRole, queryId: string): string {
  return `${consumerRoleKey(role)}\u0000${queryId}`;
}

/**
 * The S3 objects of a query's result. Athena reports its result file's URI
 * (`s3://bucket/prefix/<query id>.csv`); a bare prefix (an emulator, the hub's location) gets
 * the file name appended. Either way only objects named for the query are ever deleted.
 */
export function resultObjects(
  location: string,
  queryId: string,
): { bucket: string; keys: string[] } {
  const match = /^s3a?:\/\/([^/]+)\/?(.*)$/.exec(location.trim());
  if (!match) {
    throw new Error(
      `The result location "${location}" of Athena query ${queryId} is not an S3 URI`,
    );
  }
  const [, bucket, path] = match;
  const file = path.slice(path.lastIndexOf('/') + 1);
  const result = file.startsWith(`${queryId}.`)
    ? path
    : `${path}${path === '' || path.endsWith('/') ? '' : '/'}${queryId}.csv`;
  return { bucket, keys: [result, `${result}.metadata`] };
}
