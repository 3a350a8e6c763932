import { z } from 'zod';
import { ACCESS_REQUEST_STATES } from '@cloud-data-hub/data-hub-common';

const ref = z.string().trim().min(1, 'must be an entity ref').max(255);
const name = z.string().trim().min(1).max(255);

export const createAccessRequestSchema = z.strictObject({
  datasetRef: ref,
  useCaseRef: ref,
  tables: z
    .array(
      z.strictObject({
        name,
        columns: z
          .array(name)
          .min(1, 'name at least one column, or omit columns')
          .max(2000)
          .optional(),
      }),
    )
    .min(1, 'name at least one table, or omit tables for every non-PII column')
    .max(500)
    .optional(),
  justification: z
    .string()
    .trim()
    .min(10, 'say in at least 10 characters why the use case needs the data')
    .max(4000),
  durationDays: z
    .number()
    .int('must be a whole number of days')
    .min(1)
    .max(3650),
  extendsGrantId: z.string().min(1).max(100).optional(),
});

export const decisionSchema = z.strictObject({
  comment: z.string().trim().max(4000).optional(),
});

export const reconcileSchema = z.strictObject({
  repair: z.boolean().optional(),
});

const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

const states = z
  .string()
  .transform(s =>
    s
      .split(',')
      .map(x => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(ACCESS_REQUEST_STATES as [string, ...string[]])));

export const listRequestsQuerySchema = z.strictObject({
  view: z.enum(['mine', 'to-decide', 'all']).default('mine'),
  state: states.optional(),
  datasetRef: ref.optional(),
  useCaseRef: ref.optional(),
  ...paging,
});

export const listGrantsQuerySchema = z.strictObject({
  datasetRef: ref.optional(),
  useCaseRef: ref.optional(),
  state: z
    .string()
    .transform(s =>
      s
        .split(',')
        .map(x => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['live', 'expired', 'revoked'])))
    .optional(),
  ...paging,
});

export const auditQuerySchema = z
  .strictObject({
    datasetRef: ref.optional(),
    useCaseRef: ref.optional(),
    requestId: z.string().max(100).optional(),
    ...paging,
  })
  .refine(q => q.datasetRef || q.useCaseRef || q.requestId, {
    message: 'name a datasetRef, useCaseRef or requestId',
  });

export const useCasesQuerySchema = z.strictObject({ datasetRef: ref });
