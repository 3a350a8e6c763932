import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { ObservedDependencies } from '@cloud-data-hub/data-hub-common';
import type { LineageStore } from '../lineage/LineageStore';
import type { OpenLineageValidator } from '../lineage/OpenLineageValidator';
import type { LineageService } from '../lineage/LineageService';
import type { GroupCommit } from '../lineage/GroupCommit';
import type { RunEvent } from '../lineage/openLineage';
import { parseInput } from './validation';
import { jsonBody } from './jsonBody';
import {
  columnLineageQuerySchema,
  dependenciesQuerySchema,
  healthQuerySchema,
  lineageGraphQuerySchema,
  runsQuerySchema,
  usageQuerySchema,
} from './lineageSchemas';

export interface LineageRouterOptions {
  /** Largest intake batch (`dataHub.lineage.maxRequestBody`, default 10mb). */
  maxBodySize?: string;
  httpAuth: HttpAuthService;
  validator: OpenLineageValidator;
  store: LineageStore;
  /** Stores validated events: the store's ingest, grouped across concurrent requests. */
  intake: Pick<GroupCommit<RunEvent>, 'submit'>;
  service: LineageService;
}

const PEOPLE = { allow: ['user' as const] };

/** Routes of lineage intake, lineage graph, dataset health, usage and the overview. */
export function createLineageRouter(
  options: LineageRouterOptions,
): express.Router {
  const { httpAuth, validator, store, intake, service } = options;
  const router = Router();

  router.post(
    '/lineage',
    // Only jobs report lineage: Backstage plugins with service tokens, and external jobs
    // (Spark, Glue, Airflow) with a token from backend.auth.externalAccess. People may not.
    // Checked before the body is read: nobody else gets to make the server parse 10 MB of JSON.
    async (req, _res, next) => {
      await httpAuth.credentials(req, { allow: ['service'] });
      next();
    },
    jsonBody(options.maxBodySize ?? '10mb', 'post fewer events per request'),
    async (req, res) => {
      const events = validator.parse(req.body);
      await intake.submit(events);
      res.status(201).json({ accepted: events.length });
    },
  );

  // Runs name jobs, never Datasets, so they need no catalog permission.
  router.get('/lineage/runs', async (req, res) => {
    await httpAuth.credentials(req);
    const q = parseInput(runsQuerySchema, req.query, 'query');
    res.json({ items: await store.listRuns(q) });
  });

  // The rest answers only about Datasets the caller may read in the catalog (see LineageService),
  // to people: a service token reads as its plugin, whom the catalog lets read everything.
  router.get('/lineage/graph', async (req, res) => {
    const credentials = await httpAuth.credentials(req, PEOPLE);
    const q = parseInput(lineageGraphQuerySchema, req.query, 'query');
    res.json(
      await service.graph(q.entityRef, q.depth, q.direction, credentials),
    );
  });

  router.get('/lineage/columns', async (req, res) => {
    const credentials = await httpAuth.credentials(req, PEOPLE);
    const q = parseInput(columnLineageQuerySchema, req.query, 'query');
    res.json(
      await service.columns(q.entityRef, q.table, q.column, credentials),
    );
  });

  // Dataset-to-dataset dependencies of all jobs, for the catalog's service token (it relates
  // Datasets with dependsOn/dependencyOf). People read lineage per Dataset, through the graph.
  router.get('/lineage/dependencies', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    parseInput(dependenciesQuerySchema, req.query, 'query');
    const body: ObservedDependencies = {
      items: await service.observedDependencies(credentials),
    };
    res.json(body);
  });

  router.get('/health', async (req, res) => {
    const credentials = await httpAuth.credentials(req, PEOPLE);
    const q = parseInput(healthQuerySchema, req.query, 'query');
    const items = await service.health(q.entityRef, credentials);
    if (q.entityRef) {
      res.json(items[0]);
      return;
    }
    res.json({
      items: q.status ? items.filter(i => i.status === q.status) : items,
    });
  });

  router.get('/usage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, PEOPLE);
    const q = parseInput(usageQuerySchema, req.query, 'query');
    res.json(await service.usageOf(q.entityRef, q.days, credentials));
  });

  router.get('/overview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, PEOPLE);
    res.json(await service.overview(credentials));
  });

  return router;
}
