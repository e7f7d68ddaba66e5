/**
 * Hosts, cookie domains and paths: the Domain attribute check (InvalidDomain), domain-match,
 * default-path and path-match (RFC 6265 §5.1.3, §5.1.4; rfc6265bis §5.6.3), with the public
 * suffix list from tldts (private entries included, as Chromium's cookie code uses them).
 */
import { getDomain } from 'tldts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** URL hosts are IPv4 dotted quads or bracketed IPv6 (`[::1]`) once the URL parser has run. */
export function isIpHost(host: string): boolean {
  return IPV4.test(host) || host.startsWith('[');
}

/**
 * The registrable domain (eTLD+1) of a host, or null when it has none: IPs, `localhost`, a bare
 * public suffix. Chromium: registry_controlled_domains::GetDomainAndRegistry, INCLUDE_PRIVATE_REGISTRIES.
 */
export function registrableDomain(host: string): string | null {
  if (!host || isIpHost(host)) return null;
  try {
    return getDomain(host, { allowPrivateDomains: true }) ?? null;
  } catch {
    return null;
  }
}

/** The key Chromium's cookie store files a host's cookies under: its registrable domain, or the host. */
export function cookieStoreKey(host: string): string {
  return registrableDomain(host) ?? host;
}

export type CookieDomainResult = { ok: true; domain: string; hostOnly: boolean } | { ok: false };

/**
 * The domain a Set-Cookie stores under, or InvalidDomain. Chromium: cookie_util::GetCookieDomainWithString.
 * No or empty Domain → host-only. A Domain must cover the request host and not be a public suffix;
 * on an IP or a host without a registrable domain it must equal the host (and stays host-only).
 */
export function cookieDomain(requestHost: string, domainAttr: string | undefined): CookieDomainResult {
  const host = requestHost.toLowerCase();
  if (domainAttr === undefined || domainAttr === '') return { ok: true, domain: host, hostOnly: true };
  let d = domainAttr.toLowerCase();
  if (d.startsWith('.')) d = d.slice(1);
  // Non-ASCII, ports, empty labels and other junk are invalid (Chromium refuses non-ASCII domains).
  if (d === '' || !/^[a-z0-9._\-[\]:]+$/.test(d) || d.includes('..') || d.startsWith('.')) return { ok: false };
  if (isIpHost(host)) return d === host ? { ok: true, domain: host, hostOnly: true } : { ok: false };
  if (d.includes(':') || d.includes('[')) return { ok: false };
  const hostRegistrable = registrableDomain(host);
  if (hostRegistrable === null) return d === host ? { ok: true, domain: host, hostOnly: true } : { ok: false };
  if (host !== d && !host.endsWith(`.${d}`)) return { ok: false };
  // The Domain must not be a public suffix: its own registrable domain must be the host's.
  if (registrableDomain(d) !== hostRegistrable) return { ok: false };
  return { ok: true, domain: d, hostOnly: false };
}

/** RFC 6265 §5.1.3 domain-match for a stored cookie. */
export function domainMatches(cookie: { domain: string; hostOnly: boolean }, host: string): boolean {
  const h = host.toLowerCase();
  if (cookie.hostOnly) return h === cookie.domain;
  return h === cookie.domain || (h.endsWith(`.${cookie.domain}`) && !isIpHost(h));
}

/** RFC 6265 §5.1.4 default-path: the directory of the request path. */
export function defaultPath(requestPath: string): string {
  if (!requestPath.startsWith('/')) return '/';
  const last = requestPath.lastIndexOf('/');
  return last <= 0 ? '/' : requestPath.slice(0, last);
}

/** The Path a Set-Cookie stores under: the attribute when it starts with `/`, else the default-path. */
export function cookiePath(requestPath: string, pathAttr: string | undefined): string {
  return pathAttr !== undefined && pathAttr.startsWith('/') ? pathAttr : defaultPath(requestPath);
}

/** RFC 6265 §5.1.4 path-match. */
export function pathMatches(cookiePathValue: string, requestPath: string): boolean {
  if (requestPath === cookiePathValue) return true;
  if (!requestPath.startsWith(cookiePathValue)) return false;
  return cookiePathValue.endsWith('/') || requestPath.charAt(cookiePathValue.length) === '/';
}

/** How DevTools shows a cookie's domain: a leading dot for a domain cookie. */
export function displayDomain(cookie: { domain: string; hostOnly: boolean }): string {
  return cookie.hostOnly ? cookie.domain : `.${cookie.domain}`;
}
