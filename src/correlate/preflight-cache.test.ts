import { describe, expect, it } from 'vitest';
import type { BrowserName } from '../model/flow.ts';
import type { Header } from '../model/header.ts';
import type { WebRequestEvent, WebRequestRecord } from '../model/webrequest.ts';
import { applyWebRequestEvent } from './webrequest-record.ts';
import { Correlator, flowsFromRecords } from './webrequest.ts';

const ORIGIN = 'http://app.test';
const URL_ = 'http://api.test/items';
type Ev = Partial<WebRequestEvent> & Pick<WebRequestEvent, 'event' | 'requestId' | 'timeStamp'>;

function records(events: Ev[]): WebRequestRecord[] {
  const byId = new Map<string, WebRequestRecord>();
  for (const e of events) {
    const ev: WebRequestEvent = { tabId: 1, url: URL_, method: 'PUT', type: 'xmlhttprequest', initiator: ORIGIN, ...e };
    byId.set(`${ev.tabId}:${ev.requestId}`, applyWebRequestEvent(byId.get(`${ev.tabId}:${ev.requestId}`), ev));
  }
  return [...byId.values()];
}

/** A preflight for PUT from ORIGIN, started at t0 and answered 204 at t1 with `response` headers. */
function preflight(id: string, t0: number, t1: number, response: Header[], more: Partial<WebRequestEvent> = {}, method = 'PUT', status = 204): Ev[] {
  const requestHeaders = [
    { name: 'Origin', value: ORIGIN },
    { name: 'Access-Control-Request-Method', value: method },
  ];
  const base = { requestId: id, method: 'OPTIONS', ...more };
  return [
    { ...base, event: 'beforeRequest', timeStamp: t0 },
    { ...base, event: 'sendHeaders', timeStamp: t0 + 1, requestHeaders },
    { ...base, event: 'completed', timeStamp: t1, statusCode: status, responseHeaders: response },
  ];
}

/** The PUT itself: started at t0, sent at t0 + 1, answered 200. */
function put(id: string, t0: number, more: Partial<WebRequestEvent> = {}, headers: Header[] = []): Ev[] {
  const base = { requestId: id, ...more };
  return [
    { ...base, event: 'beforeRequest', timeStamp: t0 },
    { ...base, event: 'sendHeaders', timeStamp: t0 + 6, requestHeaders: [{ name: 'Origin', value: ORIGIN }, ...headers] },
    { ...base, event: 'completed', timeStamp: t0 + 10, statusCode: 200, responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: ORIGIN }] },
  ];
}

const allows = (more: Header[]): Header[] => [
  { name: 'Access-Control-Allow-Origin', value: ORIGIN },
  { name: 'Access-Control-Allow-Methods', value: 'PUT' },
  ...more,
];

/** The cache hit of the second PUT ('B'), after a first PUT ('A') preflighted at 0 with `response`. */
function hitOfSecond(response: Header[], at: number, browser: BrowserName = 'chrome') {
  const flows = flowsFromRecords(records([...put('A', 0), ...preflight('P', 1, 5, response), ...put('B', at)]), { browser: { name: browser } });
  expect(flows.map((f) => f.id)).toEqual(['wr:1:A', 'wr:1:B']);
  expect(flows[0]!.hops[0]!.preflight).toBeDefined();
  expect(flows[1]!.hops[0]!.preflight).toBeUndefined();
  return flows[1]!.preflightCacheHit;
}

