/**
 * Deterministic traffic for the benchmarks, from a seed: a page making a mix of requests like the
 * lab's — simple GETs allowed or blocked, preflighted PUTs (allowed or refused), redirects — as
 * webRequest events (in Chromium's order) and as a Chrome-style HAR.
 */
import type { Header } from '../../src/model/header.ts';
import type { WebRequestEvent } from '../../src/model/webrequest.ts';
import { prng } from '../support/prng.ts';

const PAGE = 'https://app.site-a.test';
const API = 'https://api.site-b.test';
const OTHER = 'https://api.site-c.test';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';

type Kind = 'get-ok' | 'get-blocked' | 'put-ok' | 'put-refused' | 'redirect';

interface Planned {
  kind: Kind;
  url: string;
  at: number;
}

function plan(count: number, seed: number): Planned[] {
  const rand = prng(seed);
  const out: Planned[] = [];
  let at = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const r = rand();
    const kind: Kind = r < 0.45 ? 'get-ok' : r < 0.6 ? 'get-blocked' : r < 0.8 ? 'put-ok' : r < 0.9 ? 'put-refused' : 'redirect';
    at += 1 + Math.floor(rand() * 20);
    out.push({ kind, url: `${API}/v1/items/${i}?q=${Math.floor(rand() * 1e6)}`, at });
  }
  return out;
}

const baseRequest = (origin: boolean): Header[] => [
  { name: 'Accept', value: '*/*' },
  ...(origin ? [{ name: 'Origin', value: PAGE }] : []),
  { name: 'Referer', value: `${PAGE}/` },
  { name: 'User-Agent', value: UA },
  { name: 'Accept-Encoding', value: 'gzip, deflate, br, zstd' },
  { name: 'Accept-Language', value: 'en-US,en;q=0.9' },
  { name: 'Sec-Fetch-Mode', value: 'cors' },
  { name: 'Sec-Fetch-Site', value: 'cross-site' },
  { name: 'Sec-Fetch-Dest', value: 'empty' },
];
const baseResponse = (extra: Header[]): Header[] => [
  { name: 'Content-Type', value: 'application/json' },
  { name: 'Cache-Control', value: 'no-store' },
  { name: 'Date', value: 'Thu, 01 Jan 2026 00:00:00 GMT' },
  { name: 'Server', value: 'bench' },
  ...extra,
];
const ACAO = { name: 'Access-Control-Allow-Origin', value: PAGE };
const preflightRequest = (): Header[] => [
  { name: 'Accept', value: '*/*' },
  { name: 'Access-Control-Request-Method', value: 'PUT' },
  { name: 'Access-Control-Request-Headers', value: 'content-type,x-api-key' },
  { name: 'Origin', value: PAGE },
  { name: 'User-Agent', value: UA },
  { name: 'Sec-Fetch-Mode', value: 'cors' },
];
const putHeaders = (): Header[] => [{ name: 'Content-Type', value: 'application/json' }, { name: 'X-Api-Key', value: 'k' }, ...baseRequest(true)];
const preflightResponse = (ok: boolean): Header[] => [
  ACAO,
  { name: 'Access-Control-Allow-Methods', value: 'GET, PUT' },
  ...(ok ? [{ name: 'Access-Control-Allow-Headers', value: 'Content-Type, X-Api-Key' }] : []),
  { name: 'Access-Control-Max-Age', value: '0' },
];

