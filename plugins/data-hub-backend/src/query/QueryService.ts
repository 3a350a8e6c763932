import { randomUUID } from 'node:crypto';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { QueryableDataset, QueryResultsPage, QueryRun } from '@cloud-data-hub/data-hub-common';
import type { QueryEngine, QueryGrant, QueryStatus } from '@cloud-data-hub/data-hub-node';
import type { AccessStore } from '../access/AccessStore';
import { tryFullRef, type AccessSubjects, type UseCaseFacts } from '../access/AccessSubjects';
import type { Actor } from '../access/AccessWorkflow';
import type { QueryStore, StoredQueryRun } from './QueryStore';

/** How long a submit waits for a query to end before answering "running". */
const SUBMIT_WAIT_MS = 1_000;
const POLL_MS = [2, 5, 10, 20, 40, 80];

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
    const grants = await this.options.access.listUnexpiredGrants(useCase.ref, this.now());
    const result: QueryableDataset[] = [];
    for (const grant of grants) {
      const dataset = await this.options.subjects.dataset(grant.datasetRef);
      if (!dataset) continue;
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

  private async grantsOf(useCase: UseCaseFacts): Promise<QueryGrant[]> {
    const grants = await this.options.access.listUnexpiredGrants(useCase.ref, this.now());
    const result: QueryGrant[] = [];
    for (const grant of grants) {
      const dataset = await this.options.subjects.dataset(grant.datasetRef);
      if (dataset) result.push({ datasetRef: grant.datasetRef, glueDatabase: dataset.storage.glueDatabase, tables: grant.tables });
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
    const grants = await this.grantsOf(useCase);
    const started = await engine.start({
      sql,
      grants,
      userRef: actor.userRef,
      useCase: { entityRef: useCase.ref, hub: useCase.hub, consumerRoleArn: useCase.consumerRoleArn },
    });
    const { queryId } = started;
    const lower = sql.toLowerCase();
    // Engines that parse the SQL say which databases it reads; otherwise a name match.
    const reads = (g: QueryGrant) =>
      started.glueDatabases
        ? started.glueDatabases.includes(g.glueDatabase.toLowerCase())
        : lower.includes(g.glueDatabase.toLowerCase());
    const run: StoredQueryRun = {
      id: randomUUID(),
      userRef: actor.userRef,
      useCaseRef: useCase.ref,
      sql,
      engine: engine.id,
      engineQueryId: queryId,
      state: 'running',
      datasets: grants.filter(reads).map(g => g.datasetRef),
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
    const { engineQueryId: _engineQueryId, ...api } = run;
    return { ...api, state: status.state, progress: status.progress, error: status.error, statistics: status.statistics };
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

  async status(id: string, actor: Actor): Promise<QueryRun> {
    const run = await this.ownRun(id, actor);
    if (run.state !== 'running' && run.state !== 'queued') {
      const { engineQueryId: _engineQueryId, ...api } = run;
      return api;
    }
    const status = await this.engine().status(run.engineQueryId!);
    if (status.state === 'running' || status.state === 'queued') return this.toApi(run, status);
    return this.record(run, status);
  }

  async results(id: string, offset: number, limit: number, actor: Actor): Promise<QueryResultsPage> {
    const run = await this.ownRun(id, actor);
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
    const engine = this.engine();
    if (engine.streamCsv) {
      return { csv: await engine.streamCsv(run.engineQueryId!, signal) };
    }
    return { rows: engine.stream(run.engineQueryId!, signal) };
  }

  async cancel(id: string, actor: Actor): Promise<QueryRun> {
    const run = await this.ownRun(id, actor);
    await this.engine().cancel(run.engineQueryId!);
    return this.status(id, actor);
  }
}
