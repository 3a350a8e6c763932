import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  QueryableDataset,
  QueryResultsPage,
  QueryRun,
} from '@cloud-data-hub/data-hub-common';
import type {
  QueryEngine,
  QueryGrant,
  QueryStatus,
  QueryTableRead,
} from '@cloud-data-hub/data-hub-node';
import type { AccessStore, StoredGrant } from '../access/AccessStore';
import {
  tryFullRef,
  type AccessSubjects,
  type DatasetFacts,
  type UseCaseFacts,
} from '../access/AccessSubjects';
import type { Actor } from '../access/AccessWorkflow';
import {
  toApiRun,
  type QueryRunRead,
  type QueryStore,
  type StoredQueryRun,
} from './QueryStore';
import type { RunHeartbeat } from './RunHeartbeat';
import type { QueryResultRetention } from './QueryResultRetention';
import { runHandle } from './runHandle';

/** How long a submit waits for a run to end before answering "running". */
const SUBMIT_WAIT_MS = 1_000;
/**
 * An in-process run that ends within this is written once, ended; a longer one is written as
 * running at this point. Nobody can ask for a run before its submit answers with its id, so
 * one write instead of two loses nothing.
 */
const RECORD_AFTER_MS = 100;
/** How long a cancel waits for the run to end (on another replica: its next heartbeat). */
const CANCEL_WAIT_MS = 5_000;
/** Polls of an engine's own service (Athena) while a submit waits. */
const SERVICE_POLL_MS = [25, 50, 100, 200, 400];

const FINISHED = new Set<QueryRun['state']>([
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
]);

/** A live grant with its dataset's facts, and in the shape the engine takes. */
interface LiveGrant {
  grant: StoredGrant;
  dataset: DatasetFacts;
  query: QueryGrant;
}

/** An engine error turned into the API's 4xx, keeping the engine's message. */
function apiError(error: QueryRun['error']): Error {
  if (error?.kind === 'not-granted') return new NotAllowedError(error.message);
  return new InputError(error?.message ?? 'The query failed');
}

/**
 * The grant set a run used, as one value: a read whose grants still fingerprint the same is
 * authorized without looking at each table (an extension, a narrowing, a new grant id all
 * change it, and then each read is checked one by one).
 */
/** A run as it ended: the engine's last status on top of what was recorded at its start. */
function endedRun(
  run: StoredQueryRun,
  status: QueryStatus,
  finishedAt: string,
): StoredQueryRun {
  const succeeded = status.state === 'succeeded';
  return {
    ...run,
    state: status.state,
    progress: succeeded ? 1 : undefined,
    error: status.error,
    statistics: status.statistics,
    result: succeeded ? 'available' : undefined,
    finishedAt,
  };
}

