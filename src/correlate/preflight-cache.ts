/**
 * The preflight cache, replayed: a hop that needed a preflight but shows none was served from the
 * cache when an earlier preflight for the same origin, URL and credentials mode passed and is
 * still fresh. Fetch "CORS-preflight cache" (keyed by origin, URL, credentials, then one entry per
 * allowed method and header name); Chromium: services/network/cors/preflight_cache.cc and
 * preflight_result.cc (default 5 s, cap 2 h); Firefox: nsCORSListenerProxy.cpp (cap 24 h).
 */
import { checkPreflightResponse, preflightNeed } from '../fetch/preflight.ts';
import { isSameOrigin } from '../fetch/origin.ts';
import { normalizedHeader } from '../fetch/http.ts';
import { REQUEST_BODY_HEADERS } from '../fetch/request-headers.ts';
import type { BrowserName, Flow } from '../model/flow.ts';
import type { Header } from '../model/header.ts';
import { originPerHop } from './headers.ts';

const DEFAULT_MAX_AGE_S = 5;
const CAP_S: Record<BrowserName, number> = { chrome: 7200, firefox: 86400 };

/** A preflight that passed, as the cache holds it. */
export interface CachedPreflight {
  flowId: string;
  origin: string;
  url: string;
  include: boolean;
  status: number;
  headers: readonly Header[];
  /** When it was stored (the preflight's response time, or its start when that is all we know). */
  storedAt: number;
  /** Access-Control-Max-Age as sent; null when absent or unparsable. */
  maxAgeGiven: number | null;
}

/** Every preflight of `flow` whose response would have been cached. */
export function cacheEntriesOf(flow: Flow): CachedPreflight[] {
  const out: CachedPreflight[] = [];
  const origins = originPerHop(flow.request.origin, flow.hops.map((h) => h.request.url));
  flow.hops.forEach((hop, i) => {
    const p = hop.preflight;
    if (!p?.response || p.error) return;
    // Stored when its response arrived; the start is what captures record, a few ms earlier.
    const storedAt = p.startedAt ?? hop.startedAt ?? flow.startedAt;
    if (storedAt === undefined) return;
    const raw = normalizedHeader(p.response.headers, 'Access-Control-Max-Age');
    out.push({
      flowId: flow.id,
      origin: origins[i]!,
      url: p.request.url,
      include: flow.request.credentials === 'include',
      status: p.response.status,
      headers: p.response.headers,
      storedAt,
      maxAgeGiven: raw !== null && /^\d+$/.test(raw) ? Number(raw) : null,
    });
  });
  return out;
}

function freshFor(entry: CachedPreflight, browser: BrowserName): number {
  const seconds = entry.maxAgeGiven ?? DEFAULT_MAX_AGE_S;
  return Math.min(seconds, CAP_S[browser]) * 1000;
}

/**
 * The cached preflight that served `flow`, if any: the first hop that needed a preflight and has
 * none is checked against the entries (latest first) that were fresh when the hop started.
 * `entriesForUrl` returns the cache entries stored for a URL, from flows other than this one.
 */
export function findPreflightCacheHit(
  flow: Flow,
  entriesForUrl: (url: string) => readonly CachedPreflight[],
  browser: BrowserName,
): Flow['preflightCacheHit'] {
  const req = flow.request;
  if (req.mode !== 'cors') return undefined;
  const origins = originPerHop(req.origin, flow.hops.map((h) => h.request.url));
  for (let i = 0; i < flow.hops.length; i++) {
    const hop = flow.hops[i]!;
    if (hop.preflight) continue;
    const origin = origins[i]!;
    if (origin !== 'null' && isSameOrigin(origin, hop.request.url)) continue;
    // A redirect that turned the method into GET dropped the body headers (Fetch §4.4 step 12).
    const headers =
      hop.request.method === req.method
        ? req.headers
        : req.headers.filter((h) => !REQUEST_BODY_HEADERS.includes(h.name.toLowerCase()));
    if (!preflightNeed(hop.request.method, headers).needed) continue;
    const startedAt = hop.startedAt ?? (i === 0 ? flow.startedAt : undefined);
    if (startedAt === undefined) return undefined;
    const include = req.credentials === 'include';
    const candidates = entriesForUrl(hop.request.url)
      .filter((e) => e.flowId !== flow.id && e.origin === origin && e.include === include && e.storedAt <= startedAt)
      .sort((a, b) => b.storedAt - a.storedAt);
    for (const e of candidates) {
      if (startedAt - e.storedAt > freshFor(e, browser)) continue;
      const outcome = checkPreflightResponse({
        url: e.url,
        status: e.status,
        headers: e.headers,
        method: hop.request.method,
        requestHeaders: headers,
        credentials: req.credentials,
        origin,
      });
      if (!outcome.failure) return { flowId: e.flowId, maxAgeSeconds: e.maxAgeGiven };
    }
    return undefined; // the first hop that needed a preflight decides
  }
  return undefined;
}
