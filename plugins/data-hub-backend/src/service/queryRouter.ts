import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import contentDisposition from 'content-disposition';
import express from 'express';
import Router from 'express-promise-router';
import { stringify } from 'csv-stringify';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  dataHubQueryRunPermission,
  type SavedQuery,
} from '@cloud-data-hub/data-hub-common';
import type { Actor } from '../access/AccessWorkflow';
import { tryFullRef } from '../access/AccessSubjects';
import type { QueryService } from '../query/QueryService';
import type { QueryStore } from '../query/QueryStore';
import { parseInput } from './validation';
import { jsonBody } from './jsonBody';
import {
  historyQuerySchema,
  queryableSchema,
  resultsQuerySchema,
  savedListSchema,
  savedQueryPatchSchema,
  savedQuerySchema,
  submitQuerySchema,
} from './querySchemas';

export interface QueryRouterOptions {
  actorOf(req: express.Request): Promise<Actor>;
  permissions: PermissionsService;
  queries: QueryService;
  store: QueryStore;
  /** Largest request body (`dataHub.query.maxRequestBody`, default 1mb). */
  maxBodySize?: string;
}

/** Routes of the query page: run, status, results, CSV, cancel, history, saved queries. */
export function createQueryRouter(options: QueryRouterOptions): express.Router {
  const { actorOf, queries, store } = options;
  const router = Router();

  /**
   * Running and reading results need `data-hub.query.run`: results are data, so a policy that
   * takes the query page away takes earlier results with it. The grants are checked besides,
   * on every run and read. Status, history, cancel and saved queries stay: they hold no rows.
   */
  async function runner(req: express.Request): Promise<Actor> {
    const actor = await actorOf(req);
    const [decision] = await options.permissions.authorize(
      [{ permission: dataHubQueryRunPermission }],
      {
        credentials: actor.credentials,
      },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        "The portal's permission policy does not allow you to run queries or read their results",
      );
    }
    return actor;
  }
  router.use(
    ['/queries', '/saved-queries'],
    jsonBody(options.maxBodySize ?? '1mb', 'shorten the statement'),
  );

  router.get('/queries/use-cases', async (req, res) => {
    const actor = await actorOf(req);
    const useCases = await queries.myUseCases(actor);
    res.json({
      items: useCases.map(u => ({
        useCaseRef: u.ref,
        title: u.title,
        hub: u.hub,
      })),
    });
  });

  router.get('/queries/queryable', async (req, res) => {
    const actor = await actorOf(req);
    const { useCaseRef } = parseInput(queryableSchema, req.query, 'query');
    res.json({ items: await queries.queryable(useCaseRef, actor) });
  });

  router.post('/queries', async (req, res) => {
    const actor = await runner(req);
    const body = parseInput(submitQuerySchema, req.body, 'query');
    res.status(201).json(
      await queries.submit(body.sql, body.useCaseRef, actor, {
        firstPageRows: body.firstPageRows,
      }),
    );
  });

  router.get('/queries', async (req, res) => {
    const actor = await actorOf(req);
    const query = parseInput(historyQuerySchema, req.query, 'query');
    res.json(
      await store.listRuns({
        userRef: actor.userRef,
        useCaseRef: query.useCaseRef
          ? tryFullRef(query.useCaseRef, 'system')
          : undefined,
        search: query.search?.trim() || undefined,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  router.get('/queries/:id', async (req, res) => {
    res.json(await queries.status(req.params.id, await actorOf(req)));
  });

  router.get('/queries/:id/results', async (req, res) => {
    const actor = await runner(req);
    const { offset, limit } = parseInput(
      resultsQuerySchema,
      req.query,
      'query',
    );
    res.json(await queries.results(req.params.id, offset, limit, actor));
  });

  // Streams every row as CSV in constant memory: the engine's own CSV where it writes one
  // (DuckDB), else its row batches through csv-stringify, read only as the socket drains.
  router.get('/queries/:id/results.csv', async (req, res) => {
    const actor = await runner(req);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const download = await queries.download(req.params.id, actor, abort.signal);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      contentDisposition(`query-${req.params.id}.csv`),
    );
    async function* records(batches: NonNullable<typeof download.rows>) {
      let header = false;
      for await (const batch of batches) {
        if (!header) {
          header = true;
          yield batch.columns.map(c => c.name);
        }
        for (const row of batch.rows) yield row;
      }
    }
    try {
      if (download.csv) {
        await pipeline(download.csv, res);
      } else {
        const csv = stringify({
          cast: { boolean: b => (b ? 'true' : 'false') },
        });
        await pipeline(Readable.from(records(download.rows!)), csv, res);
      }
    } catch (error) {
      // The client went away or the engine failed mid-way: the response is already partly sent.
      if (!res.headersSent) throw error;
      res.destroy(error as Error);
    }
  });

  router.post('/queries/:id/cancel', async (req, res) => {
    res.json(await queries.cancel(req.params.id, await actorOf(req)));
  });

  router.get('/saved-queries', async (req, res) => {
    const actor = await actorOf(req);
    const { useCaseRef } = parseInput(savedListSchema, req.query, 'query');
    const mine = await queries.myUseCases(actor);
    res.json({
      items: await store.listSaved({
        ownerRef: actor.userRef,
        sharedUseCases: mine.map(u => u.ref),
        useCaseRef: useCaseRef ? tryFullRef(useCaseRef, 'system') : undefined,
      }),
    });
  });

  router.post('/saved-queries', async (req, res) => {
    const actor = await actorOf(req);
    const body = parseInput(savedQuerySchema, req.body, 'saved query');
    const useCase = await queries.memberUseCase(body.useCaseRef, actor);
    const at = new Date().toISOString();
    const saved: SavedQuery = {
      id: randomUUID(),
      ownerRef: actor.userRef,
      useCaseRef: useCase.ref,
      name: body.name,
      description: body.description,
      sql: body.sql,
      shared: body.shared,
      createdAt: at,
      updatedAt: at,
    };
    await store.insertSaved(saved);
    res.status(201).json(saved);
  });

  async function ownSaved(id: string, actor: Actor) {
    const saved = await store.getSaved(id);
    if (!saved) throw new NotFoundError(`No saved query ${id}`);
    if (saved.ownerRef !== actor.userRef)
      throw new NotAllowedError('Only its owner changes a saved query');
    return saved;
  }

  router.put('/saved-queries/:id', async (req, res) => {
    const actor = await actorOf(req);
    const patch = parseInput(savedQueryPatchSchema, req.body, 'saved query');
    await ownSaved(req.params.id, actor);
    await store.updateSaved(req.params.id, patch, new Date().toISOString());
    res.json(await store.getSaved(req.params.id));
  });

  router.delete('/saved-queries/:id', async (req, res) => {
    const actor = await actorOf(req);
    await ownSaved(req.params.id, actor);
    await store.deleteSaved(req.params.id);
    res.status(204).end();
  });

  return router;
}
