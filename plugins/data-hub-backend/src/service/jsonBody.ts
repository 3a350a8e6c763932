import express from 'express';
import { CustomErrorBase } from '@backstage/errors';

/** 413: a body over the route's limit (Backstage's error handler answers with `statusCode`). */
export class PayloadTooLargeError extends CustomErrorBase {
  readonly statusCode = 413;
}

/**
 * The JSON parser of one router: its own limit, and an over-limit body answered with a 413
 * that says what the limit is and what to do. Each router mounts it on its own paths only, so
 * no other router's parser (which would read the body first) decides its limit.
 */
export function jsonBody(
  limit: string,
  advice: string,
): express.RequestHandler {
  const parse = express.json({ limit });
  return (req, res, next) =>
    parse(req, res, (error?: { type?: string; length?: number }) => {
      if (error?.type === 'entity.too.large') {
        const size =
          typeof error.length === 'number' ? ` of ${error.length} bytes` : '';
        next(
          new PayloadTooLargeError(
            `The request body${size} is over the ${limit} limit; ${advice}`,
          ),
        );
        return;
      }
      next(error);
    });
}
