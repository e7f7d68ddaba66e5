/**
 * Redirect rules of a CORS request: the redirect limit, credentials in the Location, the tainted
 * origin, and where a redirect may go at all.
 * Fetch "HTTP-redirect fetch"; Chromium: services/network/cors/cors_url_loader.cc
 * (OnReceiveRedirect, CheckRedirectLocation, CheckTainted).
 */
import type { Header, RequestMode } from '../model/index.ts';
import { hasCredentials, isSameOrigin, isSameOriginUrls, schemeOf } from './origin.ts';

/** A request may follow 20 redirects; the 21st fails with net::ERR_TOO_MANY_REDIRECTS. */
export const REDIRECT_LIMIT = 20;

/**
 * A redirect to a URL with a username or password fails a CORS request when the request is
 * cross-origin now (CORS flag), is tainted, or goes to another origin than the page's.
 * The failedParameter Chromium reports is empty (checked in Chromium 156).
 */
export function redirectHasForbiddenCredentials(
  location: string,
  mode: RequestMode,
  pageOrigin: string,
  corsFlag: boolean,
  tainted: boolean,
): boolean {
  if (!hasCredentials(location)) return false;
  if (mode === 'cors' && (tainted || !isSameOrigin(pageOrigin, location))) return true;
  return corsFlag;
}

/**
 * After a redirect from `currentUrl` to `location`, the request's origin becomes opaque when the
 * redirect changes origin and the current URL is not the page's origin.
 */
export function taintsOrigin(location: string, currentUrl: string, pageOrigin: string): boolean {
  return !isSameOriginUrls(location, currentUrl) && !isSameOrigin(pageOrigin, currentUrl);
}

/**
 * Schemes the network stack refuses as a redirect target before CORS is consulted
 * (net::ERR_UNSAFE_REDIRECT; checked with `data:` in Chromium 156). Other non-HTTP schemes reach
 * the CORS loader and fail with CorsDisabledScheme.
 */
const UNSAFE_REDIRECT_SCHEMES = new Set(['data', 'file', 'blob', 'javascript', 'about', 'filesystem']);

export function isUnsafeRedirectTarget(location: string): boolean {
  return UNSAFE_REDIRECT_SCHEMES.has(schemeOf(location));
}

/**
 * Fetch "HTTP-redirect fetch" step 13: a redirect to another origin removes Authorization (the one
 * CORS non-wildcard request-header name) from the request, so the next hop neither sends it nor
 * asks a preflight about it. Chromium 156 does (Blink ResourceLoader::WillFollowRedirect passes it
 * as a removed header); seen as an Access-Control-Request-Headers without `authorization`.
 */
export function headersAfterRedirect(headers: readonly Header[], currentUrl: string, location: string): Header[] {
  if (isSameOriginUrls(location, currentUrl)) return [...headers];
  return headers.filter((h) => h.name.toLowerCase() !== 'authorization');
}
