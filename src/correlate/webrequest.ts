/**
 * webRequest records → flows, incrementally. The panel feeds the records it receives (new or
 * changed, whole snapshots, in any order) and gets every flow back in the order the page made the
 * requests — the same flows as one pass over the final records (webrequest-incremental.test.ts
 * checks it after every batch, in any order, with evictions). An update costs what it changed: each
 * group of preflights and hops that share a tab, URL and method keeps its pairing
 * (./group-pairing.ts) and redoes only what a change can affect; a flow is rebuilt only when its
 * record, its pairing, its tab's documents or its DevTools hint changed; a preflight-cache hit is
 * looked up again only for the flows an added or removed cache entry could have served
 * (./built-flows.ts).
 *
 *   const correlator = new Correlator({ browser: { name: 'chrome' } });
 *   flows = correlator.update(records);      // on every batch from the background
 *   correlator.remove(requestIds, tabId);    // when the store evicts records
 *   flows = correlator.hint(entries);        // what DevTools' network panel reported
 *
 * `flowsFromRecords(records)` is the one-shot form.
 */
import type { BrowserName, Flow } from '../model/flow.ts';
import type { WebRequestRecord } from '../model/webrequest.ts';
import { isPreflightRecord } from './webrequest-record.ts';
import { requestedMethod } from './headers.ts';
import { GroupPairing, type PairChange } from './group-pairing.ts';
import { hopFacts, hopKey, preflightFacts } from './webrequest-facts.ts';
import { BuiltFlows } from './built-flows.ts';
import { TabDocuments } from './webrequest-documents.ts';
import { DevtoolsEntries, hintFor, hintKey, keysOfRecord, type DevtoolsEntry } from './devtools-hints.ts';
import { flowIdOf, flowOfOrphanPreflight, flowOfRecord, type FlowContext } from './webrequest-flow.ts';

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
  /** Where its preflight or hop facts sit: group key and facts key. */
  placed: { group: string; facts: string; preflight: boolean }[];
  /** What its flow read besides its record and pairing: the tab's documents, the DevTools hint. */
  context?: string;
}

const keyOf = (rec: Pick<WebRequestRecord, 'tabId' | 'requestId'>) => `${rec.tabId}:${rec.requestId}`;
const groupKey = (tabId: number, url: string, method: string) => `${tabId}\n${method}\n${url}`;
const mainKeyOf = (hop: string) => hop.slice(0, hop.lastIndexOf('#'));

/**
 * DevTools re-reads the inspected document from the cache only (it shows as type "other" and fails
 * with ERR_CACHE_MISS when the page was not cacheable; Chromium 156 fires onSendHeaders for it
 * first); a page cannot make such a request. Whether a record is one depends on the tab's documents.
 */
function mayBeDevTools(rec: WebRequestRecord): boolean {
  const first = rec.hops[0]!;
  return rec.type === 'other' && rec.error === 'net::ERR_CACHE_MISS' && first.method === 'GET';
}

function roleOf(rec: WebRequestRecord, docs: TabDocuments): Role {
  if (isPreflightRecord(rec)) return 'preflight';
  const first = rec.hops[0]!;
  // An OPTIONS whose headers are not known yet may be a preflight; wait for its onSendHeaders.
  if (first.method === 'OPTIONS' && !first.requestHeaders && rec.state === 'pending') return 'undecided';
  // The tab's document may never have been seen (DevTools opened on a page loaded before the
  // extension listened): a cache-only re-read is then DevTools' as well — pages cannot make one.
  if (mayBeDevTools(rec) && (docs.isDocumentUrl(rec.tabId, first.url) || !docs.hasDocuments(rec.tabId))) return 'devtools';
  return 'main';
}

/** What one update changed, gathered before flows are rebuilt. */
interface Pending {
  dirty: Set<string>;
  groups: Set<string>;
  /** Preflight records that changed: the flow holding each must be rebuilt. */
  preflights: Set<string>;
  /** Tab → earliest start time from which its documents read differently. */
  docs: Map<number, number>;
}

export class Correlator {
  private entries = new Map<string, Entry>();
  private groups = new Map<string, GroupPairing>();
  /** hop key → preflight entry key, and back. */
  private preflightOfHop = new Map<string, string>();
  private hopOfPreflight = new Map<string, string>();
  private built: BuiltFlows;
  private docs = new TabDocuments();
  /** Per tab, the records whose role depends on its documents. */
  private devtoolsCandidates = new Map<number, Set<string>>();
  /** What the DevTools network panel reported, and the main records by method and URL of a hop. */
  private devtools = new DevtoolsEntries();
  private mainAt = new Map<string, Set<string>>();

