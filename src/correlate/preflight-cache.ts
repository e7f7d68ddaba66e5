/**
 * The preflight cache, replayed: a hop that needed a preflight but shows none was served from the
 * cache when an earlier preflight for the same origin, URL and credentials mode passed and is
 * still fresh. Fetch "CORS-preflight cache" (keyed by origin, URL, credentials, then one entry per
 * allowed method and header name); Chromium: services/network/cors/preflight_cache.cc and
 * preflight_result.cc (default 5 s, cap 2 h); Firefox: nsCORSListenerProxy.cpp (cap 24 h).
 */
import { checkPreflightResponse, preflightNeed } from '../fetch/preflight.ts';
import { isSameOrigin } from '../fetch/origin.ts';
import { isSameSite } from '../fetch/site.ts';
import { normalizedHeader } from '../fetch/http.ts';
import { REQUEST_BODY_HEADERS } from '../fetch/request-headers.ts';
import type { BrowserName, Flow } from '../model/flow.ts';
import type { Header } from '../model/header.ts';
import { originPerHop } from './headers.ts';
import { compareFlows } from './ordered-flows.ts';

const DEFAULT_MAX_AGE_S = 5;
const CAP_S: Record<BrowserName, number> = { chrome: 7200, firefox: 86400 };

/** A preflight that passed, as the cache holds it. */
export interface CachedPreflight {
  flowId: string;
  /** The flow's start and the hop: entries stored at the same time are taken in flow order. */
  flowStartedAt?: number;
  hop: number;
  origin: string;
  url: string;
  include: boolean;
  /** The page's top-level URL, when known: Chromium partitions the cache by its site. */
  topLevelUrl?: string;
  status: number;
  headers: readonly Header[];
  /** When it was stored (the preflight's response time, or its start when that is all we know). */
  storedAt: number;
  /** Access-Control-Max-Age as sent; null when absent or unparsable. */
  maxAgeGiven: number | null;
  /** The header's value (trimmed), null when absent: each browser parses it its own way (freshFor). */
  maxAgeRaw: string | null;
}

/** Every preflight of `flow` whose response would have been cached. */
export function cacheEntriesOf(flow: Flow): CachedPreflight[] {
  const out: CachedPreflight[] = [];
  const origins = originPerHop(flow.request.origin, flow.hops.map((h) => h.request.url));
  flow.hops.forEach((hop, i) => {
    const p = hop.preflight;
    // Only a preflight that passed is stored; the request it guarded went out only then.
    if (!p?.response || p.error || !hop.response) return;
    // Stored when its response arrived; the start is what captures record, a few ms earlier.
    const storedAt = p.startedAt ?? hop.startedAt ?? flow.startedAt;
    if (storedAt === undefined) return;
    const raw = normalizedHeader(p.response.headers, 'Access-Control-Max-Age');
    const entry: CachedPreflight = {
      flowId: flow.id,
      hop: i,
      origin: origins[i]!,
      url: p.request.url,
      include: flow.request.credentials === 'include',
      status: p.response.status,
      headers: p.response.headers,
      storedAt,
      maxAgeGiven: raw !== null && /^\d+$/.test(raw) ? Number(raw) : null,
      maxAgeRaw: raw,
    };
    if (flow.startedAt !== undefined) entry.flowStartedAt = flow.startedAt;
    if (flow.request.topLevelUrl !== undefined) entry.topLevelUrl = flow.request.topLevelUrl;
    out.push(entry);
  });
  return out;
}

/**
 * How long an entry stays fresh, in ms: its Access-Control-Max-Age (default 5 s) under the browser's
 * cap; 0 when the browser does not cache it. A value that is not digits: Chromium caches a negative
 * one for 0 s and anything else for the default (preflight_result.cc ParseAccessControlMaxAge);
 * Firefox caches none of them (nsCORSListenerProxy.cpp AddResultToCache).
 */
export function freshFor(entry: Pick<CachedPreflight, 'maxAgeGiven' | 'maxAgeRaw'>, browser: BrowserName): number {
  let seconds = entry.maxAgeGiven;
  if (seconds === null && entry.maxAgeRaw !== null) {
    if (browser === 'firefox') return 0;
    if (/^-\d+$/.test(entry.maxAgeRaw)) return 0;
  }
  seconds ??= DEFAULT_MAX_AGE_S;
  return Math.min(seconds, CAP_S[browser]) * 1000;
}

/** The hop of a flow that the preflight cache must have served: it needed a preflight and shows none. */
export interface CacheLookup {
  hop: number;
  url: string;
  /** When the hop started: the entries fresh then are the candidates. */
  at: number;
  origin: string;
  method: string;
  headers: readonly Header[];
}

/**
 * The first hop that needed a preflight and has none (it alone decides), or undefined when there
 * is none or its start time is unknown.
 */
export function cacheLookupOf(flow: Flow): CacheLookup | undefined {
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
    const at = hop.startedAt ?? (i === 0 ? flow.startedAt : undefined);
    if (at === undefined) return undefined;
    return { hop: i, url: hop.request.url, at, origin, method: hop.request.method, headers };
  }
  return undefined;
}

/** Entries in the order they are tried, reversed: stored later first; at the same time, flow order. */
function compareEntries(a: CachedPreflight, b: CachedPreflight): number {
  return (
    a.storedAt - b.storedAt ||
    -compareFlows({ startedAt: a.flowStartedAt, id: a.flowId }, { startedAt: b.flowStartedAt, id: b.flowId }) ||
    b.hop - a.hop
  );
}

