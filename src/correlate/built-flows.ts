/**
 * The Correlator's flows, in the order the page made the requests, with their preflight-cache hits
 * kept up to date: replacing some flows looks the hit up again only for them and for the flows a
 * cache entry they added or removed could have served (same URL, a hop started while it was fresh).
 */
import type { BrowserName, Flow } from '../model/flow.ts';
import { LookupIndex } from './lookup-index.ts';
import { OrderedFlows } from './ordered-flows.ts';
import { cacheEntriesOf, cacheLookupOf, findPreflightCacheHit, freshFor, PreflightCache, type CachedPreflight } from './preflight-cache.ts';

export class BuiltFlows {
  private flows = new OrderedFlows();
  private cache: PreflightCache;
  /** The cache entries each flow added. */
  private cached = new Map<string, CachedPreflight[]>();
  /** Flows with a hop the preflight cache must have served, by that hop's URL and start. */
  private lookups = new LookupIndex();

  constructor(private readonly browser: BrowserName) {
    this.cache = new PreflightCache(browser);
  }

  get(key: string): Flow | undefined {
    return this.flows.get(key);
  }

  keysFrom(startedAt: number): Iterable<string> {
    return this.flows.keysFrom(startedAt);
  }

  /** Every flow, in order (a new array). */
  toArray(): Flow[] {
    return this.flows.toArray();
  }

  /** Replaces the flow of each key (undefined: it has none now). */
  replace(changes: ReadonlyMap<string, Flow | undefined>): void {
    if (changes.size === 0) return;
    const recheck = new Set<string>();
    // An entry serves lookups while it is fresh and, in Chromium, ends the older ones' service.
    const affected = (e: CachedPreflight) => {
      const reach = Math.max(freshFor(e, this.browser), this.cache.reachAt(e.url));
      for (const k of this.lookups.between(e.url, e.storedAt - 1, e.storedAt + reach + 1)) recheck.add(k);
    };
    for (const [key, flow] of changes) {
      if (this.flows.get(key)) {
        for (const e of this.cached.get(key) ?? []) (affected(e), this.cache.delete(e));
        this.cached.delete(key);
        this.lookups.delete(key);
        this.flows.delete(key);
      }
      if (!flow) continue;
      this.flows.set(key, flow);
      const entries = cacheEntriesOf(flow);
      for (const e of entries) (this.cache.add(e), affected(e));
      if (entries.length) this.cached.set(key, entries);
      const lookup = cacheLookupOf(flow);
      if (lookup) this.lookups.add(key, lookup.url, lookup.at);
      recheck.add(key);
    }
    for (const key of recheck) {
      const flow = this.flows.get(key);
      if (!flow) continue;
      const hit = findPreflightCacheHit(flow, this.cache);
      if (hit?.flowId === flow.preflightCacheHit?.flowId && hit?.maxAgeSeconds === flow.preflightCacheHit?.maxAgeSeconds) continue;
      const next = { ...flow };
      if (hit) next.preflightCacheHit = hit;
      else delete next.preflightCacheHit;
      this.flows.set(key, next);
    }
  }

  clear(): void {
    this.flows.clear();
    this.cached.clear();
    this.lookups.clear();
    this.cache = new PreflightCache(this.browser);
  }
}