describe('the preflight cache, replayed', () => {
  it('names the earlier preflight and its Max-Age while it is fresh', () => {
    expect(hitOfSecond(allows([{ name: 'Access-Control-Max-Age', value: '600' }]), 500_000)).toEqual({ flowId: 'wr:1:A', maxAgeSeconds: 600 });
    expect(hitOfSecond(allows([]), 4_000)).toEqual({ flowId: 'wr:1:A', maxAgeSeconds: null });
  });

  it('does not call a preflight cached once its Max-Age (5 s when absent, 2 h at most in Chromium) has elapsed', () => {
    expect(hitOfSecond(allows([{ name: 'Access-Control-Max-Age', value: '1' }]), 1_500)).toBeUndefined();
    expect(hitOfSecond(allows([]), 6_000)).toBeUndefined();
    expect(hitOfSecond(allows([{ name: 'Access-Control-Max-Age', value: '86400' }]), 7_300_000)).toBeUndefined();
    expect(hitOfSecond(allows([{ name: 'Access-Control-Max-Age', value: '86400' }]), 7_300_000, 'firefox')).toEqual({ flowId: 'wr:1:A', maxAgeSeconds: 86400 });
  });

  it('caches nothing for a Max-Age of 0 or a negative one (Chromium: 0 s); Firefox caches nothing for a value that is not digits', () => {
    expect(hitOfSecond(allows([{ name: 'Access-Control-Max-Age', value: '0' }]), 20)).toBeUndefined();
    expect(hitOfSecond(allows([{ name: 'Access-Control-Max-Age', value: '-1' }]), 20)).toBeUndefined();
    expect(hitOfSecond(allows([{ name: 'Access-Control-Max-Age', value: 'ten' }]), 20)).toEqual({ flowId: 'wr:1:A', maxAgeSeconds: null });
    expect(hitOfSecond(allows([{ name: 'Access-Control-Max-Age', value: 'ten' }]), 20, 'firefox')).toBeUndefined();
  });
});

describe('the preflight cache and credentials', () => {
  const credentialed = allows([
    { name: 'Access-Control-Allow-Credentials', value: 'true' },
    { name: 'Access-Control-Max-Age', value: '600' },
  ]);
  const cookie = [{ name: 'Cookie', value: 'sid=1' }];
  function secondHit(firstHeaders: Header[], secondHeaders: Header[], response: Header[], browser: BrowserName = 'chrome') {
    const events = [...put('A', 0, {}, firstHeaders), ...preflight('P', 1, 5, response), ...put('B', 1_000, {}, secondHeaders)];
    const flows = flowsFromRecords(records(events), { browser: { name: browser } });
    expect(flows[1]!.hops[0]!.preflight).toBeUndefined();
    return { credentials: flows.map((f) => f.request.credentials), hit: flows[1]!.preflightCacheHit };
  }

  it('serves a request without credentials from an entry stored with them (Chromium), not the reverse', () => {
    expect(secondHit(cookie, [], credentialed)).toEqual({ credentials: ['include', 'same-origin'], hit: { flowId: 'wr:1:A', maxAgeSeconds: 600 } });
    expect(secondHit([], cookie, credentialed).hit).toBeUndefined();
  });

  it('keys the entry by credentials in Firefox', () => {
    expect(secondHit(cookie, [], credentialed, 'firefox').hit).toBeUndefined();
    expect(secondHit(cookie, cookie, credentialed, 'firefox').hit).toEqual({ flowId: 'wr:1:A', maxAgeSeconds: 600 });
  });

  it('reads a `*` in an entry stored with credentials as a header name, also for a request without', () => {
    const wildcard = [...credentialed, { name: 'Access-Control-Allow-Headers', value: '*' }];
    expect(secondHit(cookie, [{ name: 'X-Key', value: '1' }], wildcard).hit).toBeUndefined();
  });
});