/** webRequest events for `count` page requests, in Chromium's order (main onBeforeRequest, preflight, main). */
export function webRequestEvents(count: number, seed: number): WebRequestEvent[] {
  const out: WebRequestEvent[] = [];
  let id = 1000;
  const ev = (e: Partial<WebRequestEvent> & Pick<WebRequestEvent, 'event' | 'requestId' | 'url' | 'method' | 'timeStamp'>): WebRequestEvent => ({
    tabId: 1,
    type: 'xmlhttprequest',
    initiator: PAGE,
    ...e,
  });
  const exchange = (requestId: string, url: string, method: string, t: number, req: Header[], status: number, res: Header[], end: 'completed' | 'errorOccurred' | 'redirect', redirectUrl?: string) => {
    out.push(ev({ event: 'sendHeaders', requestId, url, method, timeStamp: t + 1, requestHeaders: req }));
    out.push(ev({ event: 'headersReceived', requestId, url, method, timeStamp: t + 2, statusCode: status, responseHeaders: res }));
    if (end === 'redirect') {
      out.push(ev({ event: 'beforeRedirect', requestId, url, method, timeStamp: t + 3, statusCode: status, responseHeaders: res, redirectUrl }));
      return;
    }
    if (end === 'errorOccurred') {
      out.push(ev({ event: 'errorOccurred', requestId, url, method, timeStamp: t + 3, error: 'net::ERR_FAILED' }));
      return;
    }
    out.push(ev({ event: 'responseStarted', requestId, url, method, timeStamp: t + 3, statusCode: status, responseHeaders: res }));
    out.push(ev({ event: 'completed', requestId, url, method, timeStamp: t + 4, statusCode: status, responseHeaders: res }));
  };
  for (const p of plan(count, seed)) {
    const main = String(id++);
    const t = p.at;
    const method = p.kind.startsWith('put') ? 'PUT' : 'GET';
    out.push(ev({ event: 'beforeRequest', requestId: main, url: p.url, method, timeStamp: t }));
    if (method === 'PUT') {
      const pre = String(id++);
      out.push(ev({ event: 'beforeRequest', requestId: pre, url: p.url, method: 'OPTIONS', timeStamp: t + 0.5 }));
      exchange(pre, p.url, 'OPTIONS', t + 0.5, preflightRequest(), 204, preflightResponse(p.kind === 'put-ok'), 'completed');
      if (p.kind === 'put-refused') {
        out.push(ev({ event: 'errorOccurred', requestId: main, url: p.url, method, timeStamp: t + 6, error: 'net::ERR_FAILED' }));
        continue;
      }
      exchange(main, p.url, method, t + 6, putHeaders(), 200, baseResponse([ACAO]), 'completed');
      continue;
    }
    if (p.kind === 'redirect') {
      const next = p.url.replace(API, OTHER);
      exchange(main, p.url, method, t, baseRequest(true), 302, baseResponse([ACAO, { name: 'Location', value: next }]), 'redirect', next);
      out.push(ev({ event: 'beforeRequest', requestId: main, url: next, method, timeStamp: t + 4 }));
      exchange(main, next, method, t + 4, baseRequest(true), 200, baseResponse([{ name: 'Access-Control-Allow-Origin', value: '*' }]), 'completed');
      continue;
    }
    const ok = p.kind === 'get-ok';
    exchange(main, p.url, method, t, baseRequest(true), 200, baseResponse(ok ? [ACAO, { name: 'Vary', value: 'Origin' }] : []), ok ? 'completed' : 'errorOccurred');
  }
  return out;
}

/** A Chrome-style HAR (`_resourceType`, `_initiator`, `_error`) with exactly `count` entries. */
export function harText(count: number, seed: number): string {
  const entries: unknown[] = [];
  const iso = (t: number) => new Date(t).toISOString();
  const entry = (url: string, method: string, at: number, req: Header[], status: number, res: Header[], extra: Record<string, unknown> = {}, resExtra: Record<string, unknown> = {}) => ({
    _initiator: { type: 'script', stack: { callFrames: [{ functionName: 'load', scriptId: '12', url: `${PAGE}/app.js`, lineNumber: 10, columnNumber: 4 }] } },
    _priority: 'High',
    _resourceType: 'fetch',
    cache: {},
    request: { method, url, httpVersion: 'HTTP/1.1', headers: req, queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status, statusText: status === 200 ? 'OK' : '', httpVersion: 'HTTP/1.1', headers: res, cookies: [], content: { size: 24, mimeType: 'application/json', text: '{"id":1,"name":"bench"}' }, redirectURL: '', headersSize: -1, bodySize: 24, _transferSize: 300, _error: null, ...resExtra },
    serverIPAddress: '192.0.2.10',
    startedDateTime: iso(at),
    time: 12.5,
    timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 0.1, wait: 10, receive: 1.4 },
    pageref: 'page_1',
    ...extra,
  });
  for (const p of plan(count, seed)) {
    if (entries.length >= count) break;
    if (p.kind === 'put-ok' || p.kind === 'put-refused') {
      const ok = p.kind === 'put-ok';
      entries.push(ok ? entry(p.url, 'PUT', p.at, putHeaders(), 200, baseResponse([ACAO])) : entry(p.url, 'PUT', p.at, putHeaders(), 0, [], {}, { _error: 'net::ERR_FAILED' }));
      if (entries.length < count) {
        entries.push(entry(p.url, 'OPTIONS', p.at + 1, preflightRequest(), 204, preflightResponse(ok), { _resourceType: 'preflight', _initiator: { type: 'preflight', url: p.url, requestId: '1.1' } }));
      }
    } else if (p.kind === 'redirect') {
      const next = p.url.replace(API, OTHER);
      entries.push(entry(p.url, 'GET', p.at, baseRequest(true), 302, baseResponse([ACAO, { name: 'Location', value: next }]), {}, { redirectURL: next }));
      if (entries.length < count) entries.push(entry(next, 'GET', p.at + 5, baseRequest(true), 200, baseResponse([{ name: 'Access-Control-Allow-Origin', value: '*' }])));
    } else {
      const ok = p.kind === 'get-ok';
      entries.push(entry(p.url, 'GET', p.at, baseRequest(true), 200, baseResponse(ok ? [ACAO, { name: 'Vary', value: 'Origin' }] : []), {}, ok ? {} : { _error: 'net::ERR_FAILED' }));
    }
  }
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ startedDateTime: iso(Date.UTC(2026, 0, 1)), id: 'page_1', title: `${PAGE}/`, pageTimings: {} }],
      entries,
    },
  });
}

