/**
 * Network errors as browsers report them, told apart from CORS blocks. Chrome reports a CORS block
 * as `net::ERR_FAILED` (with a real status when the response arrived); Firefox as
 * `NS_ERROR_DOM_BAD_URI` or no error at all. Neither string says why: the verdict comes from the
 * headers, and these errors only matter when the headers do not explain a failure.
 */

/** Chromium's error for a request Local Network Access refused (Chromium 156; PNA's name before it). */
export const LOCAL_NETWORK_ERRORS = new Set(['net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS', 'net::ERR_BLOCKED_BY_PRIVATE_NETWORK_ACCESS_CHECKS']);

/** Errors a browser gives a request that CORS (or another policy check) stopped. */
const POLICY_ERRORS = new Set(['net::ERR_FAILED', 'NS_ERROR_DOM_BAD_URI', ...LOCAL_NETWORK_ERRORS]);

export function isLocalNetworkError(error: string | undefined): boolean {
  return error !== undefined && LOCAL_NETWORK_ERRORS.has(error.trim());
}

export function isPolicyError(error: string | undefined): boolean {
  return error !== undefined && POLICY_ERRORS.has(error.trim());
}

/** A reported error that is not a policy block: a real network failure (DNS, refused, TLS, aborted…). */
export function isNetworkFailure(error: string | undefined): boolean {
  return typeof error === 'string' && error.trim() !== '' && !isPolicyError(error);
}
