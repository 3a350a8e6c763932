import { randomUUID } from 'node:crypto';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { QueryableDataset, QueryResultsPage, QueryRun } from '@cloud-data-hub/data-hub-common';
import type { QueryEngine, QueryGrant, QueryStatus, QueryTableRead } from '@cloud-data-hub/data-hub-node';
import type { AccessStore, StoredGrant } from '../access/AccessStore';
import { tryFullRef, type AccessSubjects, type DatasetFacts, type UseCaseFacts } from '../access/AccessSubjects';
import type { Actor } from '../access/AccessWorkflow';
import { toApiRun, type QueryRunRead, type QueryStore, type StoredQueryRun } from './QueryStore';

/** How long a submit waits for a query to end before answering "running". */
const SUBMIT_WAIT_MS = 1_000;
const POLL_MS = [2, 5, 10, 20, 40, 80];

/** A live grant with its dataset's facts, and in the shape the engine takes. */
interface LiveGrant {
  grant: StoredGrant;
  dataset: DatasetFacts;
  query: QueryGrant;
}

/** An engine error turned into the API's 4xx, keeping the engine's message. */
function apiError(error: QueryStatus['error']): Error {
  if (error?.kind === 'not-granted') return new NotAllowedError(error.message);
  return new InputError(error?.message ?? 'The query failed');
}

/**
 * Runs queries as a use case: checks the person belongs to it, hands the engine the use
 * case's live, unexpired grants from the access store, and keeps each person's history.
 */
