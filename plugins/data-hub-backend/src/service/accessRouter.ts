import express from 'express';
import Router from 'express-promise-router';
import type {
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { AccessStore } from '../access/AccessStore';
import type { AccessConfig } from '../access/AccessConfig';
import type { AccessWorkflow } from '../access/AccessWorkflow';
import type { GrantReconciler } from '../access/GrantReconciler';
import { tryFullRef } from '../access/AccessSubjects';
import { jsonBody } from './jsonBody';
import { parseInput } from './validation';
import { createActorResolver } from './actorOf';
import {
  auditQuerySchema,
  createAccessRequestSchema,
  decisionSchema,
  listGrantsQuerySchema,
  listRequestsQuerySchema,
  reconcileSchema,
  useCasesQuerySchema,
} from './accessSchemas';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { dataHubGrantReconcilePermission } from '@cloud-data-hub/data-hub-common';

export interface AccessRouterOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  store: AccessStore;
  workflow: AccessWorkflow;
  reconciler: GrantReconciler;
  config: AccessConfig;
  /** Largest request body (`dataHub.access.maxRequestBody`, default 1mb). */
  maxBodySize?: string;
}

/** What a list answers when the read permission is denied: nothing, rather than an error. */
const EMPTY_PAGE = { items: [], totalCount: 0 };

/** Normalises a ref from a query string, or 400. */
function refParam(
  value: string | undefined,
  kind: string,
  name: string,
): string | undefined {
  if (value === undefined) return undefined;
  const ref = tryFullRef(value, kind);
  if (!ref) throw new InputError(`${name} "${value}" is not an entity ref`);
  return ref;
}

/** Routes of the access-request workflow (mounted under `/api/data-hub`). */
export function createAccessRouter(
  options: AccessRouterOptions,
): express.Router {
  const { httpAuth, userInfo, store, workflow } = options;
  const router = Router();
  router.use(
    ['/access-requests', '/grants'],
    jsonBody(
      options.maxBodySize ?? '1mb',
      'shorten the justification or comment',
    ),
  );

  // Only signed-in people act on access; their groups come from their Backstage token.
  const actorOf = createActorResolver(httpAuth, userInfo);

  router.get('/access/settings', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({
      maxDurationDays: options.config.maxDurationDays,
      reminderDaysBeforeExpiry: options.config.reminderDaysBeforeExpiry,
    });
  });

  router.get('/access/use-cases', async (req, res) => {
    const actor = await actorOf(req);
    const query = parseInput(useCasesQuerySchema, req.query, 'query');
    res.json({
      items: await workflow.requestableUseCases(query.datasetRef, actor),
    });
  });

  router.post('/access-requests', async (req, res) => {
    const actor = await actorOf(req);
    const body = parseInput(
      createAccessRequestSchema,
      req.body,
      'access request',
    );
    res.status(201).json(await workflow.create(body, actor));
  });

  router.get('/access-requests', async (req, res) => {
    const actor = await actorOf(req);
    const query = parseInput(listRequestsQuerySchema, req.query, 'query');
    // Every view lists only what the read permission allows, filtered in SQL; denied, nothing.
    const read = await workflow.readCriteria(actor.credentials);
    if (read === 'deny') {
      res.json(EMPTY_PAGE);
      return;
    }
    const common = {
      states: query.state as any,
      datasetRef: refParam(query.datasetRef, 'dataset', 'datasetRef'),
      useCaseRef: refParam(query.useCaseRef, 'system', 'useCaseRef'),
      criteria: read ? [read] : [],
      limit: query.limit,
      offset: query.offset,
    };
    if (query.view === 'mine') {
      res.json(
        await store.listRequests({ ...common, requester: actor.userRef }),
      );
      return;
    }
    if (query.view === 'to-decide') {
      const decide = await workflow.decideCriteria(actor);
      if (decide === 'deny') {
        res.json(EMPTY_PAGE);
        return;
      }
      res.json(
        await store.listRequests({
          ...common,
          states: common.states ?? ['pending'],
          datasetOwners: actor.ownershipRefs,
          notRequestedBy: actor.userRef,
          criteria: decide ? [...common.criteria, decide] : common.criteria,
        }),
      );
      return;
    }
    if (!common.datasetRef && !common.useCaseRef) {
      throw new InputError('view=all needs a datasetRef or useCaseRef');
    }
    res.json(await store.listRequests(common));
  });

  router.get('/access-requests/:id', async (req, res) => {
    const actor = await actorOf(req);
    res.json(await workflow.read(req.params.id, actor.credentials));
  });

  router.post('/access-requests/:id/approve', async (req, res) => {
    const actor = await actorOf(req);
    const { comment } = parseInput(decisionSchema, req.body, 'decision');
    res.json(await workflow.decide(req.params.id, true, comment, actor));
  });

  router.post('/access-requests/:id/reject', async (req, res) => {
    const actor = await actorOf(req);
    const { comment } = parseInput(decisionSchema, req.body, 'decision');
    res.json(await workflow.decide(req.params.id, false, comment, actor));
  });

  router.post('/access-requests/:id/withdraw', async (req, res) => {
    const actor = await actorOf(req);
    parseInput(decisionSchema, req.body, 'withdrawal');
    res.json(await workflow.withdraw(req.params.id, actor));
  });

  // People only, like the rest: a service token would read as a plugin, past the read permission.
  router.get('/grants', async (req, res) => {
    const { credentials } = await actorOf(req);
    const query = parseInput(listGrantsQuerySchema, req.query, 'query');
    const read = await workflow.readCriteria(credentials);
    if (read === 'deny') {
      res.json(EMPTY_PAGE);
      return;
    }
    res.json(
      await store.listGrants({
        datasetRef: refParam(query.datasetRef, 'dataset', 'datasetRef'),
        useCaseRef: refParam(query.useCaseRef, 'system', 'useCaseRef'),
        states: query.state,
        criteria: read,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  router.post('/grants/reconcile', async (req, res) => {
    const { credentials } = await actorOf(req);
    const body = parseInput(reconcileSchema, req.body, 'reconcile request');
    const [decision] = await options.permissions.authorize(
      [{ permission: dataHubGrantReconcilePermission }],
      {
        credentials,
      },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        "The portal's permission policy does not allow you to reconcile grants",
      );
    }
    res.json(await options.reconciler.reconcile(body.repair ?? false));
  });

  router.post('/grants/:id/revoke', async (req, res) => {
    const actor = await actorOf(req);
    const { comment } = parseInput(decisionSchema, req.body, 'revocation');
    res.json(await workflow.revoke(req.params.id, comment, actor));
  });

  router.get('/audit', async (req, res) => {
    const actor = await actorOf(req);
    const query = parseInput(auditQuerySchema, req.query, 'query');
    const read = await workflow.readCriteria(actor.credentials);
    if (read === 'deny') {
      res.json(EMPTY_PAGE);
      return;
    }
    res.json(
      await store.listAudit({
        datasetRef: refParam(query.datasetRef, 'dataset', 'datasetRef'),
        useCaseRef: refParam(query.useCaseRef, 'system', 'useCaseRef'),
        requestId: query.requestId,
        criteria: read,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  return router;
}
