import { ResponseError } from '@backstage/errors';

/**
 * A failed call of the query API. Its message is the backend's own — the
 * engine's and the service's messages point at the problem ("Referenced
 * column "vin" not found…", "…: not a table this use case holds a live grant
 * on…"), so the page shows them as they are rather than "Request failed with
 * 403 Forbidden".
 *
 * @public
 */
export class DataHubQueryError extends Error {
  /** The HTTP status, e.g. 400 for invalid SQL, 403 for data not granted. */
  readonly statusCode: number;
  /** The backend's error name, e.g. `InputError` or `NotAllowedError`. */
  readonly reason: string;

  constructor(message: string, statusCode: number, reason: string) {
    super(message);
    this.name = 'DataHubQueryError';
    this.statusCode = statusCode;
    this.reason = reason;
  }

  /** Reads Backstage's `{ error: { name, message } }` body of a failed response. */
  static async fromResponse(response: Response): Promise<DataHubQueryError> {
    const error = await ResponseError.fromResponse(response);
    const message = error.cause?.message || error.message;
    return new DataHubQueryError(
      message,
      error.statusCode,
      error.cause?.name || 'Error',
    );
  }
}

/** The message to show for any error a query call may throw. */
export function queryErrorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