/**
 * The cache's entries by URL, each list sorted (compareEntries), so that the entries fresh at a
 * given time are found without looking at the others.
 */
export class PreflightCache {
  private byUrl = new Map<string, { list: CachedPreflight[]; freshness: Map<number, number> }>();

  constructor(readonly browser: BrowserName) {}

  add(e: CachedPreflight): void {
    let at = this.byUrl.get(e.url);
    if (!at) this.byUrl.set(e.url, (at = { list: [], freshness: new Map() }));
    at.list.splice(this.insertionPoint(at.list, e), 0, e);
    const f = freshFor(e, this.browser);
    at.freshness.set(f, (at.freshness.get(f) ?? 0) + 1);
  }

  delete(e: CachedPreflight): void {
    const at = this.byUrl.get(e.url);
    if (!at) return;
    let i = this.insertionPoint(at.list, e);
    if (at.list[i] !== e) i = at.list.indexOf(e);
    if (i < 0) return;
    at.list.splice(i, 1);
    const f = freshFor(e, this.browser);
    const n = at.freshness.get(f)! - 1;
    if (n > 0) at.freshness.set(f, n);
    else at.freshness.delete(f);
    if (at.list.length === 0) this.byUrl.delete(e.url);
  }

  /** How long the freshest entry at `url` stays fresh, in ms: how far a change there reaches. */
  reachAt(url: string): number {
    const at = this.byUrl.get(url);
    return at ? Math.max(...at.freshness.keys()) : 0;
  }

  /** The entries at `url` stored no later than `t` and still fresh then, latest first. */
  *freshAt(url: string, t: number): Iterable<CachedPreflight> {
    for (const e of this.storedBy(url, t)) {
      const fresh = freshFor(e, this.browser);
      // 0: never cached (Max-Age 0 or negative; Chromium: expired when expiry <= now).
      if (fresh > 0 && t - e.storedAt <= fresh) yield e;
    }
  }

  /** The entries at `url` stored no later than `t` that may still be fresh, latest first. */
  *storedBy(url: string, t: number): Iterable<CachedPreflight> {
    const at = this.byUrl.get(url);
    if (!at) return;
    const longest = Math.max(...at.freshness.keys());
    // The last entry stored no later than t.
    let lo = 0;
    let hi = at.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at.list[mid]!.storedAt <= t) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const e = at.list[i]!;
      if (t - e.storedAt > longest) return;
      yield e;
    }
  }

  private insertionPoint(list: CachedPreflight[], e: CachedPreflight): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(list[mid]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Fetch and Chromium: an entry stored with credentials also serves requests without, not the other
 * way round (preflight_result.cc EnsureAllowedRequest); Firefox keys its cache by the credentials
 * flag (nsPreflightCache::GetCacheKey).
 */
function servesCredentials(e: CachedPreflight, include: boolean, browser: BrowserName): boolean {
  return browser === 'firefox' ? e.include === include : e.include || !include;
}

/**
 * Chromium keys the cache by the network isolation key, whose top-frame site is the page's
 * (preflight_cache.cc AppendEntry): another tab on the same site shares it, a page of another site
 * does not. Unknown on either side: not ruled out.
 */
function samePartition(e: CachedPreflight, topLevelUrl: string | undefined, browser: BrowserName): boolean {
  if (browser !== 'chrome' || e.topLevelUrl === undefined || topLevelUrl === undefined) return true;
  return isSameSite(e.topLevelUrl, topLevelUrl);
}

/**
 * The cached preflight that served `flow`, if any: the hop of cacheLookupOf is checked against the
 * entries (latest first) that were fresh when it started, from flows other than this one.
 */
export function findPreflightCacheHit(flow: Flow, cache: PreflightCache): Flow['preflightCacheHit'] {
  const lookup = cacheLookupOf(flow);
  if (!lookup) return undefined;
  const req = flow.request;
  const include = req.credentials === 'include';
  // Chromium keeps one entry per origin, URL and partition: a later preflight there replaces an
  // earlier one (preflight_cache.cc AppendEntry), so the latest alone can serve. Firefox merges
  // what each preflight allowed (nsPreflightCache::CacheEntry), so any fresh entry can.
  const latestOnly = cache.browser === 'chrome';
  const entries = latestOnly ? cache.storedBy(lookup.url, lookup.at) : cache.freshAt(lookup.url, lookup.at);
  for (const e of entries) {
    if (e.flowId === flow.id || e.origin !== lookup.origin || !samePartition(e, req.topLevelUrl, cache.browser)) continue;
    const fresh = freshFor(e, cache.browser);
    if (!servesCredentials(e, include, cache.browser) || fresh === 0 || lookup.at - e.storedAt > fresh) {
      if (latestOnly) return undefined;
      continue;
    }
    const outcome = checkPreflightResponse({
      url: e.url,
      status: e.status,
      headers: e.headers,
      method: lookup.method,
      requestHeaders: lookup.headers,
      // A `*` in the entry is a wildcard only if it was stored without credentials.
      credentials: e.include ? 'include' : req.credentials,
      origin: lookup.origin,
    });
    if (!outcome.failure) return { flowId: e.flowId, maxAgeSeconds: e.maxAgeGiven };
    if (latestOnly) return undefined;
  }
  return undefined;
}
