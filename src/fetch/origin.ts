/**
 * Origins: parsing URLs safely, serializing origins, comparing them, and the schemes CORS works with.
 */

/** Parses a URL, or returns null; never throws. */
export function parseUrl(url: unknown, base?: string): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return base === undefined ? new URL(url) : new URL(url, base);
  } catch {
    return null;
  }
}

/**
 * A bounded memo for pure string functions of a URL: one evaluation asks for the same few URLs'
 * origins and sites dozens of times, and URL parsing was most of its time. Emptied when full.
 */
export function memo<T>(cache: Map<string, T>, key: string, f: (key: string) => T): T {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as T;
  const value = f(key);
  if (cache.size >= 512) cache.clear();
  cache.set(key, value);
  return value;
}
const ORIGINS = new Map<string, string>();

/** Schemes whose URLs have a tuple origin (scheme, host, port). Others are opaque and serialize as `null`. */
const TUPLE_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/**
 * The serialized origin of a URL (`https://a.test:8443`), or `null` for opaque origins and URLs
 * that do not parse. RFC 6454 §6.2; default ports are omitted.
 */
export function originOf(url: string): string {
  return typeof url === 'string' ? memo(ORIGINS, url, originOfUncached) : 'null';
}

function originOfUncached(url: string): string {
  const u = parseUrl(url);
  if (!u) return 'null';
  if (u.protocol === 'blob:') return originOf(u.pathname);
  if (!TUPLE_SCHEMES.has(u.protocol)) return 'null';
  return u.origin;
}

/**
 * Normalizes an origin the page reported (`https://App.test:443/` → `https://app.test`). Values
 * that are not an origin (including `null`) stay as given: an opaque origin is only ever `null`.
 */
export function normalizeOrigin(origin: string): string {
  if (origin === 'null') return 'null';
  const o = originOf(origin);
  return o === 'null' ? origin : o;
}

/**
 * Same origin: both tuple origins and equal. An opaque origin is never same-origin with a URL
 * (Chromium: url::Origin::IsSameOriginWith).
 */
export function isSameOrigin(origin: string, url: string): boolean {
  const a = normalizeOrigin(origin);
  const b = originOf(url);
  return a !== 'null' && b !== 'null' && a === b;
}

export function isSameOriginUrls(a: string, b: string): boolean {
  const oa = originOf(a);
  return oa !== 'null' && oa === originOf(b);
}

/**
 * Schemes Chromium's CORS loader lets through; any other scheme on a CORS request fails with
 * CorsDisabledScheme. The console lists them (Chromium 156, as printed).
 * Chromium: url::GetCorsEnabledSchemes, blink SchemeRegistry::ListOfCorsEnabledURLSchemes.
 */
export const CORS_ENABLED_SCHEMES = [
  'chrome',
  'chrome-experimental-site-token-provider',
  'chrome-extension',
  'chrome-untrusted',
  'data',
  'http',
  'https',
  'isolated-app',
] as const;

const SCHEMES = new Map<string, string>();

export function schemeOf(url: string): string {
  return typeof url === 'string' ? memo(SCHEMES, url, schemeOfUncached) : '';
}

function schemeOfUncached(url: string): string {
  const u = parseUrl(url);
  if (u) return u.protocol.slice(0, -1);
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(typeof url === 'string' ? url : '');
  return m ? m[1]!.toLowerCase() : '';
}

export function isCorsEnabledScheme(url: string): boolean {
  return (CORS_ENABLED_SCHEMES as readonly string[]).includes(schemeOf(url));
}

export function isHttpScheme(url: string): boolean {
  const s = schemeOf(url);
  return s === 'http' || s === 'https';
}

/** The URL has a username or password (userinfo). */
export function hasCredentials(url: string): boolean {
  const u = parseUrl(url);
  return !!u && (u.username !== '' || u.password !== '');
}

/**
 * A potentially trustworthy origin (secure context for the page): https/wss, or loopback and
 * localhost names. W3C Secure Contexts §3.1; Chromium: network::IsOriginPotentiallyTrustworthy.
 */
export function isPotentiallyTrustworthy(origin: string): boolean {
  const u = parseUrl(normalizeOrigin(origin));
  if (!u) return false;
  if (u.protocol === 'https:' || u.protocol === 'wss:') return true;
  const host = u.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]') return true;
  return false;
}