  constructor(private readonly opts: CorrelateOptions = {}) {
    this.built = new BuiltFlows(opts.browser?.name ?? 'chrome');
  }

  /** Folds in new or changed records and returns every flow, in the order the page made them. */
  update(records: Iterable<WebRequestRecord>): Flow[] {
    const pending: Pending = { dirty: new Set(), groups: new Set(), preflights: new Set(), docs: new Map() };
    const batch = [...records];
    // Documents first: whether a record is DevTools' own re-read depends on them.
    for (const rec of batch) this.noteDocument(rec, false, pending);
    for (const rec of batch) {
      const key = keyOf(rec);
      const prev = this.entries.get(key);
      if (prev && prev.rec === rec) continue;
      if (prev) this.unplace(prev, pending);
      this.place(key, rec, pending);
    }
    this.finish(pending);
    return this.flows();
  }

  /** Forgets records (evicted or cleared from the store). */
  remove(requestIds: Iterable<string>, tabId: number): Flow[] {
    const pending: Pending = { dirty: new Set(), groups: new Set(), preflights: new Set(), docs: new Map() };
    for (const id of requestIds) {
      const entry = this.entries.get(keyOf({ tabId, requestId: id }));
      if (!entry) continue;
      this.noteDocument(entry.rec, true, pending);
      this.unplace(entry, pending);
      this.entries.delete(entry.key);
    }
    this.finish(pending);
    return this.flows();
  }

  /**
   * Takes what the DevTools network panel reported for requests (its HAR entries, see
   * ./devtools-hints.ts); the flows of the records they match are rebuilt with it.
   */
  hint(entries: readonly DevtoolsEntry[]): Flow[] {
    const pending: Pending = { dirty: new Set(), groups: new Set(), preflights: new Set(), docs: new Map() };
    for (const k of this.devtools.add(entries)) {
      for (const key of this.mainAt.get(k) ?? []) {
        const entry = this.entries.get(key)!;
        if (this.contextOf(entry.rec).key !== entry.context) pending.dirty.add(key);
      }
    }
    this.finish(pending);
    return this.flows();
  }

  clear(): void {
    for (const field of [this.entries, this.groups, this.preflightOfHop, this.hopOfPreflight, this.built, this.docs, this.devtoolsCandidates, this.devtools, this.mainAt]) {
      field.clear();
    }
  }

  /** Every flow, in the order the page made the requests (a new array each call). */
  flows(): Flow[] {
    return this.built.toArray();
  }

  private noteDocument(rec: WebRequestRecord, removed: boolean, pending: Pending): void {
    const from = this.docs.note(rec, removed);
    if (from !== undefined) pending.docs.set(rec.tabId, Math.min(from, pending.docs.get(rec.tabId) ?? Infinity));
  }

