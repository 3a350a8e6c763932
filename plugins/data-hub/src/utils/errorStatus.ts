/**
 * The HTTP status of a failed call, whichever client threw it: both the
 * `ResponseError` of the access client and the `DataHubQueryError` of the
 * query and lineage clients carry a `statusCode`. Undefined for other errors.
 */
export function errorStatus(error: unknown): number | undefined {
  const statusCode = (error as { statusCode?: unknown } | undefined)
    ?.statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/** 403: the backend's permission policy denies the caller this data. */
export function isForbidden(error: unknown): boolean {
  return errorStatus(error) === 403;
}

/** 404: nothing there, or nothing the caller may know of. */
export function isNotFound(error: unknown): boolean {
  return errorStatus(error) === 404;
}
