/**
 * webRequest records → flows, incrementally. The panel feeds the records it receives (new or
 * changed, whole snapshots, in any order); each update re-pairs only the preflights and hops that
 * share a tab, URL and method with a changed record, rebuilds only the flows whose record or
 * pairing changed, and returns every flow in the order the page made the requests.
 *
 *   const correlator = new Correlator({ browser: { name: 'chrome' } });
 *   flows = correlator.update(records);      // on every batch from the background
 *   correlator.remove(requestIds, tabId);    // when the store evicts records
 *
 * `flowsFromRecords(records)` is the one-shot form.
 */
import type { BrowserName, Flow } from '../model/flow.ts';
import type { WebRequestRecord } from '../model/webrequest.ts';
import { isPreflightRecord } from './webrequest-record.ts';
import { requestedMethod } from './headers.ts';
import { pairPreflights, type HopFacts, type PreflightFacts } from './pairing.ts';
import { hopFacts, hopKey, preflightFacts } from './webrequest-facts.ts';
import { cacheEntriesOf, findPreflightCacheHit, type CachedPreflight } from './preflight-cache.ts';
import { flowIdOf, flowOfOrphanPreflight, flowOfRecord } from './webrequest-flow.ts';
import { OrderedFlows } from './ordered-flows.ts';

export interface CorrelateOptions {
  /** The browser that recorded the records: message wording and the preflight cache's cap. */
  browser?: { name: BrowserName; version?: string };
  source?: string;
}

type Role = 'main' | 'preflight' | 'undecided' | 'devtools';

interface Entry {
  key: string;
  rec: WebRequestRecord;
  role: Role;
  groups: string[];
}

const keyOf = (rec: Pick<WebRequestRecord, 'tabId' | 'requestId'>) => `${rec.tabId}:${rec.requestId}`;
const groupKey = (tabId: number, url: string, method: string) => `${tabId}\n${method}\n${url}`;

function roleOf(rec: WebRequestRecord, isDocumentUrl: (tabId: number, url: string) => boolean): Role {
  if (isPreflightRecord(rec)) return 'preflight';
  const first = rec.hops[0]!;
  // An OPTIONS whose headers are not known yet may be a preflight; wait for its onSendHeaders.
  if (first.method === 'OPTIONS' && !first.requestHeaders && rec.state === 'pending') return 'undecided';
  // DevTools re-reads the inspected document from the cache only (it shows as type "other" and
  // fails with ERR_CACHE_MISS when the page was not cacheable); a page cannot make such a request.
  if (rec.type === 'other' && rec.error === 'net::ERR_CACHE_MISS' && first.method === 'GET' && !first.sent && isDocumentUrl(rec.tabId, first.url)) {
    return 'devtools';
  }
  return 'main';
}

export class Correlator {
  private entries = new Map<string, Entry>();
  private groups = new Map<string, Set<string>>();
  /** hop key → preflight entry key, and back. */
  private preflightOfHop = new Map<string, string>();
  private hopOfPreflight = new Map<string, string>();
  private built = new OrderedFlows();
  /** URL → keys of the flows with a hop there, for preflight-cache lookups. */
  private flowsAtUrl = new Map<string, Set<string>>();
  private cache = new Map<string, CachedPreflight[]>();
  private documents = new Map<number, WebRequestRecord[]>();

  constructor(private readonly opts: CorrelateOptions = {}) {}

  /** Folds in new or changed records and returns every flow, in the order the page made them. */
  update(records: Iterable<WebRequestRecord>): Flow[] {
    const dirtyGroups = new Set<string>();
    const dirtyKeys = new Set<string>();
    const batch = [...records];
    // Documents first: whether a record is DevTools' own re-read depends on them.
    for (const rec of batch) if (rec.type === 'main_frame' || rec.type === 'sub_frame') this.noteDocument(rec);
    for (const rec of batch) {
      const key = keyOf(rec);
      const prev = this.entries.get(key);
      if (prev && prev.rec.revision === rec.revision && prev.rec === rec) continue;
      if (prev) this.unindex(prev, dirtyGroups);
      const entry: Entry = { key, rec, role: roleOf(rec, (t, u) => this.isDocumentUrl(t, u)), groups: [] };
      this.index(entry, dirtyGroups);
      dirtyKeys.add(key);
    }
    this.repair(dirtyGroups, dirtyKeys);
    this.rebuild(dirtyKeys);
    return this.flows();
  }