export class QueryService {
  constructor(
    private readonly options: {
      engine: QueryEngine | undefined;
      access: AccessStore;
      subjects: AccessSubjects;
      store: QueryStore;
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
    if (!useCase) throw new InputError(`useCaseRef "${useCaseRef}" is not a use case in the catalog`);
    if (!actor.ownershipRefs.includes(useCase.owner)) {
      throw new NotAllowedError(`Only members of ${useCase.owner} may query as use case ${useCase.ref}`);
    }
    return useCase;
  }

  /** Use cases of the actor's teams. */
  async myUseCases(actor: Actor): Promise<UseCaseFacts[]> {
    return this.options.subjects.useCasesOwnedBy(actor.ownershipRefs);
  }

  /** Datasets, tables and columns the use case may read now (for the editor). */
  async queryable(useCaseRef: string, actor: Actor): Promise<QueryableDataset[]> {
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
          const columns = [...(table?.columns ?? []), ...(table?.partitionKeys ?? [])];
          return {
            name: t.name,
            columns: t.columns.map(name => {
              const column = columns.find(c => c.name === name);
              return { name, type: column?.type ?? 'unknown', pii: column?.pii };
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
    const grants = await this.options.access.listUnexpiredGrants(useCaseRef, this.now());
    const result: LiveGrant[] = [];
    for (const grant of grants) {
      const dataset = await this.options.subjects.dataset(grant.datasetRef);
      if (dataset) {
        result.push({
          grant,
          dataset,
          query: { datasetRef: grant.datasetRef, glueDatabase: dataset.storage.glueDatabase, tables: grant.tables },
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
  private ungrantedColumnError(error: unknown, useCase: UseCaseFacts, grants: LiveGrant[]): Error | undefined {
    const message = error instanceof Error ? error.message : '';
    const column = /Referenced column "([^"]+)" not found/.exec(message)?.[1];
    if (!column) return undefined;
    const holders: string[] = [];
    for (const { grant, dataset } of grants) {
      for (const granted of grant.tables) {
        const table = dataset.tables.find(t => t.name === granted.name);
        const exists = [...(table?.columns ?? []), ...(table?.partitionKeys ?? [])].some(c => c.name.toLowerCase() === column.toLowerCase());
        if (exists && !granted.columns.some(c => c.toLowerCase() === column.toLowerCase())) {
          holders.push(`${dataset.title ?? grant.datasetRef} (${grant.datasetRef}, table ${granted.name})`);
        }
      }
    }
    if (!holders.length) return undefined;
    return new NotAllowedError(
      `Column ${column} of ${holders.join(' and of ')} is not granted to ${useCase.title ?? useCase.ref}. Request an extension of the grant on the dataset's page.`,
    );
  }

  /**
   * Whether the statement reads the database: the engine's reading where it has one; an engine
   * that says nothing is taken to read every granted database (never a guess from the text).
   */
  private static names(started: { glueDatabases?: string[] }, engineReads: QueryTableRead[] | undefined, database: string) {
    if (engineReads) return engineReads.length > 0;
    if (started.glueDatabases) return started.glueDatabases.map(d => d.toLowerCase()).includes(database);
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
      const engineReads = started.reads?.filter(r => r.glueDatabase.toLowerCase() === database);
      if (!QueryService.names(started, engineReads, database)) continue;
      for (const table of query.tables) {
        const read = engineReads?.find(r => r.table.toLowerCase() === table.name.toLowerCase());
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
   * Starts a query and waits up to a second for it: small queries answer with their final
   * state in one round trip, and errors the engine finds at once come back as 400/403.
   */
  async submit(sql: string, useCaseRef: string, actor: Actor): Promise<QueryRun> {
    const engine = this.engine();
    const useCase = await this.memberUseCase(useCaseRef, actor);
    const grants = await this.grantsOf(useCase.ref);
    const started = await engine
      .start({
        sql,
        grants: grants.map(g => g.query),
        userRef: actor.userRef,
        useCase: { entityRef: useCase.ref, hub: useCase.hub, consumerRoleArn: useCase.consumerRoleArn },
      })
      .catch(error => {
        throw this.ungrantedColumnError(error, useCase, grants) ?? error;
      });
    const { queryId } = started;
    const reads = QueryService.readsOf(started, grants);
    const run: StoredQueryRun = {
      id: randomUUID(),
      userRef: actor.userRef,
      useCaseRef: useCase.ref,
      sql,
      engine: engine.id,
      engineQueryId: queryId,
      state: 'running',
      datasets: [...new Set(reads.map(r => r.datasetRef))],
      reads: reads.map(({ grantId: _grantId, ...read }) => read),
      grantIds: [...new Set(reads.map(r => r.grantId))],
      statistics: {},
      createdAt: this.now().toISOString(),
    };
    await this.options.store.insertRun(run);

    const deadline = Date.now() + SUBMIT_WAIT_MS;
    for (let i = 0; ; i++) {
      const status = await engine.status(queryId);
      if (status.state !== 'running' && status.state !== 'queued') {
        const finished = await this.record(run, status);
        if (status.state === 'failed' && (status.error?.kind === 'invalid' || status.error?.kind === 'not-granted')) {
          throw apiError(status.error);
        }
        return finished;
      }
      if (Date.now() >= deadline) return this.toApi(run, status);
      await new Promise(r => setTimeout(r, POLL_MS[Math.min(i, POLL_MS.length - 1)]));
    }
  }

  private toApi(run: StoredQueryRun, status: QueryStatus): QueryRun {
    return { ...toApiRun(run), state: status.state, progress: status.progress, error: status.error, statistics: status.statistics };
  }

  private async record(run: StoredQueryRun, status: QueryStatus): Promise<QueryRun> {
    const finishedAt = this.now().toISOString();
    await this.options.store.finishRun(run.id, { state: status.state, error: status.error, statistics: status.statistics }, finishedAt);
    return { ...this.toApi(run, status), finishedAt };
  }

  /** The actor's own run; other people's queries are not found (their SQL is theirs). */
  private async ownRun(id: string, actor: Actor): Promise<StoredQueryRun> {
    const run = await this.options.store.getRun(id);
    if (!run || run.userRef !== actor.userRef) throw new NotFoundError(`No query ${id} of yours`);
    return run;
  }

  /** The run's state; like every read, only for a member still holding what the run read. */
  async status(id: string, actor: Actor): Promise<QueryRun> {
    const run = await this.ownRun(id, actor);
    await this.authorizeRead(run, actor, 'state');
    return this.currentState(run);
  }

  private async currentState(run: StoredQueryRun): Promise<QueryRun> {
    if (run.state !== 'running' && run.state !== 'queued') return toApiRun(run);
    const status = await this.engine().status(run.engineQueryId!);
    if (status.state === 'running' || status.state === 'queued') return this.toApi(run, status);
    return this.record(run, status);
  }

  /**
   * Output is served only under the grants live at the moment of the read. The
   * reader is still a member of the use case, and every table and column the run read is
   * still covered by the same grant (an extension keeps its id; a revoke, expiry or narrowing
   * does not). Returns the grants live now, for engines that recompute the output.
   */
  private async authorizeRead(run: StoredQueryRun, actor: Actor, what: 'output' | 'state' = 'output'): Promise<QueryGrant[]> {
    await this.memberUseCase(run.useCaseRef, actor);
    if (!run.reads || !run.grantIds) {
      // Runs recorded before reads were: their state is still shown, their output never again.
      if (what === 'state') return [];
      throw new NotAllowedError(`Query ${run.id} was recorded without what it read, so its output is not served again; run it again`);
    }
    const live = await this.grantsOf(run.useCaseRef);
    const ended: string[] = [];
    for (const read of run.reads) {
      const grant = live.map(g => g.grant).find(g => run.grantIds!.includes(g.id) && g.datasetRef === read.datasetRef);
      const table = grant?.tables.find(t => t.name === read.table);
      const missing = table ? read.columns.filter(c => !table.columns.includes(c)) : read.columns;
      if (!grant) ended.push(`the grant on ${read.datasetRef} has ended (revoked or expired)`);
      else if (missing.length) ended.push(`${read.datasetRef} table ${read.table} no longer grants ${missing.join(', ')}`);
    }
    if (ended.length) {
      throw new NotAllowedError(
        `The output of query ${run.id} is no longer yours to read: ${[...new Set(ended)].join('; ')}. Request access on the dataset's page, then run the query again.`,
      );
    }
    return live.map(g => g.query);
  }

  async results(id: string, offset: number, limit: number, actor: Actor): Promise<QueryResultsPage> {
    const run = await this.ownRun(id, actor);
    await this.authorizeRead(run, actor);
    const page = await this.engine().page(run.engineQueryId!, offset, limit);
    return { ...page, offset };
  }

  /**
   * Every row for the CSV download: CSV text where the engine writes it itself, else rows in
   * batches for the API to format.
   */
  async download(id: string, actor: Actor, signal: AbortSignal) {
    const run = await this.ownRun(id, actor);
    if (run.state === 'failed' || run.state === 'cancelled') {
      throw new InputError(`Query ${id} ${run.state}; there is nothing to download`);
    }
    const grants = await this.authorizeRead(run, actor);
    const engine = this.engine();
    if (engine.streamCsv) {
      return { csv: await engine.streamCsv(run.engineQueryId!, { grants, signal }) };
    }
    return { rows: engine.stream(run.engineQueryId!, { grants, signal }) };
  }

  async cancel(id: string, actor: Actor): Promise<QueryRun> {
    const run = await this.ownRun(id, actor);
    await this.memberUseCase(run.useCaseRef, actor);
    await this.engine().cancel(run.engineQueryId!);
    return this.currentState(run);
  }
}