  private group(key: string): GroupPairing {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = new GroupPairing()));
    return g;
  }

  private place(key: string, rec: WebRequestRecord, pending: Pending): void {
    const entry: Entry = { key, rec, role: roleOf(rec, this.docs), placed: [] };
    this.entries.set(key, entry);
    if (entry.role === 'preflight') {
      const facts = preflightFacts(entry);
      const g = groupKey(rec.tabId, facts.url, requestedMethod(facts.headers) ?? '');
      this.group(g).setPreflight(facts);
      entry.placed.push({ group: g, facts: key, preflight: true });
      pending.groups.add(g);
      pending.preflights.add(key);
    } else if (entry.role === 'main') {
      for (const facts of hopFacts(entry, this.opts)) {
        const g = groupKey(rec.tabId, facts.url, facts.method);
        this.group(g).setHop(facts);
        entry.placed.push({ group: g, facts: facts.key, preflight: false });
        pending.groups.add(g);
      }
      for (const k of keysOfRecord(rec)) {
        let set = this.mainAt.get(k);
        if (!set) this.mainAt.set(k, (set = new Set()));
        set.add(key);
      }
    }
    let candidates = this.devtoolsCandidates.get(rec.tabId);
    if (mayBeDevTools(rec)) {
      if (!candidates) this.devtoolsCandidates.set(rec.tabId, (candidates = new Set()));
      candidates.add(key);
    } else candidates?.delete(key);
    pending.dirty.add(key);
  }

  private unplace(entry: Entry, pending: Pending): void {
    for (const p of entry.placed) {
      const g = this.groups.get(p.group)!;
      if (p.preflight) g.deletePreflight(p.facts);
      else g.deleteHop(p.facts);
      pending.groups.add(p.group);
      if (p.preflight) pending.preflights.add(entry.key);
    }
    this.devtoolsCandidates.get(entry.rec.tabId)?.delete(entry.key);
    if (entry.role === 'main') {
      for (const k of keysOfRecord(entry.rec)) {
        const set = this.mainAt.get(k);
        set?.delete(entry.key);
        if (set?.size === 0) this.mainAt.delete(k);
      }
    }
    pending.dirty.add(entry.key);
  }

  private finish(pending: Pending): void {
    this.rereadDocuments(pending);
    for (const g of pending.groups) {
      const group = this.groups.get(g);
      if (!group) continue;
      this.applyPairs(group.commit(), pending.dirty);
      if (group.size === 0) this.groups.delete(g);
    }
    // A preflight that changed changes the flow it belongs to.
    for (const p of pending.preflights) {
      const h = this.hopOfPreflight.get(p);
      if (h !== undefined) pending.dirty.add(mainKeyOf(h));
    }
    this.rebuild(pending.dirty);
  }

  /** After a tab's documents changed: records whose role or top-level URL now read differently. */
  private rereadDocuments(pending: Pending): void {
    for (const [tabId, from] of pending.docs) {
      for (const key of [...(this.devtoolsCandidates.get(tabId) ?? [])]) {
        const entry = this.entries.get(key)!;
        if (roleOf(entry.rec, this.docs) === entry.role) continue;
        this.unplace(entry, pending);
        this.place(key, entry.rec, pending);
      }
      for (const key of [...this.built.keysFrom(from)]) {
        const entry = this.entries.get(key);
        if (entry?.role !== 'main' || entry.rec.tabId !== tabId) continue;
        if (this.contextOf(entry.rec).key !== entry.context) pending.dirty.add(key);
      }
    }
  }

  private applyPairs(changes: PairChange[], dirty: Set<string>): void {
    for (const { hop, before, after } of changes) {
      if (before !== undefined) {
        if (this.hopOfPreflight.get(before) === hop) this.hopOfPreflight.delete(before);
        dirty.add(before);
      }
      if (after === undefined) this.preflightOfHop.delete(hop);
      else {
        this.preflightOfHop.set(hop, after);
        this.hopOfPreflight.set(after, hop);
        dirty.add(after);
      }
      dirty.add(mainKeyOf(hop));
    }
  }

  /**
   * What a record's flow reads besides the record and its pairing — the tab's documents and the
   * DevTools hint — and a key to tell when that changed.
   */
  private contextOf(rec: WebRequestRecord): { ctx: Pick<FlowContext, 'topLevelUrl' | 'document' | 'hint'>; key: string } {
    const ctx: Pick<FlowContext, 'topLevelUrl' | 'document' | 'hint'> = {};
    const topLevelUrl = this.docs.topLevelUrl(rec.tabId, rec.startedAt);
    if (topLevelUrl !== undefined) ctx.topLevelUrl = topLevelUrl;
    // A document's own load is not made from it.
    const doc = rec.type === 'main_frame' || rec.type === 'sub_frame' ? undefined : this.docs.documentAt(rec.tabId, rec.frameId ?? 0, rec.startedAt);
    if (doc?.ip !== undefined) ctx.document = { url: doc.url, ip: doc.ip };
    const hint = hintFor(rec, this.devtools);
    if (hint) ctx.hint = hint;
    return { ctx, key: `${ctx.topLevelUrl}\n${ctx.document?.url}\n${ctx.document?.ip}\n${hintKey(hint)}` };
  }

  private buildFlow(entry: Entry): Flow | undefined {
    const ctx = { browser: this.opts.browser, source: this.opts.source };
    const { key, rec } = entry;
    if (entry.role === 'main') {
      const preflights = rec.hops.map((_, i) => {
        const p = this.preflightOfHop.get(hopKey(key, i));
        return p === undefined ? undefined : this.entries.get(p)?.rec;
      });
      const context = this.contextOf(rec);
      entry.context = context.key;
      return flowOfRecord(rec, preflights, { ...ctx, ...context.ctx });
    }
    if ((entry.role === 'preflight' && !this.hopOfPreflight.has(key)) || (entry.role === 'undecided' && rec.state !== 'pending')) {
      return flowOfOrphanPreflight(rec, ctx);
    }
    return undefined;
  }

  private rebuild(dirty: Set<string>): void {
    const changes = new Map<string, Flow | undefined>();
    for (const key of dirty) {
      const entry = this.entries.get(key);
      changes.set(key, entry && this.buildFlow(entry));
    }
    this.built.replace(changes);
  }
}

/** One-shot correlation of a set of records (and what DevTools reported about them, if anything). */
export function flowsFromRecords(records: Iterable<WebRequestRecord>, opts: CorrelateOptions = {}, devtools: readonly DevtoolsEntry[] = []): Flow[] {
  const correlator = new Correlator(opts);
  if (devtools.length) correlator.hint(devtools);
  return correlator.update(records);
}

export { flowIdOf };
