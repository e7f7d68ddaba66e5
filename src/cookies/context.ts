/**
 * The cookie context of one request of a flow: is it credentialed, is it same-site with the site
 * for cookies, is it third-party, which partition does it use, is its URL secure for cookies.
 * Checked against Chromium 156 (fixtures/chromium-156.json); Firefox's schemeless sites against
 * firefox-esr 153. Not checked in either: pages in frames (topLevelUrl ≠ the page's origin).
 */
import type { EvaluationContext, Flow } from '../model/index.ts';
import { isPotentiallyTrustworthy, parseUrl, isSameOriginUrls, normalizeOrigin } from '../fetch/origin.ts';
import { siteOf, type Site } from '../fetch/site.ts';

export type Browser = EvaluationContext['browser'];

export interface RequestCookieContext {
  url: string;
  host: string;
  path: string;
  /** https/wss, or a loopback/localhost URL: Secure cookies may be set and sent (Chromium 156 verified). */
  secure: boolean;
  /** Cookies go out and Set-Cookie is stored at all (credentials mode and response tainting). */
  credentialed: boolean;
  /**
   * Same-site context for SameSite checks. Chrome: schemeful, and the initiator must be same-site
   * too; Firefox: schemeless (network.cookie.sameSite.schemeful is off by default).
   */
  sameSite: boolean;
  /** For SameSite: the request is a top-level navigation (Lax cookies go with safe methods). */
  topLevelNavigation: boolean;
  /** HTTP method is safe (GET/HEAD…), for Lax on navigations. */
  safeMethod: boolean;
  /** The request's site differs from the top-level site: third-party cookie rules apply. */
  thirdParty: boolean;
  /** The partition (CHIPS / Firefox's Total Cookie Protection): the top-level site, serialized. */
  partitionKey: string;
  /** Explains the cross-site relation for texts: `https://site-a.test` vs `https://site-b.test`. */
  requestSite: string;
  topLevelSite: string;
  /** The request's site differs from the top-level site only by scheme. */
  schemeOnlyDifference: boolean;
}

export function serializeSite(site: Site | null, url: string): string {
  if (!site) return normalizeOrigin(url);
  return `${site.scheme}://${site.host}`;
}

function sameSiteOf(a: Site | null, b: Site | null, schemeful: boolean): boolean {
  if (!a || !b) return false;
  return a.host === b.host && (!schemeful || a.scheme === b.scheme);
}

/** The URL that decides the "site for cookies": the top-level document, or the page itself. */
export function siteForCookiesUrl(flow: Flow): string {
  const top = flow.request.topLevelUrl;
  return typeof top === 'string' && top !== '' ? top : String(flow.request.origin ?? '');
}

/**
 * Fetch §4.5 HTTP-network-or-cache fetch: credentials are included when the mode is `include`, or
 * `same-origin` while the response tainting is still `basic` — i.e. no hop so far left the origin.
 * Chromium: network::cors::CalculateCredentialsFlag.
 */
export function credentialedHops(flow: Flow): boolean[] {
  const mode = flow.request.credentials;
  const origin = String(flow.request.origin ?? '');
  let tainted = false;
  return flow.hops.map((hop) => {
    const url = String(hop?.request?.url ?? '');
    if (!isSameOriginUrls(normalizeOrigin(origin), url)) tainted = true;
    if (flow.request.mode === 'navigate' || flow.request.mode === 'websocket') return true;
    if (mode === 'include') return true;
    if (mode === 'same-origin') return !tainted;
    return false;
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export function requestCookieContext(
  flow: Flow,
  url: string,
  method: string,
  credentialed: boolean,
  browser: Browser,
): RequestCookieContext {
  const u = parseUrl(url);
  const topUrl = siteForCookiesUrl(flow);
  const topSite = siteOf(topUrl);
  const reqSite = siteOf(url);
  const initiatorSite = siteOf(String(flow.request.origin ?? ''));
  const schemeful = browser === 'chrome';
  const topLevelNavigation =
    flow.request.mode === 'navigate' && (flow.request.topLevelUrl === undefined || flow.request.topLevelUrl === url);
  // A top-level navigation makes its own URL the site for cookies; the initiator decides Strict vs Lax.
  const sameSite = topLevelNavigation
    ? sameSiteOf(reqSite, initiatorSite, schemeful)
    : sameSiteOf(reqSite, topSite, schemeful) && sameSiteOf(reqSite, initiatorSite, schemeful);
  const thirdParty = !topLevelNavigation && !sameSiteOf(reqSite, topSite, schemeful);
  return {
    url,
    host: (u?.hostname ?? '').toLowerCase(),
    path: u?.pathname || '/',
    secure: isPotentiallyTrustworthy(url),
    credentialed,
    sameSite,
    topLevelNavigation,
    safeMethod: SAFE_METHODS.has(String(method).toUpperCase()),
    thirdParty,
    partitionKey: topLevelNavigation ? serializeSite(reqSite, url) : serializeSite(topSite, topUrl),
    requestSite: serializeSite(reqSite, url),
    topLevelSite: serializeSite(topSite, topUrl),
    schemeOnlyDifference: !!reqSite && !!topSite && reqSite.host === topSite.host && reqSite.scheme !== topSite.scheme,
  };
}
