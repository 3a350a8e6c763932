import { ResponseError } from '@backstage/errors';

/**
 * The message to show a person for a failed call. The backend's messages say
 * what to fix ("durationDays 120 is longer than the 90 days allowed…"), so a
 * `ResponseError` shows its cause's message as is rather than its own generic
 * "Request failed with 400 Bad Request".
 *
 * @public
 */
export function accessErrorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause.message || error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
