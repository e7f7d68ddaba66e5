/**
 * Request methods: normalization and the CORS-safelisted and forbidden methods.
 * Fetch §2.2.1 (method), §2.2.1 "normalize".
 */

const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * Fetch "normalize a method": a byte-case-insensitive match for DELETE, GET, HEAD, OPTIONS, POST
 * or PUT is upper-cased; every other method keeps its case (`patch` stays `patch`).
 */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED.has(upper) ? upper : method;
}

/**
 * GET, HEAD, POST. Chromium compares after upper-casing (network::cors::IsCorsSafelistedMethod),
 * which gives the same answer for normalized methods.
 */
export function isCorsSafelistedMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'HEAD' || upper === 'POST';
}

/** CONNECT, TRACE, TRACK: a page cannot use them (fetch() throws before any request). */
export function isForbiddenMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK';
}

/**
 * The method after a redirect. 301/302 turn POST into GET; 303 turns everything but GET and HEAD
 * into GET. Fetch "HTTP-redirect fetch" step 12; Chromium: net::RedirectInfo::ComputeRedirectInfo.
 */
export function methodAfterRedirect(status: number, method: string): string {
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  if (status === 303 && method !== 'GET' && method !== 'HEAD') return 'GET';
  return method;
}
