import { describe, expect, it } from 'vitest';
import { readHar } from '../har/read.ts';
import type { Flow } from '../model/flow.ts';
import type { WebRequestEvent, WebRequestRecord } from '../model/webrequest.ts';
import { flowsFromHar } from './har.ts';
import { applyWebRequestEvent } from './webrequest-record.ts';
import { flowsFromRecords } from './webrequest.ts';

// Hand-built Chrome DevTools HAR entries and webRequest events for cases the recordings do not hold.
const ORIGIN = 'http://app.test';
const API = 'http://api.test/items';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const T0 = Date.UTC(2026, 0, 1);
type H = { name: string; value: string };

interface EntrySpec {
  method: string;
  url: string;
  t: number;
  time: number;
  status: number;
  req?: H[];
  res?: H[];
  redirectURL?: string;
  preflightOf?: string;
  error?: string;
}

function entry(o: EntrySpec) {
  return {
    startedDateTime: new Date(T0 + o.t).toISOString(),
    time: o.time,
    pageref: 'page_1',
    request: { method: o.method, url: o.url, httpVersion: 'HTTP/1.1', headers: [{ name: 'User-Agent', value: UA }, ...(o.req ?? [])], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: {
      status: o.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: o.res ?? [],
      cookies: [],
      content: { size: 0, mimeType: '' },
      redirectURL: o.redirectURL ?? '',
      headersSize: -1,
      bodySize: 0,
      ...(o.error ? { _error: o.error } : {}),
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    _resourceType: o.preflightOf ? 'preflight' : 'fetch',
    _initiator: o.preflightOf ? { type: 'preflight', url: o.url, requestId: o.preflightOf } : { type: 'script' },
  };
}

function harFlows(entries: EntrySpec[]): Flow[] {
  const log = { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [{ id: 'page_1', startedDateTime: new Date(T0).toISOString(), title: `${ORIGIN}/` }], entries: entries.map(entry) };
  const har = readHar(JSON.stringify({ log }));
  if (!har.ok) throw new Error(har.error.message);
  return flowsFromHar(har);
}

const allowed: H[] = [
  { name: 'Access-Control-Allow-Origin', value: ORIGIN },
  { name: 'Access-Control-Allow-Methods', value: 'PUT' },
];
const asks: H[] = [
  { name: 'Origin', value: ORIGIN },
  { name: 'Access-Control-Request-Method', value: 'PUT' },
];
const statuses = (flows: Flow[]) => flows.map((f) => [f.hops[0]!.response?.status ?? null, f.hops[0]!.preflight?.response?.status]);

describe('concurrent identical preflighted requests, one preflight refused', () => {
  it('HAR: the PUT the server answered keeps the preflight that passed, whatever the entry order', () => {
    const flows = harFlows([
      { method: 'PUT', url: API, t: 0, time: 10, status: 200, req: [{ name: 'Origin', value: ORIGIN }], res: allowed },
      { method: 'PUT', url: API, t: 0, time: 10, status: 0, req: [{ name: 'Origin', value: ORIGIN }], error: 'net::ERR_FAILED' },
      { method: 'OPTIONS', url: API, t: 0, time: 5, status: 403, req: asks, preflightOf: '1.1' },
      { method: 'OPTIONS', url: API, t: 0, time: 5, status: 204, req: asks, res: allowed, preflightOf: '1.2' },
    ]);
    expect(statuses(flows)).toEqual([
      [200, 204],
      [null, 403],
    ]);
  });

  it('webRequest: the same when both preflights ended before either request moved on', () => {
    const byId = new Map<string, WebRequestRecord>();
    const ev = (e: Partial<WebRequestEvent> & Pick<WebRequestEvent, 'event' | 'requestId' | 'timeStamp'>) => {
      const full: WebRequestEvent = { tabId: 1, url: API, method: 'PUT', type: 'xmlhttprequest', initiator: ORIGIN, ...e };
      byId.set(full.requestId, applyWebRequestEvent(byId.get(full.requestId), full));
    };
    ev({ event: 'beforeRequest', requestId: 'A', timeStamp: 0 });
    ev({ event: 'beforeRequest', requestId: 'B', timeStamp: 0 });
    for (const [id, status, res] of [['P1', 403, []], ['P2', 204, allowed]] as const) {
      ev({ event: 'beforeRequest', requestId: id, method: 'OPTIONS', timeStamp: 1 });
      ev({ event: 'sendHeaders', requestId: id, method: 'OPTIONS', timeStamp: 1, requestHeaders: asks });
      ev({ event: 'completed', requestId: id, method: 'OPTIONS', timeStamp: 5, statusCode: status, responseHeaders: [...res] });
    }
    ev({ event: 'sendHeaders', requestId: 'A', timeStamp: 6, requestHeaders: [{ name: 'Origin', value: ORIGIN }] });
    ev({ event: 'errorOccurred', requestId: 'B', timeStamp: 6, error: 'net::ERR_FAILED' });
    ev({ event: 'completed', requestId: 'A', timeStamp: 9, statusCode: 200, responseHeaders: allowed });
    const flows = flowsFromRecords(byId.values(), { browser: { name: 'chrome' } });
    expect(flows.map((f) => f.id)).toEqual(['wr:1:A', 'wr:1:B']);
    expect(statuses(flows)).toEqual([
      [200, 204],
      [null, 403],
    ]);
  });
});

describe('redirect chains in a Chrome HAR', () => {
  const get = (url: string, t: number, status: number, redirectURL?: string): EntrySpec => ({
    method: 'GET',
    url,
    t,
    time: 10,
    status,
    req: [{ name: 'Origin', value: ORIGIN }],
    res: [{ name: 'Access-Control-Allow-Origin', value: ORIGIN }],
    ...(redirectURL !== undefined ? { redirectURL } : {}),
  });
  const chains = (flows: Flow[]) => flows.map((f) => f.hops.map((h) => `${new URL(h.request.url).pathname} ${h.response?.status}`));

  it('follows a relative redirectURL to the entry that starts when the redirect ends', () => {
    expect(chains(harFlows([get('http://api.test/a', 0, 302, 'b'), get('http://api.test/b', 10, 200)]))).toEqual([['/a 302', '/b 200']]);
  });

  it("does not take the page's own later request to the same URL for a missing next hop", () => {
    expect(chains(harFlows([get('http://api.test/a', 0, 302, 'http://api.test/b'), get('http://api.test/b', 5_000, 200)]))).toEqual([['/a 302'], ['/b 200']]);
  });
});
