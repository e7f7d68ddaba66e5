import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowsFromRecords } from '../../src/correlate/webrequest.ts';
import { devtoolsEntryOf } from '../../src/correlate/devtools-hints.ts';
import { analyzeFlows } from '../../src/evaluate/index.ts';
import type { WebRequestRecord } from '../../src/model/index.ts';
import { PROTOCOL_VERSION, type BackgroundMessage } from '../protocol.ts';
import { FlowPipeline } from './pipeline.ts';

const records: WebRequestRecord[] = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../test/fixtures/webrequest/chromium-http.json'), 'utf8'),
).records;
const tabId = records[0]!.tabId;
const now = Date.parse('2026-11-29T21:00:00Z');
const snapshot = (recs: WebRequestRecord[], capPerTab = 5000): BackgroundMessage => ({
  v: PROTOCOL_VERSION, type: 'snapshot', tabId, records: recs, dropped: 0, preserveLog: false, capPerTab,
});
const batch = (recs: WebRequestRecord[]): BackgroundMessage => ({ v: PROTOCOL_VERSION, type: 'records', tabId, records: recs, dropped: 0 });

describe('FlowPipeline', () => {
  it('turns the records into the flows and evaluations the core gives for them', () => {
    const p = new FlowPipeline({ browser: 'chrome', now });
    const entries = p.receive(snapshot(records));
    const analyzed = analyzeFlows(flowsFromRecords(records, { browser: { name: 'chrome' } }), { browser: 'chrome', thirdPartyCookies: 'allowed', now });
    expect(entries.map((e) => e.flow)).toEqual(analyzed.map((a) => a.flow));
    expect(entries.map((e) => e.evaluation)).toEqual(analyzed.map((a) => a.evaluation));
    expect(entries.some((e) => e.row.preflight.kind === 'sent')).toBe(true);
  });

  it('gets the same flows from batches as from one snapshot, and keeps unchanged entries', () => {
    const p = new FlowPipeline({ browser: 'chrome', now });
    p.receive(snapshot([]));
    const half = Math.floor(records.length / 2);
    const first = p.receive(batch(records.slice(0, half)));
    const all = p.receive(batch(records.slice(half)));
    const analyzed = analyzeFlows(flowsFromRecords(records, { browser: { name: 'chrome' } }), { browser: 'chrome', thirdPartyCookies: 'allowed', now });
    expect(all.map((e) => e.flow)).toEqual(analyzed.map((a) => a.flow));
    const kept = first.filter((e) => all.includes(e));
    expect(kept.length).toBeGreaterThan(0);
  });

  it('starts again on a new snapshot and on cleared', () => {
    const p = new FlowPipeline({ browser: 'chrome', now });
    p.receive(snapshot(records));
    expect(p.receive({ v: PROTOCOL_VERSION, type: 'cleared', tabId })).toEqual([]);
    expect(p.receive(batch(records.slice(0, 1)))).toHaveLength(1);
    expect(p.receive(snapshot(records.slice(0, 2))).length).toBeLessThanOrEqual(2);
  });

  it('keeps no more records than the background’s cap, dropping the oldest', () => {
    const p = new FlowPipeline({ browser: 'chrome', now });
    const main = records.filter((r) => r.hops[0]!.method !== 'OPTIONS');
    p.receive(snapshot(main.slice(0, 3), 3));
    const entries = p.receive(batch(main.slice(3, 5)));
    expect(entries.length).toBeLessThanOrEqual(3);
    const ids = entries.map((e) => e.flow.id);
    expect(ids).toContain(`wr:${tabId}:${main[4]!.requestId}`);
    expect(ids).not.toContain(`wr:${tabId}:${main[0]!.requestId}`);
  });

  it("takes DevTools' entries: the XMLHttpRequest is named so, as the core does it; a snapshot keeps them, cleared drops them", () => {
    const har: unknown[] = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures/har/chromium-http.har'), 'utf8')).log.entries;
    const xhrOf = (entries: { flow: { request: { url: string; initiatorType: string } } }[]) => entries.find((e) => e.flow.request.url.endsWith('/lab/mismatch'))!.flow.request.initiatorType;
    const p = new FlowPipeline({ browser: 'chrome', now });
    expect(xhrOf(p.receive(snapshot(records)))).toBe('fetch');
    const hinted = p.hint([...har, { not: 'an entry' }]);
    expect(xhrOf(hinted)).toBe('xmlhttprequest');
    const expected = analyzeFlows(flowsFromRecords(records, { browser: { name: 'chrome' } }, har.map(devtoolsEntryOf).filter((e) => e !== null)), { browser: 'chrome', thirdPartyCookies: 'allowed', now });
    expect(hinted.map((e) => e.evaluation)).toEqual(expected.map((a) => a.evaluation));
    expect(hinted.find((e) => e.flow.request.url.endsWith('/lab/mismatch'))!.evaluation.error!.messages.chrome).toMatch(/^Access to XMLHttpRequest at /);
    expect(xhrOf(p.receive(snapshot(records)))).toBe('xmlhttprequest');
    p.receive({ v: PROTOCOL_VERSION, type: 'cleared', tabId });
    expect(xhrOf(p.receive(snapshot(records)))).toBe('fetch');
  });
});
