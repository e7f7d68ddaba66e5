/**
 * Header facts correlation relies on: which request headers the browser adds by itself (so that
 * the page's own "author" headers can be told apart), the Access-Control-Request-* values of a
 * preflight, and origins.
 */
import { taintsOrigin } from '../fetch/redirect.ts';
import { isForbiddenRequestHeader } from '../fetch/request-headers.ts';
import { isRedirectStatus } from '../fetch/http.ts';
import { getHeader, headerValues, type Header } from '../model/header.ts';

/**
 * Headers the browser adds besides the forbidden request-headers (Fetch §2.2.2, in
 * ../fetch/request-headers.ts), which a page cannot set: Accept-Language (a page may set it, but
 * the browser always sends its own), Priority, Upgrade-Insecure-Requests and Chrome's X-Client-Data.
 */
const ALSO_BROWSER_ADDED = new Set(['accept-language', 'priority', 'upgrade-insecure-requests', 'x-client-data']);

/** Values the browser sends by default when the page sets nothing (DevTools "Disable cache" adds the last two). */
const DEFAULT_VALUES: ReadonlyMap<string, RegExp> = new Map([
  ['accept', /^\*\/\*$|^text\/html,|^image\/|^text\/css,|^application\/signed-exchange/],
  ['pragma', /^no-cache$/],
  ['cache-control', /^no-cache$|^max-age=0$/],
]);

/** True when `name` is a header the browser adds rather than one the page's code set. */
export function isBrowserAdded(name: string, value: string, preflightNames: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  if (preflightNames.has(lower)) return false; // the preflight asked about it: the page set it
  // Chromium's list: Firefox lets a page set User-Agent, but on the wire it is nearly always the browser's.
  if (isForbiddenRequestHeader(lower, value, 'chromium') || ALSO_BROWSER_ADDED.has(lower)) return true;
  const defaultValue = DEFAULT_VALUES.get(lower);
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

/**
 * Where a response redirects to, as WireResponse.redirectURL wants it: only 301, 302, 303, 307 and
 * 308 redirect, to the first Location line that is not empty, resolved against the request URL
 * (as the evaluator reads a redirect: src/evaluate/hop-state.ts redirectTarget). A 300, or a 3xx
 * whose Location lines are all empty, is an ordinary response; an unparsable target gives none.
 */
export function locationOf(requestUrl: string, status: number | undefined, headers: readonly Header[] | undefined): string | undefined {
  if (status === undefined || !isRedirectStatus(status)) return undefined;
  const location = headerValues(headers, 'location')
    .map((v) => v.trim())
    .find((v) => v !== '');
  return location === undefined ? undefined : resolveUrl(location, requestUrl);
}

/**
 * The redirect target of a captured response: the capture's own (a HAR's `redirectURL`), resolved
 * against the request URL, else its Location. Nothing for a status that does not redirect, or a
 * target no URL parser accepts (hostile input must not throw).
 */
export function redirectURLOf(requestUrl: string, status: number, captured: string | null | undefined, headers: readonly Header[]): string | undefined {
  if (!isRedirectStatus(status)) return undefined;
  const own = captured?.trim() ? resolveUrl(captured.trim(), requestUrl) : undefined;
  return own ?? locationOf(requestUrl, status, headers);
}

function resolveUrl(url: string, base: string): string | undefined {
  if (URL.canParse(url, base)) return new URL(url, base).href;
  return URL.canParse(url) ? new URL(url).href : undefined;
}
