import { z } from 'zod';

const ref = z.string().trim().min(1, 'must be an entity ref').max(255);

export const lineageGraphQuerySchema = z.strictObject({
  entityRef: ref,
  depth: z.coerce.number().int().min(1).max(10).default(3),
  direction: z.enum(['upstream', 'downstream', 'both']).default('both'),
});

export const columnLineageQuerySchema = z.strictObject({
  entityRef: ref,
  table: z.string().trim().min(1).max(255).optional(),
  column: z.string().trim().min(1).max(255).optional(),
});

export const healthQuerySchema = z.strictObject({
  entityRef: ref.optional(),
  status: z.enum(['healthy', 'stale', 'failing']).optional(),
});

export const usageQuerySchema = z.strictObject({
  entityRef: ref,
  days: z.coerce.number().int().min(1).max(365).default(30),
});

export const runsQuerySchema = z.strictObject({
  jobNamespace: z.string().min(1).max(1000).optional(),
  jobName: z.string().min(1).max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** `GET /lineage/dependencies` takes no parameters. */
export const dependenciesQuerySchema = z.strictObject({});
