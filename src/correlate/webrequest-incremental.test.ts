/**
 * The incremental Correlator against one pass over the same records, on workloads where many
 * records share one URL and method (a polled endpoint, concurrent identical requests, cached
 * preflights), with documents that arrive late, records evicted and records in any order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pollingEvents } from '../../test/bench/generate.ts';
import { readJson, type WebRequestFixture } from '../../test/fixtures/load.ts';
import type { Flow } from '../model/flow.ts';
import type { WebRequestEvent, WebRequestRecord } from '../model/webrequest.ts';
import { applyWebRequestEvent } from './webrequest-record.ts';
import { Correlator, flowsFromRecords, type CorrelateOptions } from './webrequest.ts';

const chrome: CorrelateOptions = { browser: { name: 'chrome', version: '156' } };
const firefox: CorrelateOptions = { browser: { name: 'firefox', version: '153' } };
const PAGE = 'https://app.site-a.test';

/** Every revision of every record, in the order the events made them. */
function revisionsOf(events: readonly WebRequestEvent[]): WebRequestRecord[][] {
  const byKey = new Map<string, WebRequestRecord[]>();
  for (const ev of events) {
    const key = `${ev.tabId}:${ev.requestId}`;
    const list = byKey.get(key) ?? [];
    list.push(applyWebRequestEvent(list.at(-1), ev));
    byKey.set(key, list);
  }
  return [...byKey.values()];
}

/** The page navigates twice while it polls (the second time through a redirect); DevTools re-reads the last document. */
function documentEvents(start: number, middle: number): WebRequestEvent[] {
  const doc = (requestId: string, url: string, t: number) => ({ requestId, tabId: 1, frameId: 0, type: 'main_frame', url, method: 'GET' });
  return [
    { ...doc('1', `${PAGE}/`, start), event: 'beforeRequest', timeStamp: start - 20 },
    { ...doc('1', `${PAGE}/`, start), event: 'sendHeaders', timeStamp: start - 19, requestHeaders: [] },
    { ...doc('1', `${PAGE}/`, start), event: 'completed', timeStamp: start - 10, statusCode: 200, ip: '203.0.113.7' },
    { ...doc('2', `${PAGE}/old`, middle), event: 'beforeRequest', timeStamp: middle },
    { ...doc('2', `${PAGE}/old`, middle), event: 'beforeRedirect', timeStamp: middle + 1, statusCode: 301, redirectUrl: `${PAGE}/new` },
    { ...doc('2', `${PAGE}/new`, middle), event: 'beforeRequest', timeStamp: middle + 1 },
    { ...doc('2', `${PAGE}/new`, middle), event: 'completed', timeStamp: middle + 3, statusCode: 200 },
    { requestId: '3', tabId: 1, type: 'other', url: `${PAGE}/new`, method: 'GET', event: 'beforeRequest', timeStamp: middle + 40 },
    { requestId: '3', tabId: 1, type: 'other', url: `${PAGE}/new`, method: 'GET', event: 'errorOccurred', timeStamp: middle + 41, error: 'net::ERR_CACHE_MISS' },
  ] as WebRequestEvent[];
}

function pollingWorkload(records: number, seed: number): WebRequestEvent[] {
  const polled = pollingEvents(records, seed, { maxAges: [0, 0, 1] });
  const other = pollingEvents(Math.ceil(records / 4), seed + 1, { tabId: 2 });
  const start = polled[0]!.timeStamp;
  return [...documentEvents(start, polled[Math.floor(polled.length / 2)]!.timeStamp), ...polled, ...other];
}

const fixture = (name: string) => readJson<WebRequestFixture>(`webrequest/${name}.json`).events;
const WORKLOADS: [string, WebRequestEvent[], CorrelateOptions][] = [
  ['Chromium recording (cached and concurrent preflights, redirects)', fixture('chromium-http'), chrome],
  ['Firefox recording', fixture('firefox-http'), firefox],
  ['one URL polled on two tabs, cached preflights, navigations', pollingWorkload(160, 7), chrome],
];

/** A small seeded generator, so that a failing case can be replayed from fast-check's seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Delivers the revisions in a random order (each record's own revisions in order, some skipped, as
 * the background coalesces them), in random batches, evicting a record now and then; after each
 * batch, checks the incremental flows against one pass over the records held.
 */
