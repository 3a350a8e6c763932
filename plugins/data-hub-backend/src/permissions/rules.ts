import { createPermissionRule } from '@backstage/plugin-permission-node';
import { DATASET_CLASSIFICATIONS } from '@cloud-data-hub/data-hub-common';
import { z } from 'zod';
import { accessRequestResourceRef } from './resource';

/** The request's dataset lives in one of these hubs. */
export const isInHub = createPermissionRule({
  name: 'IS_IN_HUB',
  description:
    "Allow when the request's dataset lives in one of the given hubs",
  resourceRef: accessRequestResourceRef,
  paramsSchema: z.object({
    hubs: z.array(z.string()).describe('Hub names, e.g. us'),
  }),
  apply: (request, { hubs }) => hubs.includes(request.datasetHub),
  toQuery: ({ hubs }) => ({ column: 'dataset_hub', values: hubs }),
});

/** The request's dataset has one of these classifications. */
export const hasClassification = createPermissionRule({
  name: 'HAS_CLASSIFICATION',
  description:
    "Allow when the request's dataset has one of the given classifications",
  resourceRef: accessRequestResourceRef,
  paramsSchema: z.object({
    classifications: z.array(z.enum(DATASET_CLASSIFICATIONS)),
  }),
  apply: (request, { classifications }) =>
    classifications.includes(request.classification),
  toQuery: ({ classifications }) => ({
    column: 'classification',
    values: classifications,
  }),
});

/** The request was made by this user. */
export const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'Allow when the request was made by the given user',
  resourceRef: accessRequestResourceRef,
  paramsSchema: z.object({ userRef: z.string().describe('User entity ref') }),
  apply: (request, { userRef }) => request.requester === userRef,
  toQuery: ({ userRef }) => ({ column: 'requester', values: [userRef] }),
});

/** The request's dataset is owned by one of these entities (e.g. the user's groups). */
export const isDatasetOwnedBy = createPermissionRule({
  name: 'IS_DATASET_OWNED_BY',
  description:
    "Allow when the request's dataset is owned by one of the given entities",
  resourceRef: accessRequestResourceRef,
  paramsSchema: z.object({
    owners: z.array(z.string()).describe('Owner entity refs'),
  }),
  apply: (request, { owners }) => owners.includes(request.datasetOwner),
  toQuery: ({ owners }) => ({ column: 'dataset_owner', values: owners }),
});

/**
 * The request's use case is owned by one of these entities: the requester's team, when given
 * the user's groups. The owner is the one recorded when the request was made.
 */
export const isUseCaseOwnedBy = createPermissionRule({
  name: 'IS_USE_CASE_OWNED_BY',
  description:
    "Allow when the request's use case is owned by one of the given entities",
  resourceRef: accessRequestResourceRef,
  paramsSchema: z.object({
    owners: z.array(z.string()).describe('Owner entity refs'),
  }),
  apply: (request, { owners }) =>
    !!request.useCaseOwner && owners.includes(request.useCaseOwner),
  toQuery: ({ owners }) => ({ column: 'use_case_owner', values: owners }),
});

/** @public */
export const accessRequestRules = {
  isInHub,
  hasClassification,
  isRequester,
  isDatasetOwnedBy,
  isUseCaseOwnedBy,
};
