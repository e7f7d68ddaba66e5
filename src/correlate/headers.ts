/**
 * Header facts correlation relies on: which request headers the browser adds by itself (so that
 * the page's own "author" headers can be told apart), the Access-Control-Request-* values of a
 * preflight, and origins.
 */
import { taintsOrigin } from '../fetch/redirect.ts';
import { getHeader, type Header } from '../model/header.ts';

/**
 * Request headers the browser (or its network stack) sets; a page cannot set these, or setting
 * them is overridden. Fetch §2.2.2 "forbidden request-header", plus what Chromium and Firefox add
 * (Accept-Language, Priority, client hints, Upgrade-Insecure-Requests).
 */
const BROWSER_ADDED = new Set([
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'priority',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'upgrade-insecure-requests',
  'user-agent',
  'via',
  'x-client-data',
]);

/** Values the browser sends by default when the page sets nothing (DevTools "Disable cache" adds the last two). */
const DEFAULT_VALUES: Record<string, RegExp> = {
  accept: /^\*\/\*$|^text\/html,|^image\/|^text\/css,|^application\/signed-exchange/,
  pragma: /^no-cache$/,
  'cache-control': /^no-cache$|^max-age=0$/,
};

/** True when `name` is a header the browser adds rather than one the page's code set. */
export function isBrowserAdded(name: string, value: string, preflightNames: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  if (preflightNames.has(lower)) return false; // the preflight asked about it: the page set it
  if (BROWSER_ADDED.has(lower) || lower.startsWith('sec-') || lower.startsWith('proxy-')) return true;
  const defaultValue = DEFAULT_VALUES[lower];
  return defaultValue !== undefined && defaultValue.test(value.trim());
}

/** The headers the page's code set: the request's headers minus those the browser added. */
export function authorHeaders(headers: readonly Header[], preflightNames: ReadonlySet<string> = new Set()): Header[] {
  return headers.filter((h) => !isBrowserAdded(h.name, h.value, preflightNames));
}

/** Access-Control-Request-Headers as a set of lower-case names. */
export function requestedHeaderNames(preflightHeaders: readonly Header[] | undefined): Set<string> {
  const value = getHeader(preflightHeaders, 'access-control-request-headers') ?? '';
  return new Set(
    value
      .split(',')
      .map((n) => n.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function requestedMethod(preflightHeaders: readonly Header[] | undefined): string | null {
  const value = getHeader(preflightHeaders, 'access-control-request-method');
  return value === null ? null : value.trim();
}

export function isPreflightRequest(method: string, headers: readonly Header[] | undefined): boolean {
  return method === 'OPTIONS' && requestedMethod(headers) !== null;
}

/**
 * The Origin header value the browser sends at each hop of a redirect chain started by a page of
 * origin `origin`: "null" from the first redirect that taints it on. Fetch §4.4 step 13.
 */
export function originPerHop(origin: string, urls: readonly string[]): string[] {
  let tainted = false;
  return urls.map((url, i) => {
    if (i > 0 && taintsOrigin(url, urls[i - 1]!, origin)) tainted = true;
    return tainted ? 'null' : origin;
  });
}

/** Resolves a 3xx response's Location against the request URL, as WireResponse.redirectURL wants it. */
export function locationOf(requestUrl: string, status: number | undefined, headers: readonly Header[] | undefined): string | undefined {
  if (status === undefined || status < 300 || status > 399) return undefined;
  const location = getHeader(headers, 'location');
  if (location === null || !URL.canParse(location, requestUrl)) return undefined;
  return new URL(location, requestUrl).href;
}