function deliver(revisions: WebRequestRecord[][], opts: CorrelateOptions, seed: number, sizes: number[], evict: boolean): void {
  const rand = random(seed);
  const next = revisions.map(() => 0);
  const held = new Map<string, WebRequestRecord>();
  const correlator = new Correlator(opts);
  let b = 0;
  while (next.some((n, i) => n < revisions[i]!.length)) {
    const batch = new Map<string, WebRequestRecord>();
    const removed: WebRequestRecord[] = [];
    for (let s = Math.max(1, sizes[b++ % sizes.length]!); s > 0; s--) {
      const open = next.flatMap((n, i) => (n < revisions[i]!.length ? [i] : []));
      if (open.length === 0) break;
      const i = open[Math.floor(rand() * open.length)]!;
      next[i] = Math.min(revisions[i]!.length, next[i]! + 1 + Math.floor(rand() * 3));
      const rec = revisions[i]![next[i]! - 1]!;
      batch.set(`${rec.tabId}:${rec.requestId}`, rec);
    }
    if (evict && held.size > 0 && rand() < 0.15) {
      const victims = [...held.values()].filter(() => rand() < 0.1);
      for (const v of victims) {
        const key = `${v.tabId}:${v.requestId}`;
        if (batch.has(key)) continue;
        held.delete(key);
        removed.push(v);
      }
    }
    for (const [key, rec] of batch) held.set(key, rec);
    let flows: Flow[] = correlator.update([...batch.values()].reverse());
    for (const v of removed) flows = correlator.remove([v.requestId], v.tabId);
    const shuffled = [...held.values()].sort(() => rand() - 0.5);
    expect(flows).toEqual(flowsFromRecords(shuffled, opts));
  }
}

describe('Correlator (incremental) on repeated URLs, any batching and order', () => {
  for (const [name, events, opts] of WORKLOADS) {
    const revisions = revisionsOf(events);
    it(`equals one pass over the records held, after every batch (${name})`, () => {
      fc.assert(
        fc.property(fc.integer(), fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }), (seed, sizes) => {
          deliver(revisions, opts, seed, sizes, false);
        }),
        { numRuns: 6 },
      );
    }, 60_000);
    it(`equals one pass over the records held when records are evicted on the way (${name})`, () => {
      fc.assert(
        fc.property(fc.integer(), fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }), (seed, sizes) => {
          deliver(revisions, opts, seed, sizes, true);
        }),
        { numRuns: 4 },
      );
    }, 60_000);
  }

  it('pairs every preflight of a polled URL with the request that waited for it, with several in flight', () => {
    const events = pollingEvents(2000, 11);
    const records = revisionsOf(events).map((r) => r.at(-1)!);
    const flows = flowsFromRecords(records, chrome);
    const preflighted = flows.filter((f) => f.hops[0]!.preflight);
    // The generator numbers each preflight right after its request.
    const idOfPreflight = new Map(records.filter((r) => r.hops[0]!.method === 'OPTIONS').map((r) => [r.startedAt, Number(r.requestId)]));
    expect(preflighted.length).toBe(records.filter((r) => r.hops[0]!.method === 'OPTIONS').length);
    for (const f of preflighted) expect(idOfPreflight.get(f.hops[0]!.preflight!.startedAt!)).toBe(Number(f.id.split(':')[2]) + 1);
    // Several requests were in flight at once: pairing had a choice to make.
    const spans = records.filter((r) => r.hops[0]!.method === 'PUT').map((r) => [r.startedAt, r.endedAt!] as const);
    const overlapping = spans.filter(([s], i) => i > 0 && s < spans[i - 1]![1]).length;
    expect(overlapping).toBeGreaterThan(spans.length / 2);
  });

  it('leaves the flows a batch does not touch as they were (the same objects), however long the history', () => {
    const events = pollingEvents(3000, 5);
    const correlator = new Correlator(chrome);
    const records = new Map<string, WebRequestRecord>();
    let before: Flow[] = [];
    for (let i = 0; i < events.length; i += 100) {
      const changed = new Map<string, WebRequestRecord>();
      for (const ev of events.slice(i, i + 100)) {
        const rec = applyWebRequestEvent(records.get(ev.requestId), ev);
        records.set(ev.requestId, rec);
        changed.set(ev.requestId, rec);
      }
      const after = correlator.update(changed.values());
      const kept = new Set(before);
      const touched = after.filter((f) => !kept.has(f)).length;
      // At most the flows of the records in the batch (a request and its preflight make one).
      expect(touched).toBeLessThanOrEqual(changed.size);
      before = after;
    }
  });

  it("gives requests their document's top-level URL, and drops DevTools' re-read, when the documents come last", () => {
    const events = pollingWorkload(40, 3);
    const revisions = revisionsOf(events);
    const isDoc = (r: WebRequestRecord) => r.type === 'main_frame' || r.type === 'other';
    const correlator = new Correlator(chrome);
    correlator.update(revisions.filter((r) => !isDoc(r[0]!)).map((r) => r.at(-1)!));
    const flows = correlator.update(revisions.filter((r) => isDoc(r[0]!)).map((r) => r.at(-1)!));
    expect(flows).toEqual(flowsFromRecords(revisions.map((r) => r.at(-1)!), chrome));
    expect(flows.some((f) => f.request.topLevelUrl === `${PAGE}/new`)).toBe(true);
    expect(flows.some((f) => f.request.topLevelUrl === `${PAGE}/`)).toBe(true);
    // /new is the navigation's second hop; DevTools' re-read of it makes no flow.
    expect(flows.filter((f) => f.hops.some((h) => h.request.url === `${PAGE}/new`)).map((f) => f.request.mode)).toEqual(['navigate']);
  });
});
