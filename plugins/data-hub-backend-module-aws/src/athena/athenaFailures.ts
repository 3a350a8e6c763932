import type { AthenaError } from '@aws-sdk/client-athena';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { QueryErrorKind } from '@cloud-data-hub/data-hub-node';

/*
 * Athena reports why a query failed as text (`StateChangeReason`, Trino's error name first,
 * e.g. `TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.x.y' does not exist`) plus a coarse
 * `AthenaError.ErrorCategory` (1 system, 2 user, 3 other). The API needs to know whose
 * problem it is, so that it can answer 400/403 with the message or 500.
 */

/**
 * The table or column is not there for this role. With Lake Formation a table or column the
 * role holds no grant on is invisible to it, so "not found" and "not granted" are one case.
 */
const NOT_GRANTED = [
  /insufficient lake formation permission/i,
  /\bTABLE_NOT_FOUND\b/,
  /\bSCHEMA_NOT_FOUND\b/,
  /\bCOLUMN_NOT_FOUND\b/,
  /\bCATALOG_NOT_FOUND\b/,
  /\b(?:table|schema|database) '?[\w.]+'? does not exist/i,
];

/** A limit stopped the query: Athena's timeout, the workgroup's data cutoff, resources. */
const LIMIT = [
  /\bEXCEEDED_[A-Z_]*LIMIT\b/,
  /\bEXCEEDED_[A-Z_]*MEMORY\b/,
  /query timeout/i,
  /exhausted resources/i,
  /bytes scanned limit/i,
  /data usage limit/i,
];

/** The SQL itself is wrong: Trino's user errors, which name a line and column. */
const INVALID = [
  /\bSYNTAX_ERROR\b/,
  /\bTYPE_MISMATCH\b/,
  /\bFUNCTION_NOT_FOUND\b/,
  /\bINVALID_[A-Z_]+\b/,
  /\bAMBIGUOUS_NAME\b/,
  /\bNOT_SUPPORTED\b/,
  /\bDIVISION_BY_ZERO\b/,
  /\bMISSING_[A-Z_]+\b/,
  /mismatched input/i,
  /extraneous input/i,
  /no viable alternative/i,
  /queries of this type are not supported/i,
  /\bline \d+:\d+:/,
];

const USER_ERROR_CATEGORY = 2;

/** Whose problem a failure is, from Athena's reason (and error category, where given). */
export function classifyAthenaFailure(
  message: string,
  athenaError?: AthenaError,
): QueryErrorKind {
  if (NOT_GRANTED.some(p => p.test(message))) return 'not-granted';
  if (LIMIT.some(p => p.test(message))) return 'limit';
  if (INVALID.some(p => p.test(message))) return 'invalid';
  if (athenaError?.ErrorCategory === USER_ERROR_CATEGORY) return 'invalid';
  return 'engine';
}

/**
 * The error to throw for a query that failed, named for the API's status mapping: the SQL's
 * fault is an `InputError` (400), a table outside the grants a `NotAllowedError` (403); limits
 * and the engine's own failures are plain errors.
 */
export function queryFailureError(
  kind: QueryErrorKind,
  message: string,
): Error {
  switch (kind) {
    case 'invalid':
      return new InputError(message);
    case 'not-granted':
      return new NotAllowedError(message);
    default:
      return new Error(message);
  }
}
