import { InputError } from '@backstage/errors';
import type { z } from 'zod';

/** Parses with a zod schema, or throws a 400 that names every field to fix. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map(issue => {
    const path = issue.path.length ? issue.path.join('.') : what;
    return `${path}: ${issue.message}`;
  });
  throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
}