/**
 * webRequest events for a page polling one endpoint: `records` records (requests and their
 * preflights) all at one URL, several in flight at once. Most are PUTs, some refused at the
 * preflight, some simple GETs; every PUT carries the same headers, so only timing tells which
 * preflight belongs to which request. Each preflight's Access-Control-Max-Age is drawn from
 * `maxAges` (default 0: every PUT is preflighted); while a passed one is fresh, PUTs go without
 * (served by the preflight cache). Events are interleaved in time order, as the browser reports
 * concurrent requests.
 */
export function pollingEvents(records: number, seed: number, opts: { maxAges?: readonly number[]; tabId?: number } = {}): WebRequestEvent[] {
  const rand = prng(seed);
  const url = `${API}/v1/poll`;
  const timed: { at: number; n: number; ev: WebRequestEvent }[] = [];
  let n = 0;
  const push = (e: Partial<WebRequestEvent> & Pick<WebRequestEvent, 'event' | 'requestId' | 'method' | 'timeStamp'>) =>
    timed.push({ at: e.timeStamp, n: n++, ev: { tabId: opts.tabId ?? 1, type: 'xmlhttprequest', initiator: PAGE, url, ...e } });
  const maxAges = opts.maxAges ?? [0];
  let cached = { from: Infinity, until: -Infinity };
  let id = 50_000;
  let at = Date.UTC(2026, 0, 1);
  let made = 0;
  while (made < records) {
    at += 1 + Math.floor(rand() * 4); // a new request every 1–4 ms; each lasts 5–40 ms, so several overlap
    const r = rand();
    const main = String(id++);
    const t = at;
    if (r < 0.2 || made + 1 === records) {
      made += 1;
      const end = t + 5 + Math.floor(rand() * 30);
      push({ event: 'beforeRequest', requestId: main, method: 'GET', timeStamp: t });
      push({ event: 'sendHeaders', requestId: main, method: 'GET', timeStamp: t + 0.2, requestHeaders: baseRequest(true) });
      push({ event: 'headersReceived', requestId: main, method: 'GET', timeStamp: end, statusCode: 200, responseHeaders: baseResponse([ACAO]) });
      push({ event: 'completed', requestId: main, method: 'GET', timeStamp: end + 0.5, statusCode: 200, responseHeaders: baseResponse([ACAO]) });
      continue;
    }
    push({ event: 'beforeRequest', requestId: main, method: 'PUT', timeStamp: t });
    if (t >= cached.from && t < cached.until) {
      made += 1;
      const end = t + 3 + Math.floor(rand() * 20);
      push({ event: 'sendHeaders', requestId: main, method: 'PUT', timeStamp: t + 0.2, requestHeaders: putHeaders() });
      push({ event: 'headersReceived', requestId: main, method: 'PUT', timeStamp: end, statusCode: 200, responseHeaders: baseResponse([ACAO]) });
      push({ event: 'completed', requestId: main, method: 'PUT', timeStamp: end + 0.5, statusCode: 200, responseHeaders: baseResponse([ACAO]) });
      continue;
    }
    made += 2;
    const pre = String(id++);
    const refused = r > 0.9;
    const preEnd = t + 2 + Math.floor(rand() * 15);
    const maxAge = maxAges.length === 1 ? maxAges[0]! : maxAges[Math.floor(rand() * maxAges.length)]!;
    const preflightHeaders = preflightResponse(!refused).map((h) => (h.name === 'Access-Control-Max-Age' ? { ...h, value: String(maxAge) } : h));
    // Cached from when its response arrives (Chromium stores it then), for Access-Control-Max-Age.
    if (!refused && maxAge > 0) cached = { from: preEnd, until: preEnd + maxAge * 1000 };
    push({ event: 'beforeRequest', requestId: pre, method: 'OPTIONS', timeStamp: t + 0.3 });
    push({ event: 'sendHeaders', requestId: pre, method: 'OPTIONS', timeStamp: t + 0.4, requestHeaders: preflightRequest() });
    push({ event: 'headersReceived', requestId: pre, method: 'OPTIONS', timeStamp: preEnd, statusCode: 204, responseHeaders: preflightHeaders });
    push({ event: 'completed', requestId: pre, method: 'OPTIONS', timeStamp: preEnd + 0.2, statusCode: 204, responseHeaders: preflightHeaders });
    if (refused) {
      push({ event: 'errorOccurred', requestId: main, method: 'PUT', timeStamp: preEnd + 0.5, error: 'net::ERR_FAILED' });
      continue;
    }
    const end = preEnd + 3 + Math.floor(rand() * 20);
    push({ event: 'sendHeaders', requestId: main, method: 'PUT', timeStamp: preEnd + 0.5, requestHeaders: putHeaders() });
    push({ event: 'headersReceived', requestId: main, method: 'PUT', timeStamp: end, statusCode: 200, responseHeaders: baseResponse([ACAO]) });
    push({ event: 'completed', requestId: main, method: 'PUT', timeStamp: end + 0.5, statusCode: 200, responseHeaders: baseResponse([ACAO]) });
  }
  return timed.sort((a, b) => a.at - b.at || a.n - b.n).map((t) => t.ev);
}
