/**
 * What the browser carries from hop to hop while it follows a flow: the current method and author
 * headers, the CORS flag, the tainted origin and the redirect count.
 */
import type { Header, Hop, WireResponse } from '../model/index.ts';
import { normalizedHeader, isRedirectStatus, safeHeaders } from '../fetch/http.ts';
import { parseUrl } from '../fetch/origin.ts';
import { addressSpaceOf } from '../fetch/address-space.ts';
import type { AddressSpace } from '../model/index.ts';

export interface HopState {
  url: string;
  method: string;
  headers: Header[];
  corsFlag: boolean;
  tainted: boolean;
  redirects: number;
}

/**
 * The URL a hop asked for: its own request URL when usable, else the one the previous redirect named.
 * A fragment never goes on the wire, so captures (DevTools, webRequest) report URLs without it; the
 * browser's request URL keeps it, and Chromium prints it in its messages: take it from `expected`
 * when both name the same URL otherwise.
 */
export function hopUrl(hop: Hop | undefined, expected: string): string {
  const own = hop?.request?.url;
  if (typeof own !== 'string' || !parseUrl(own)) return expected;
  // An empty fragment (`…#`) is a fragment too: URL.hash cannot tell it from none, the string can.
  const at = expected.indexOf('#');
  if (at < 0 || own.includes('#')) return own;
  const a = parseUrl(own)!;
  const b = parseUrl(expected.slice(0, at));
  return b && a.href === b.href ? `${own}${expected.slice(at)}` : own;
}

/**
 * Fetch "HTTP-redirect fetch": a Location without a fragment inherits the current URL's, even an
 * empty one (Fetch §4.4 step 11; Chromium 156 prints it, e.g. `…/t#top (redirected from '…/r#top')`).
 */
export function withInheritedFragment(location: string, current: string): string {
  if (location.includes('#') || !parseUrl(location)) return location;
  const at = current.indexOf('#');
  return at < 0 ? location : `${location}${current.slice(at)}`;
}

/**
 * Where a response redirects to, resolved against the request URL; null when it is not a redirect.
 * As Chromium's net stack decides (net/http/http_response_headers.cc IsRedirect): only 301, 302,
 * 303, 307 and 308 redirect (a 300 goes to the page, checked in Chromium 156), and the target is the
 * first Location line that is not empty — a 3xx whose Location lines are all empty is an ordinary
 * response.
 */
export function redirectTarget(response: WireResponse | undefined, requestUrl: string): string | null {
  if (!response) return null;
  if (!isRedirectStatus(Number(response.status))) return null;
  const locations = safeHeaders(response.headers).filter((h) => h.name.toLowerCase() === 'location');
  const first = locations.find((h) => h.value.trim() !== '');
  if (locations.length > 0 && !first) return null;
  // A capture's own resolution (HAR redirectURL, webRequest redirectUrl) wins, even without the header.
  if (typeof response.redirectURL === 'string' && response.redirectURL !== '') return response.redirectURL;
  if (!first) return null;
  const u = parseUrl(first.value.trim(), parseUrl(requestUrl) ? requestUrl : undefined);
  return u ? u.href : first.value.trim();
}

/** The server's address space for a hop, from what the capture says or from its IP. */
export function targetAddressSpace(hop: Hop): AddressSpace | null {
  return (
    hop.addressSpace ??
    hop.preflight?.addressSpace ??
    addressSpaceOf(hop.response?.serverIPAddress) ??
    addressSpaceOf(hop.preflight?.response?.serverIPAddress) ??
    null
  );
}

/** The Origin header the capture saw on a request, if it saw one. */
export function wireOrigin(headers: unknown): string | null {
  const value = normalizedHeader(safeHeaders(headers), 'Origin');
  return value === null || value === '' || value.includes(',') ? null : value;
}