function fingerprint(grants: StoredGrant[]): string {
  const canonical = [...grants]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(g => [
      g.id,
      g.datasetRef,
      [...g.tables]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(t => [t.name, [...t.columns].sort()]),
    ]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * Runs queries as a use case and owns each run's state: checks the person belongs to the use
 * case, hands the engine its live, unexpired grants, stores the run (what it reads, under
 * which grants), moves it through `queued → running → succeeded | failed | cancelled |
 * interrupted`, and authorizes every later read of it again. Any replica can serve any run:
 * everything it needs is in the store.
 */
export class QueryService {
  constructor(
    private readonly options: {
      engine: QueryEngine | undefined;
      access: AccessStore;
      subjects: AccessSubjects;
      store: QueryStore;
      heartbeat: RunHeartbeat;
      retention: QueryResultRetention;
      /** An in-process run not reported alive for this long is interrupted. */
      interruptAfterMs: number;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private engine(): QueryEngine {
    if (!this.options.engine) {
      throw new NotFoundError(
        'No query engine is installed: add @cloud-data-hub/data-hub-backend-module-duckdb or configure dataHub.aws (Athena)',
      );
    }
    return this.options.engine;
  }

  /** The use case, if the actor is a member of its owner group. */
  async memberUseCase(useCaseRef: string, actor: Actor): Promise<UseCaseFacts> {
    const ref = tryFullRef(useCaseRef, 'system');
    const useCase = ref ? await this.options.subjects.useCase(ref) : undefined;
    if (!useCase)
      throw new InputError(
        `useCaseRef "${useCaseRef}" is not a use case in the catalog`,
      );
    if (!actor.ownershipRefs.includes(useCase.owner)) {
      throw new NotAllowedError(
        `Only members of ${useCase.owner} may query as use case ${useCase.ref}`,
      );
    }
    return useCase;
  }

  /** Use cases of the actor's teams. */
  async myUseCases(actor: Actor): Promise<UseCaseFacts[]> {
    return this.options.subjects.useCasesOwnedBy(actor.ownershipRefs);
  }

  /** Datasets, tables and columns the use case may read now (for the editor). */
  async queryable(
    useCaseRef: string,
    actor: Actor,
  ): Promise<QueryableDataset[]> {
    const useCase = await this.memberUseCase(useCaseRef, actor);
    const result: QueryableDataset[] = [];
    for (const { grant, dataset } of await this.grantsOf(useCase.ref)) {
      result.push({
        datasetRef: grant.datasetRef,
        title: dataset.title,
        glueDatabase: dataset.storage.glueDatabase,
        expiresAt: grant.expiresAt,
        tables: grant.tables.map(t => {
          const table = dataset.tables.find(x => x.name === t.name);
          const columns = [
            ...(table?.columns ?? []),
            ...(table?.partitionKeys ?? []),
          ];
          return {
            name: t.name,
            columns: t.columns.map(name => {
              const column = columns.find(c => c.name === name);
              return {
                name,
                type: column?.type ?? 'unknown',
                pii: column?.pii,
              };
            }),
          };
        }),
      });
    }
    return result.sort((a, b) => a.glueDatabase.localeCompare(b.glueDatabase));
  }

  /**
   * The use case's live, unexpired grants on datasets in the catalog: as the store keeps them,
   * with the dataset's facts, and as the engine takes them.
   */
  private async grantsOf(useCaseRef: string): Promise<LiveGrant[]> {
    const grants = await this.options.access.listUnexpiredGrants(
      useCaseRef,
      this.now(),
    );
    const result: LiveGrant[] = [];
    for (const grant of grants) {
      const dataset = await this.options.subjects.dataset(grant.datasetRef);
      if (dataset) {
        result.push({
          grant,
          dataset,
          query: {
            datasetRef: grant.datasetRef,
            glueDatabase: dataset.storage.glueDatabase,
            tables: grant.tables,
          },
        });
      }
    }
    return result;
  }

  /**
   * An engine cannot tell a column that is not granted from one that does not exist: the
   * sandbox simply has no such column (DuckDB: "Referenced column … not found", with other
   * columns as candidates). Where a granted table of the use case has that column in the
   * catalog, the person gets a 403 that names the column and the dataset, where the grant is
   * extended.
   */
  private ungrantedColumnError(
    error: unknown,
    useCase: UseCaseFacts,
    grants: LiveGrant[],
  ): Error | undefined {
    const message = error instanceof Error ? error.message : '';
    const column = /Referenced column "([^"]+)" not found/.exec(message)?.[1];
    if (!column) return undefined;
    const holders: string[] = [];
    for (const { grant, dataset } of grants) {
      for (const granted of grant.tables) {
        const table = dataset.tables.find(t => t.name === granted.name);
        const exists = [
          ...(table?.columns ?? []),
          ...(table?.partitionKeys ?? []),
        ].some(c => c.name.toLowerCase() === column.toLowerCase());
        if (
          exists &&
          !granted.columns.some(c => c.toLowerCase() === column.toLowerCase())
        ) {
          holders.push(
            `${dataset.title ?? grant.datasetRef} (${grant.datasetRef}, table ${
              granted.name
            })`,
          );
        }
      }
    }
    if (!holders.length) return undefined;
    return new NotAllowedError(
      `Column ${column} of ${holders.join(' and of ')} is not granted to ${
        useCase.title ?? useCase.ref
      }. Request an extension of the grant on the dataset's page.`,
    );
  }

  /**
   * Whether the statement reads the database: the engine's reading where it has one; an engine
   * that says nothing is taken to read every granted database (never a guess from the text).
   */
  private static names(
    started: { glueDatabases?: string[] },
    engineReads: QueryTableRead[] | undefined,
    database: string,
  ) {
    if (engineReads) return engineReads.length > 0;
    if (started.glueDatabases)
      return started.glueDatabases.map(d => d.toLowerCase()).includes(database);
    return true;
  }

  /**
   * What a run read, per granted table: the engine's own reading where it has one (DuckDB: the
   * bound plan, with columns), else every granted table of the databases it names (Athena),
   * with every column the grant held: a superset, so a later narrowing is never missed.
   */
  private static readsOf(
    started: { glueDatabases?: string[]; reads?: QueryTableRead[] },
    grants: LiveGrant[],
  ): Array<QueryRunRead & { grantId: string }> {
    const result: Array<QueryRunRead & { grantId: string }> = [];
    for (const { grant, query } of grants) {
      const database = query.glueDatabase.toLowerCase();
      const engineReads = started.reads?.filter(
        r => r.glueDatabase.toLowerCase() === database,
      );
      if (!QueryService.names(started, engineReads, database)) continue;
      for (const table of query.tables) {
        const read = engineReads?.find(
          r => r.table.toLowerCase() === table.name.toLowerCase(),
        );
        if (engineReads && !read) continue;
        result.push({
          datasetRef: grant.datasetRef,
          glueDatabase: query.glueDatabase,
          table: table.name,
          columns: [...(read?.columns ?? table.columns)].sort(),
          grantId: grant.id,
        });
      }
    }
    return result;
  }

  /**
   * Starts a run and waits up to a second for it: small queries answer with their final
   * state in one round trip, and errors the engine finds at once come back as 400/403.
   */
  async submit(
    sql: string,
    useCaseRef: string,
    actor: Actor,
    options: { firstPageRows?: number } = {},
  ): Promise<QueryRun> {
    const engine = this.engine();
    const useCase = await this.memberUseCase(useCaseRef, actor);
    const grants = await this.grantsOf(useCase.ref);
    const runId = randomUUID();
    const started = await engine
      .start({
        runId,
        sql,
        grants: grants.map(g => g.query),
        userRef: actor.userRef,
        useCase: {
          entityRef: useCase.ref,
          hub: useCase.hub,
          consumerRoleArn: useCase.consumerRoleArn,
        },
      })
      .catch(error => {
        throw this.ungrantedColumnError(error, useCase, grants) ?? error;
      });
    const reads = QueryService.readsOf(started, grants);
    const grantIds = new Set(reads.map(r => r.grantId));
    const run: StoredQueryRun = {
      id: runId,
      userRef: actor.userRef,
      useCaseRef: useCase.ref,
      useCaseHub: useCase.hub,
      consumerRoleArn: useCase.consumerRoleArn,
      sql,
      engine: engine.id,
      engineQueryId: started.engineQueryId,
      state: 'running',
      datasets: [...new Set(reads.map(r => r.datasetRef))],
      reads: reads.map(({ grantId: _grantId, ...read }) => read),
      grantIds: [...grantIds],
      grantFingerprint: fingerprint(
        grants.map(g => g.grant).filter(g => grantIds.has(g.id)),
      ),
      statistics: {},
      createdAt: this.now().toISOString(),
    };
    const ended = started.finished
      ? await this.recordInProcess(run, started.finished)
      : await this.recordService(run);
    if (
      ended.state === 'failed' &&
      (ended.error?.kind === 'invalid' || ended.error?.kind === 'not-granted')
    ) {
      throw apiError(ended.error);
    }
    if (options.firstPageRows && ended.state === 'succeeded') {
      // The page the query page would ask for next, in this answer: one round trip less
      // for every small query. A read like any other, so authorized like one.
      // The run stands whatever becomes of this read: without the page, the client asks.
      const firstPage = await this.results(
        ended.id,
        0,
        options.firstPageRows,
        actor,
      ).catch(error => {
        this.options.logger.warn(
          `Could not read the first page of query ${ended.id}: ${error}`,
        );
        return undefined;
      });
      return firstPage ? { ...ended, firstPage } : ended;
    }
    return ended;
  }

  /** Writes a new run; a run nobody can see must not go on reading. */
  private async insert(run: StoredQueryRun): Promise<void> {
    try {
      await this.options.store.insertRun(run);
    } catch (error) {
      await this.engine()
        .cancel(runHandle(run))
        .catch(() => undefined);
      if (run.result === 'available')
        await this.engine()
          .removeResult(runHandle(run))
          .catch(() => undefined);
      throw error;
    }
  }

  private async recordService(run: StoredQueryRun): Promise<QueryRun> {
    await this.insert(run);
    return this.pollService(run, Date.now() + SUBMIT_WAIT_MS);
  }

  /**
   * A run in this process: written once if it ends within RECORD_AFTER_MS, else written as
   * running and followed until the submit's wait is over.
   */
  private async recordInProcess(
    run: StoredQueryRun,
    finished: Promise<QueryStatus>,
  ): Promise<QueryRun> {
    const early = await Promise.race([
      finished.catch(() => undefined),
      delay(RECORD_AFTER_MS).then(() => undefined),
    ]);
    if (early) {
      const ended = endedRun(run, early, this.now().toISOString());
      await this.insert(ended);
      this.afterEnd(ended, early);
      return toApiRun(ended);
    }
    const running: StoredQueryRun = {
      ...run,
      runnerId: this.options.heartbeat.runnerId,
      heartbeatAt: this.now().toISOString(),
    };
    await this.insert(running);
    return (await this.followInProcess(running, finished)) ?? toApiRun(running);
  }

  /**
   * A run in this process: kept alive (and cancellable from any replica) by the heartbeat
   * until it ends, its end recorded when it comes. Answers the end if it came within the
   * submit's wait.
   */
  private async followInProcess(
    run: StoredQueryRun,
    finished: Promise<QueryStatus>,
  ): Promise<QueryRun | undefined> {
    const { heartbeat } = this.options;
    heartbeat.add(run.id, () => this.engine().cancel(runHandle(run)));
    const recorded = finished
      .then(status => this.recordEnd(run, status))
      .catch(error => {
        this.options.logger.error(
          `Could not record the end of query ${run.id}: ${error}`,
        );
        return undefined;
      })
      .finally(() => heartbeat.remove(run.id));
    const stopWaiting = new AbortController();
    const waited = delay(SUBMIT_WAIT_MS, undefined, {
      signal: stopWaiting.signal,
    }).catch(() => undefined);
    try {
      return await Promise.race([recorded, waited]);
    } finally {
      stopWaiting.abort();
    }
  }

  /** Polls a run in the engine's own service until it ended or the deadline passed. */
  private async pollService(
    run: StoredQueryRun,
    deadline: number,
  ): Promise<QueryRun> {
    for (let i = 0; ; i++) {
      const current = await this.advance(run);
      if (FINISHED.has(current.state) || Date.now() >= deadline)
        return toApiRun(current);
      await delay(SERVICE_POLL_MS[Math.min(i, SERVICE_POLL_MS.length - 1)]);
    }
  }

  /** After a run succeeded: keeps its user within their stored results cap, in the background. */
  private afterEnd(run: StoredQueryRun, status: QueryStatus) {
    if (status.state === 'succeeded' && status.statistics.resultBytes) {
      void this.options.retention
        .enforceUserCap(run.userRef)
        .catch(error =>
          this.options.logger.warn(
            `Could not keep ${run.userRef} within the stored results cap: ${error}`,
          ),
        );
    }
  }

  /**
   * Records a run's end (only the first end counts) and keeps the user within their stored
   * results cap. Answers the run as stored.
   */
  private async recordEnd(
    run: StoredQueryRun,
    status: QueryStatus,
  ): Promise<QueryRun> {
    const finishedAt = this.now().toISOString();
    const first = await this.options.store.finishRun(
      run.id,
      status,
      finishedAt,
    );
    if (!first) {
      // Someone else ended it first (interrupted, or another replica's poll): theirs stands.
      const stored = await this.options.store.getRun(run.id);
      if (status.state === 'succeeded' && stored?.state !== 'succeeded') {
        await this.engine()
          .removeResult(runHandle(run))
          .catch(() => undefined);
      }
      return toApiRun(stored ?? run);
    }
    this.afterEnd(run, status);
    return toApiRun(endedRun(run, status, finishedAt));
  }

  /**
   * Moves an unfinished run on from what is known now. In-process runs: this process asks
   * its engine for progress; another process's run is interrupted once it has not been
   * reported alive for `interruptAfterMs`. Runs in the engine's service: their status is
   * asked and recorded, by whichever replica asks first.
   */
  private async advance(run: StoredQueryRun): Promise<StoredQueryRun> {
    if (FINISHED.has(run.state)) return run;
    const engine = this.engine();
    if (engine.id !== run.engine) return run;
    const handle = runHandle(run);
    if (engine.runsIn === 'process') {
      if (this.options.heartbeat.running().includes(run.id)) {
        const status = await engine.status(handle).catch(() => undefined);
        return { ...run, progress: status?.progress };
      }
      const staleBefore = new Date(
        this.now().getTime() - this.options.interruptAfterMs,
      );
      if (!run.heartbeatAt || new Date(run.heartbeatAt) < staleBefore) {
        await this.interruptStale();
        return (await this.options.store.getRun(run.id)) ?? run;
      }
      return run;
    }
    const status = await engine.status(handle);
    if (FINISHED.has(status.state)) {
      await this.recordEnd(run, status);
      return (await this.options.store.getRun(run.id)) ?? run;
    }
    const state = status.state === 'queued' ? 'queued' : 'running';
    if (state !== run.state || status.progress !== run.progress) {
      await this.options.store.updateProgress(run.id, state, status.progress);
    }
    return { ...run, state, progress: status.progress };
  }

  /** In-process runs whose process stopped reporting them alive end as interrupted. */
  async interruptStale(): Promise<number> {
    const engine = this.options.engine;
    if (engine?.runsIn !== 'process') return 0;
    return this.options.store.interrupt(
      {
        engine: engine.id,
        staleBefore: new Date(
          this.now().getTime() - this.options.interruptAfterMs,
        ),
      },
      'The backend process running this query stopped (a restart or a crash) before it ended; run it again',
      this.now(),
    );
  }

  /**
   * The scheduler's round (once across replicas): ends in-process runs whose process
   * stopped, and polls runs in the engine's service, so they end even when nobody watches
   * and after a restart.
   */
  async watch(): Promise<void> {
    const engine = this.options.engine;
    if (!engine) return;
    if (engine.runsIn === 'process') {
      await this.interruptStale();
      return;
    }
    for (const run of await this.options.store.unfinishedRuns(engine.id, 200)) {
      await this.advance(run).catch(error =>
        this.options.logger.warn(`Could not poll query ${run.id}: ${error}`),
      );
    }
  }

  /** This process stops: its in-process runs end as interrupted now, not after a timeout. */
  async shutdown(): Promise<void> {
    const { heartbeat, engine, store } = this.options;
    heartbeat.stop();
    if (engine?.runsIn !== 'process') return;
    await store.interrupt(
      { engine: engine.id, runnerId: heartbeat.runnerId },
      'The backend restarted while this query ran; run it again',
      this.now(),
    );
    for (const id of heartbeat.running())
      await heartbeat.cancelHere(id).catch(() => undefined);
  }

  /** The actor's own run; other people's queries are not found (their SQL is theirs). */
  private async ownRun(id: string, actor: Actor): Promise<StoredQueryRun> {
    const run = await this.options.store.getRun(id);
    if (!run || run.userRef !== actor.userRef)
      throw new NotFoundError(`No query ${id} of yours`);
    return run;
  }

  /** The run's state; like every read, only for a member still holding what the run read. */
  async status(id: string, actor: Actor): Promise<QueryRun> {
    const run = await this.ownRun(id, actor);
    await this.authorizeRead(run, actor, 'state');
    return toApiRun(await this.advance(run));
  }

  /**
   * Output is served only under the grants live at the moment of the read. The
   * reader is still a member of the use case, and every table and column the run read is
   * still covered by the same grant (an extension keeps its id; a revoke, expiry or narrowing
   * does not).
   */
  private async authorizeRead(
    run: StoredQueryRun,
    actor: Actor,
    what: 'output' | 'state' = 'output',
  ): Promise<void> {
    await this.memberUseCase(run.useCaseRef, actor);
    if (!run.reads || !run.grantIds) {
      // Runs recorded before reads were: their state is still shown, their output never again.
      if (what === 'state') return;
      throw new NotAllowedError(
        `Query ${run.id} was recorded without what it read, so its output is not served again; run it again`,
      );
    }
    const live = (
      await this.options.access.listUnexpiredGrants(run.useCaseRef, this.now())
    ).filter(g => run.grantIds!.includes(g.id));
    if (run.grantFingerprint && fingerprint(live) === run.grantFingerprint)
      return;
    const ended: string[] = [];
    for (const read of run.reads) {
      const grant = live.find(g => g.datasetRef === read.datasetRef);
      const table = grant?.tables.find(t => t.name === read.table);
      const missing = table
        ? read.columns.filter(c => !table.columns.includes(c))
        : read.columns;
      if (!grant) ended.push(await this.endedGrant(run, live, read.datasetRef));
      else if (missing.length)
        ended.push(
          `${read.datasetRef} table ${
            read.table
          } no longer grants ${missing.join(', ')}`,
        );
    }
    if (ended.length) {
      throw new NotAllowedError(
        `The output of query ${run.id} is no longer yours to read: ${[
          ...new Set(ended),
        ].join(
          '; ',
        )}. Request access on the dataset's page, then run the query again.`,
      );
    }
  }

  /** Why the grant a run read a dataset under is no longer live: revoked (by whom, when) or expired. */
  private async endedGrant(
    run: StoredQueryRun,
    live: StoredGrant[],
    datasetRef: string,
  ): Promise<string> {
    const base = `the grant on ${datasetRef} has ended (revoked or expired)`;
    for (const id of run.grantIds ?? []) {
      if (live.some(g => g.id === id)) continue;
      const grant = await this.options.access.getGrant(id);
      if (grant?.datasetRef !== datasetRef) continue;
      if (grant.state === 'revoked') {
        return `${base}: it was revoked${
          grant.endedBy ? ` by ${grant.endedBy}` : ''
        }${grant.endedAt ? ` at ${grant.endedAt}` : ''}`;
      }
      return `${base}: it expired at ${grant.expiresAt}`;
    }
    return base;
  }

  /** A run whose stored result can be read now, authorized for the actor. */
  private async readableRun(id: string, actor: Actor): Promise<StoredQueryRun> {
    let run = await this.ownRun(id, actor);
    await this.authorizeRead(run, actor);
    run = await this.advance(run);
    if (run.state === 'queued' || run.state === 'running') {
      throw new ConflictError(
        `Query ${id} is still ${run.state}; its results can be read once it has succeeded`,
      );
    }
    if (run.state !== 'succeeded') {
      throw new InputError(
        `Query ${id} ${run.state}; it has no results${
          run.state === 'interrupted' ? ': run it again' : ''
        }`,
      );
    }
    if (run.result !== 'available') {
      throw new NotFoundError(
        `The results of query ${id} were removed (they are kept for a limited time, and within a size per person); run it again`,
      );
    }
    return run;
  }

  async results(
    id: string,
    offset: number,
    limit: number,
    actor: Actor,
  ): Promise<QueryResultsPage> {
    const run = await this.readableRun(id, actor);
    const page = await this.engine().page(runHandle(run), offset, limit);
    return { ...page, offset };
  }

  /**
   * Every row for the CSV download, from the stored result: CSV text where the engine writes
   * it itself, else rows in batches for the API to format.
   */
  async download(id: string, actor: Actor, signal: AbortSignal) {
    const run = await this.readableRun(id, actor);
    const engine = this.engine();
    if (engine.streamCsv) {
      return { csv: await engine.streamCsv(runHandle(run), { signal }) };
    }
    return { rows: engine.stream(runHandle(run), { signal }) };
  }

  /**
   * Cancels a run through any replica: recorded in the store, acted on here when the run is
   * here or in the engine's service, else by the process running it at its next heartbeat.
   * Stopping work is never a read, so a member may stop their run whatever became of its
   * grants; the run it answers with (once it ended, or as it is after a few seconds) is a
   * read like any other.
   */
  async cancel(id: string, actor: Actor): Promise<QueryRun> {
    let run = await this.ownRun(id, actor);
    await this.memberUseCase(run.useCaseRef, actor);
    if (!FINISHED.has(run.state)) {
      const engine = this.engine();
      await this.options.store.requestCancel(run.id, this.now());
      if (engine.runsIn === 'service') {
        await engine.cancel(runHandle(run));
      } else {
        await this.options.heartbeat.cancelHere(run.id);
      }
      const deadline = Date.now() + CANCEL_WAIT_MS;
      for (let i = 0; ; i++) {
        run = await this.advance((await this.options.store.getRun(id)) ?? run);
        if (FINISHED.has(run.state) || Date.now() >= deadline) break;
        await delay(SERVICE_POLL_MS[Math.min(i, SERVICE_POLL_MS.length - 1)]);
      }
    }
    await this.authorizeRead(run, actor, 'state');
    return toApiRun(run);
  }
}