  /** Forgets records (evicted or cleared from the store). */
  remove(requestIds: Iterable<string>, tabId: number): Flow[] {
    const dirtyGroups = new Set<string>();
    const dirtyKeys = new Set<string>();
    for (const id of requestIds) {
      const entry = this.entries.get(keyOf({ tabId, requestId: id }));
      if (!entry) continue;
      this.unindex(entry, dirtyGroups);
      this.entries.delete(entry.key);
      dirtyKeys.add(entry.key);
    }
    this.repair(dirtyGroups, dirtyKeys);
    this.rebuild(dirtyKeys);
    return this.flows();
  }

  clear(): void {
    for (const field of [this.entries, this.groups, this.preflightOfHop, this.hopOfPreflight, this.built, this.flowsAtUrl, this.cache, this.documents]) {
      field.clear();
    }
  }

  /** Every flow, in the order the page made the requests (a new array each call). */
  flows(): Flow[] {
    return this.built.toArray();
  }

  private noteDocument(rec: WebRequestRecord): void {
    const list = this.documents.get(rec.tabId) ?? [];
    if (!list.some((d) => d.requestId === rec.requestId)) list.push(rec);
    else list.splice(list.findIndex((d) => d.requestId === rec.requestId), 1, rec);
    this.documents.set(rec.tabId, list);
  }

  private isDocumentUrl(tabId: number, url: string): boolean {
    return (this.documents.get(tabId) ?? []).some((d) => d.hops.some((h) => h.url === url));
  }

  /** The tab's top-level document at `at`: the last main_frame record that started before. */
  private topLevelUrl(tabId: number, at: number): string | undefined {
    let best: WebRequestRecord | undefined;
    for (const d of this.documents.get(tabId) ?? []) {
      if (d.type === 'main_frame' && d.startedAt <= at && (!best || d.startedAt > best.startedAt)) best = d;
    }
    return best?.hops.at(-1)?.url;
  }

  private index(entry: Entry, dirtyGroups: Set<string>): void {
    this.entries.set(entry.key, entry);
    const { rec } = entry;
    if (entry.role === 'preflight') {
      entry.groups = [groupKey(rec.tabId, rec.hops[0]!.url, requestedMethod(rec.hops[0]!.requestHeaders) ?? '')];
    } else if (entry.role === 'main') {
      entry.groups = [...new Set(rec.hops.map((h) => groupKey(rec.tabId, h.url, h.method)))];
    }
    for (const g of entry.groups) {
      let set = this.groups.get(g);
      if (!set) this.groups.set(g, (set = new Set()));
      set.add(entry.key);
      dirtyGroups.add(g);
    }
  }

  private unindex(entry: Entry, dirtyGroups: Set<string>): void {
    for (const g of entry.groups) {
      const set = this.groups.get(g);
      set?.delete(entry.key);
      if (set && set.size === 0) this.groups.delete(g);
      dirtyGroups.add(g);
    }
  }

  /** Re-pairs the preflights and hops of every dirty group; marks flows whose pairing changed. */
  private repair(dirtyGroups: Set<string>, dirtyKeys: Set<string>): void {
    for (const g of dirtyGroups) {
      const preflights: PreflightFacts[] = [];
      const hops: HopFacts[] = [];
      for (const key of this.groups.get(g) ?? []) {
        const entry = this.entries.get(key)!;
        if (entry.role === 'preflight') preflights.push(preflightFacts(entry));
        else if (entry.role === 'main') hops.push(...hopFacts(entry, this.opts).filter((h) => g === groupKey(entry.rec.tabId, h.url, h.method)));
      }
      const pairs = pairPreflights(preflights, hops);
      // Forget the old pairs of this group, then record the new ones; both ends become dirty.
      for (const p of preflights) this.unpair(p.key, dirtyKeys);
      for (const h of hops) {
        const old = this.preflightOfHop.get(h.key);
        if (old !== undefined) this.unpair(old, dirtyKeys);
      }
      for (const [p, h] of pairs) {
        this.preflightOfHop.set(h, p);
        this.hopOfPreflight.set(p, h);
        dirtyKeys.add(p);
        dirtyKeys.add(h.slice(0, h.lastIndexOf('#')));
      }
    }
    // Keys of preflights that disappeared still name their old main.
    for (const key of [...dirtyKeys]) {
      if (this.entries.has(key)) continue;
      const h = this.hopOfPreflight.get(key);
      if (h !== undefined) this.unpair(key, dirtyKeys);
    }
  }

