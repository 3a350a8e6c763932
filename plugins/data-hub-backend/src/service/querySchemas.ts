import { z } from 'zod';

const ref = z.string().trim().min(1, 'must be an entity ref').max(255);

export const submitQuerySchema = z.strictObject({
  sql: z
    .string()
    .trim()
    .min(1, 'write a SELECT statement')
    .max(100_000, 'the statement is longer than 100,000 characters'),
  useCaseRef: ref,
  firstPageRows: z
    .number()
    .int()
    .min(1)
    .max(10_000, 'firstPageRows is at most 10,000 (a results page)')
    .optional(),
});

export const resultsQuerySchema = z.strictObject({
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER, 'offset is too large')
    .default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
});

export const historyQuerySchema = z.strictObject({
  search: z.string().max(500).optional(),
  useCaseRef: ref.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});

export const queryableSchema = z.strictObject({ useCaseRef: ref });

export const savedQuerySchema = z.strictObject({
  name: z.string().trim().min(1, 'give the query a name').max(200),
  description: z.string().trim().max(2000).optional(),
  sql: z.string().trim().min(1).max(100_000),
  useCaseRef: ref,
  shared: z.boolean().default(false),
});

export const savedQueryPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(2000).optional(),
    sql: z.string().trim().min(1).max(100_000).optional(),
    shared: z.boolean().optional(),
  })
  .refine(p => Object.keys(p).length > 0, {
    message: 'change at least one of name, description, sql, shared',
  });

export const savedListSchema = z.strictObject({ useCaseRef: ref.optional() });