describe('the preflight cache across tabs', () => {
  const cached = allows([{ name: 'Access-Control-Max-Age', value: '600' }]);
  /** The top-level document of a tab, loaded at `t`. */
  const page = (tabId: number, url: string, t: number): Ev[] => {
    const base = { requestId: `doc${tabId}`, tabId, url, method: 'GET', type: 'main_frame', frameId: 0 };
    return [
      { ...base, event: 'beforeRequest', timeStamp: t },
      { ...base, event: 'sendHeaders', timeStamp: t + 1, requestHeaders: [] },
      { ...base, event: 'completed', timeStamp: t + 2, statusCode: 200, responseHeaders: [], ip: '127.0.0.1' },
    ];
  };
  function hitInSecondTab(secondPage: string) {
    const events = [...page(1, `${ORIGIN}/`, -100), ...page(2, secondPage, -50), ...put('A', 0), ...preflight('P', 1, 5, cached), ...put('B', 1_000, { tabId: 2 })];
    const flows = flowsFromRecords(records(events), { browser: { name: 'chrome' } }).filter((f) => f.request.method === 'PUT');
    expect(flows.map((f) => [f.id, f.request.topLevelUrl])).toEqual([
      ['wr:1:A', `${ORIGIN}/`],
      ['wr:2:B', secondPage],
    ]);
    return flows[1]!.preflightCacheHit;
  }

  it("serves a request in another tab of the same site from the first tab's preflight (Chromium's cache is per top-frame site)", () => {
    expect(hitInSecondTab(`${ORIGIN}/other`)).toEqual({ flowId: 'wr:1:A', maxAgeSeconds: 600 });
  });

  it('does not serve a page of another top-level site from it', () => {
    expect(hitInSecondTab('http://elsewhere.example/')).toBeUndefined();
  });
});

describe('which earlier preflight the cache still holds', () => {
  const long = (method: string): Header[] => [
    { name: 'Access-Control-Allow-Origin', value: ORIGIN },
    { name: 'Access-Control-Allow-Methods', value: method },
    { name: 'Access-Control-Max-Age', value: '600' },
  ];
  /** PUT A preflighted at 0, then `between`, then PUT C at 1000 with no preflight: C's cache hit. */
  function hitOfLast(between: Ev[], browser: BrowserName = 'chrome') {
    const flows = flowsFromRecords(records([...put('A', 0), ...preflight('P1', 1, 5, long('PUT')), ...between, ...put('C', 1_000)]), { browser: { name: browser } });
    const last = flows.find((f) => f.id === 'wr:1:C')!;
    expect(last.hops[0]!.preflight).toBeUndefined();
    return last.preflightCacheHit;
  }
  const del = (id: string, t0: number): Ev[] => put(id, t0, { method: 'DELETE' });

  it("Chromium: a later preflight to the same URL replaces the entry, so the PUT's is gone once a DELETE's is stored", () => {
    expect(hitOfLast([...del('B', 100), ...preflight('P2', 101, 105, long('DELETE'), { method: 'OPTIONS' }, 'DELETE')])).toBeUndefined();
  });

  it('Firefox: it keeps what each preflight allowed', () => {
    expect(hitOfLast([...del('B', 100), ...preflight('P2', 101, 105, long('DELETE'), { method: 'OPTIONS' }, 'DELETE')], 'firefox')).toEqual({ flowId: 'wr:1:A', maxAgeSeconds: 600 });
  });

  it('a preflight that failed stores nothing and replaces nothing', () => {
    const refused: Ev[] = [
      { requestId: 'B', event: 'beforeRequest', timeStamp: 100 },
      ...preflight('P2', 101, 105, [], {}, 'PUT', 403),
      { requestId: 'B', event: 'errorOccurred', timeStamp: 106, error: 'net::ERR_FAILED' },
    ];
    expect(hitOfLast(refused)).toEqual({ flowId: 'wr:1:A', maxAgeSeconds: 600 });
  });

  it('live: the replacing preflight, arriving after the request it affects, takes its hit away', () => {
    const correlator = new Correlator({ browser: { name: 'chrome' } });
    const hit = (flows: ReturnType<Correlator['flows']>) => flows.find((f) => f.id === 'wr:1:C')!.preflightCacheHit;
    // P2 keeps a shorter Max-Age than P1: it still ends P1's service beyond its own freshness.
    const short: Header[] = [...allows([]).slice(0, 1), { name: 'Access-Control-Allow-Methods', value: 'DELETE' }, { name: 'Access-Control-Max-Age', value: '1' }];
    expect(hit(correlator.update(records([...put('A', 0), ...preflight('P1', 1, 5, long('PUT')), ...put('C', 5_000)])))).toEqual({ flowId: 'wr:1:A', maxAgeSeconds: 600 });
    expect(hit(correlator.update(records([...del('B', 100), ...preflight('P2', 101, 105, short, {}, 'DELETE')])))).toBeUndefined();
  });
});