  private unpair(preflightKey: string, dirtyKeys: Set<string>): void {
    const h = this.hopOfPreflight.get(preflightKey);
    if (h === undefined) return;
    this.hopOfPreflight.delete(preflightKey);
    if (this.preflightOfHop.get(h) === preflightKey) this.preflightOfHop.delete(h);
    dirtyKeys.add(preflightKey);
    dirtyKeys.add(h.slice(0, h.lastIndexOf('#')));
  }

  private rebuild(dirtyKeys: Set<string>): void {
    if (dirtyKeys.size === 0) return;
    const ctx = { browser: this.opts.browser, source: this.opts.source };
    const touchedUrls = new Set<string>();
    for (const key of dirtyKeys) {
      const old = this.built.get(key);
      if (old) {
        this.dropCacheEntries(old);
        for (const h of old.hops) {
          touchedUrls.add(h.request.url);
          this.flowsAtUrl.get(h.request.url)?.delete(key);
        }
        this.built.delete(key);
      }
      const entry = this.entries.get(key);
      if (!entry) continue;
      let flow: Flow | undefined;
      if (entry.role === 'main') {
        const preflights = entry.rec.hops.map((_, i) => {
          const p = this.preflightOfHop.get(hopKey(key, i));
          return p === undefined ? undefined : this.entries.get(p)?.rec;
        });
        flow = flowOfRecord(entry.rec, preflights, { ...ctx, topLevelUrl: this.topLevelUrl(entry.rec.tabId, entry.rec.startedAt) });
      } else if ((entry.role === 'preflight' && !this.hopOfPreflight.has(key)) || (entry.role === 'undecided' && entry.rec.state !== 'pending')) {
        flow = flowOfOrphanPreflight(entry.rec, ctx);
      }
      if (!flow) continue;
      this.built.set(key, flow);
      for (const e of cacheEntriesOf(flow)) this.cacheList(e.url).push(e);
      for (const h of flow.hops) {
        touchedUrls.add(h.request.url);
        let keys = this.flowsAtUrl.get(h.request.url);
        if (!keys) this.flowsAtUrl.set(h.request.url, (keys = new Set()));
        keys.add(key);
      }
    }
    this.refreshCacheHits(touchedUrls);
  }

  private cacheList(url: string): CachedPreflight[] {
    let list = this.cache.get(url);
    if (!list) this.cache.set(url, (list = []));
    return list;
  }

  private dropCacheEntries(flow: Flow): void {
    for (const h of flow.hops) {
      const list = this.cache.get(h.request.url);
      if (!list?.some((e) => e.flowId === flow.id)) continue;
      const rest = list.filter((e) => e.flowId !== flow.id);
      if (rest.length) this.cache.set(h.request.url, rest);
      else this.cache.delete(h.request.url);
    }
  }

  /** Recomputes preflightCacheHit for every flow with a hop at one of `urls`. */
  private refreshCacheHits(urls: Set<string>): void {
    if (urls.size === 0) return;
    const browser = this.opts.browser?.name ?? 'chrome';
    const keys = new Set<string>();
    for (const url of urls) for (const key of this.flowsAtUrl.get(url) ?? []) keys.add(key);
    for (const key of keys) {
      const flow = this.built.get(key);
      if (!flow) continue;
      const hit = findPreflightCacheHit(flow, (u) => this.cache.get(u) ?? [], browser);
      if (hit?.flowId === flow.preflightCacheHit?.flowId && hit?.maxAgeSeconds === flow.preflightCacheHit?.maxAgeSeconds) continue;
      const next = { ...flow };
      if (hit) next.preflightCacheHit = hit;
      else delete next.preflightCacheHit;
      this.built.set(key, next);
    }
  }
}

/** One-shot correlation of a set of records. */
export function flowsFromRecords(records: Iterable<WebRequestRecord>, opts: CorrelateOptions = {}): Flow[] {
  return new Correlator(opts).update(records);
}

export { flowIdOf };
