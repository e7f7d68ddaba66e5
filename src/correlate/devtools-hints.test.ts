/**
 * DevTools network entries make live flows exact: recorded in the same Chromium 156 session as the
 * webRequest fixture (test/fixtures/capture/chromium.ts writes both), the HAR entries name the API
 * of each request, and the flows then give the very console line Chromium printed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson, readText, recordsOf, type TruthFixture, type WebRequestFixture } from '../../test/fixtures/load.ts';
import { analyzeFlows } from '../evaluate/index.ts';
import type { Flow } from '../model/flow.ts';
import type { WebRequestRecord } from '../model/webrequest.ts';
import { devtoolsEntryOf, type DevtoolsEntry } from './devtools-hints.ts';
import { applyWebRequestEvent } from './webrequest-record.ts';
import { Correlator, flowsFromRecords } from './webrequest.ts';

const chrome = { browser: { name: 'chrome' as const, version: '156' } };
const records = recordsOf(readJson<WebRequestFixture>('webrequest/chromium-http.json').events);
const harEntries: unknown[] = JSON.parse(readText('har/chromium-http.har')).log.entries;
const entries = harEntries.map(devtoolsEntryOf).filter((e): e is DevtoolsEntry => e !== null);
const truth = readJson<TruthFixture>('truth/chromium-http.json');

describe('devtoolsEntryOf', () => {
  it("keeps what matching needs from Chrome's entries, and takes Firefox's (no resource type)", () => {
    expect(entries).toHaveLength(harEntries.length);
    const xhr = entries.find((e) => e.url.endsWith('/lab/mismatch'))!;
    expect(xhr).toMatchObject({ method: 'GET', status: 200, resourceType: 'xhr', cookies: false });
    expect(xhr.startedAt).toBe(Date.parse('2026-11-29T22:19:29.894Z'));
    const firefox = JSON.parse(readText('har/firefox-http.har')).log.entries.map(devtoolsEntryOf);
    expect(firefox.every((e: DevtoolsEntry | null) => e !== null && e.resourceType === undefined)).toBe(true);
  });
  it('refuses what is not an entry', () => {
    for (const bad of [null, 'x', {}, { request: { url: 'https://a.test/' } }, { request: { url: 'https://a.test/', method: 'GET' }, startedDateTime: 'never' }]) {
      expect(devtoolsEntryOf(bad)).toBeNull();
    }
  });
});

describe('flows with DevTools hints', () => {
  const withHints = flowsFromRecords(records, chrome, entries);
  const without = flowsFromRecords(records, chrome);

  it("print Chromium's own console line for every blocked request, the XMLHttpRequest included", () => {
    const analyzed = analyzeFlows(withHints, { browser: 'chrome', thirdPartyCookies: 'allowed' });
    const blocked = truth.requests.filter((r) => r.corsConsole.length > 0 && r.resourceType !== 'Other');
    expect(blocked.map((r) => r.resourceType)).toContain('XHR');
    for (const r of blocked) {
      const a = analyzed.find((x) => x.flow.request.method === r.method && x.flow.hops.some((h) => h.request.url === r.url))!;
      expect(a.evaluation.error?.messages.chrome).toBe(r.corsConsole[0]);
    }
  });

  it('name the API and say where that came from; without them the XHR passes for fetch', () => {
    const xhr = (flows: Flow[]) => flows.find((f) => f.request.url.endsWith('/lab/mismatch'))!;
    expect(xhr(without).request.initiatorType).toBe('fetch');
    expect(xhr(withHints).request.initiatorType).toBe('xmlhttprequest');
    expect(xhr(withHints).inferred.find((i) => i.field === 'initiatorType')?.from).toBe("the DevTools network panel's resource type xhr");
    // Every request the page made with fetch() stays fetch; the document stays a document.
    const types = withHints.map((f) => f.request.initiatorType);
    expect(types.filter((t) => t === 'xmlhttprequest')).toHaveLength(1);
    expect(types[0]).toBe('document');
  });

  it('match only within the time window, on the same status', () => {
    const late = entries.map((e) => (e.url.endsWith('/lab/mismatch') ? { ...e, startedAt: e.startedAt + 5_000 } : e));
    expect(flowsFromRecords(records, chrome, late).find((f) => f.request.url.endsWith('/lab/mismatch'))!.request.initiatorType).toBe('fetch');
    const other = entries.map((e) => (e.url.endsWith('/lab/mismatch') ? { ...e, status: 500 } : e));
    expect(flowsFromRecords(records, chrome, other).find((f) => f.request.url.endsWith('/lab/mismatch'))!.request.initiatorType).toBe('fetch');
  });

  it('give the same flows whenever the entries arrive: before, between or after the events, in any batches', () => {
    const events = readJson<WebRequestFixture>('webrequest/chromium-http.json').events;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: entries.length, maxLength: entries.length }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }), (slots, sizes) => {
        const correlator = new Correlator(chrome);
        const held = new Map<string, WebRequestRecord>();
        const batches: (typeof events)[] = [];
        for (let i = 0, b = 0; i < events.length; b++) {
          const n = sizes[b % sizes.length]!;
          batches.push(events.slice(i, i + n));
          i += n;
        }
        // Each entry goes in at a random point among the batches.
        const due = (b: number) => entries.filter((_, i) => slots[i]! % (batches.length + 1) === b);
        let flows: Flow[] = [];
        for (let b = 0; b <= batches.length; b++) {
          if (due(b).length) flows = correlator.hint(due(b));
          if (b === batches.length) break;
          const changed = new Map<string, WebRequestRecord>();
          for (const ev of batches[b]!) {
            const rec = applyWebRequestEvent(held.get(ev.requestId), ev);
            held.set(ev.requestId, rec);
            changed.set(ev.requestId, rec);
          }
          flows = correlator.update(changed.values());
        }
        expect(flows).toEqual(withHints);
      }),
      { numRuns: 30 },
    );
  });
});
