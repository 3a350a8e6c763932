import express from 'express';
import Router from 'express-promise-router';
import type { Hub } from '@cloud-data-hub/data-hub-common';
import type { DatasetCatalog } from './DatasetCatalog';

export interface RouterOptions {
  hubs: Hub[];
  datasets: DatasetCatalog;
}

/**
 * Routes of `/api/data-hub`. Authentication is Backstage's default: every route needs a
 * user or service token (the catalog's provider calls `/datasets` with its service token).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();

  router.get('/hubs', (_req, res) => {
    res.json({ items: options.hubs });
  });

  router.get('/datasets', async (_req, res) => {
    res.json({ sources: await options.datasets.listBySource() });
  });

  return router;
}
