/**
 * Sites: schemeful same-site with the public suffix list (tldts, private entries included). IP
 * addresses and hosts without a registrable domain (localhost, a bare suffix) are their own site.
 * HTML "same site"; Chromium: net::SchemefulSite.
 */
import { getDomain } from 'tldts';
import { memo, parseUrl } from './origin.ts';

export interface Site {
  scheme: string;
  /** Registrable domain, or the host itself when it has none. */
  host: string;
}

const SITES = new Map<string, Readonly<Site> | null>();

export function siteOf(url: string): Readonly<Site> | null {
  return typeof url === 'string' ? memo(SITES, url, siteOfUncached) : null;
}

function siteOfUncached(url: string): Readonly<Site> | null {
  const u = parseUrl(url);
  if (!u || u.hostname === '') return null;
  const host = u.hostname.toLowerCase();
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');
  let registrable: string | null = null;
  if (!isIp) {
    try {
      registrable = getDomain(host, { allowPrivateDomains: true });
    } catch {
      registrable = null;
    }
  }
  // ws/wss share a site with http/https (HTML "same site" maps them).
  const scheme = u.protocol === 'wss:' ? 'https' : u.protocol === 'ws:' ? 'http' : u.protocol.slice(0, -1);
  return Object.freeze({ scheme, host: registrable ?? host });
}

export function isSameSite(a: string, b: string): boolean {
  const sa = siteOf(a);
  const sb = siteOf(b);
  return !!sa && !!sb && sa.scheme === sb.scheme && sa.host === sb.host;
}
