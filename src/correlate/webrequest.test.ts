import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson, recordsOf, type WebRequestFixture } from '../../test/fixtures/load.ts';
import type { Flow } from '../model/flow.ts';
import type { WebRequestEvent, WebRequestRecord } from '../model/webrequest.ts';
import { applyWebRequestEvent } from './webrequest-record.ts';
import { Correlator, flowsFromRecords } from './webrequest.ts';
import { analyzeFlows } from '../report/analyze.ts';
import { flowsToHar } from '../har/write.ts';
import { readHar } from '../har/read.ts';
import { buildReport, renderHtml, renderMarkdown, renderText } from '../report/index.ts';

const http = readJson<WebRequestFixture>('webrequest/chromium-http.json');
const https = readJson<WebRequestFixture>('webrequest/chromium-https.json');
const ffHttp = readJson<WebRequestFixture>('webrequest/firefox-http.json');
const ffHttps = readJson<WebRequestFixture>('webrequest/firefox-https.json');
const chrome = { browser: { name: 'chrome' as const, version: '156' } };
const firefox = { browser: { name: 'firefox' as const, version: '153' } };

/** What the page did in each step of the capture (test/fixtures/capture/scenarios.ts), hop by hop. */
interface Expected {
  method: string;
  path: string;
  /** Per hop: its status (null: never answered), and its preflight's status (undefined: no preflight). */
  hops: { status: number | null; preflight?: number }[];
  error?: string;
  mode: string;
  credentials?: string;
  cacheHitOf?: string;
}

const EXPECTED_HTTP: Expected[] = [
  { method: 'GET', path: '/', hops: [{ status: 200 }], mode: 'navigate' },
  { method: 'GET', path: '/lab/no-acao', hops: [{ status: 200 }], error: 'net::ERR_FAILED', mode: 'cors' },
  { method: 'PUT', path: '/lab/put-refused', hops: [{ status: null, preflight: 204 }], error: 'net::ERR_FAILED', mode: 'cors' },
  { method: 'GET', path: '/lab/wildcard', hops: [{ status: 200 }], error: 'net::ERR_FAILED', mode: 'cors' },
  { method: 'GET', path: '/lab/redirect-start', hops: [{ status: 302 }, { status: 200 }], error: 'net::ERR_FAILED', mode: 'cors' },
  { method: 'GET', path: '/lab/mismatch', hops: [{ status: 200 }], error: 'net::ERR_FAILED', mode: 'cors' },
  { method: 'GET', path: '/lab/public', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'PUT', path: '/lab/put-allowed', hops: [{ status: 200, preflight: 204 }], mode: 'cors' },
  { method: 'GET', path: '/lab/credentialed', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'GET', path: '/lab/same-origin', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'GET', path: '/lab/cookie-start', hops: [{ status: 302 }, { status: 200 }], mode: 'cors', credentials: 'include' },
  { method: 'PUT', path: '/fx/cached', hops: [{ status: 200, preflight: 204 }], mode: 'cors' },
  { method: 'PUT', path: '/fx/cached', hops: [{ status: 200 }], mode: 'cors', cacheHitOf: '/fx/cached' },
  { method: 'PUT', path: '/fx/concurrent', hops: [{ status: 200, preflight: 204 }], mode: 'cors' },
  { method: 'PUT', path: '/fx/concurrent', hops: [{ status: 200, preflight: 204 }], mode: 'cors' },
  { method: 'PUT', path: '/fx/redirect-307', hops: [{ status: 307, preflight: 204 }, { status: 200, preflight: 204 }], mode: 'cors' },
  { method: 'PUT', path: '/fx/preflight-403', hops: [{ status: null, preflight: 403 }], error: 'net::ERR_FAILED', mode: 'cors' },
  { method: 'GET', path: '/fx/opaque', hops: [{ status: 200 }], mode: 'no-cors' },
  { method: 'GET', path: '/fx/refused', hops: [{ status: null }], error: 'net::ERR_CONNECTION_REFUSED', mode: 'cors' },
];

const EXPECTED_HTTPS: Expected[] = [
  { method: 'GET', path: '/', hops: [{ status: 200 }], mode: 'navigate' },
  { method: 'GET', path: '/lab/no-acao', hops: [{ status: 200 }], error: 'net::ERR_FAILED', mode: 'cors' },
  { method: 'GET', path: '/fx/set-cookie', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'GET', path: '/fx/with-cookie', hops: [{ status: 200 }], mode: 'cors', credentials: 'include' },
  { method: 'GET', path: '/fx/with-cookie-no-acac', hops: [{ status: 200 }], error: 'net::ERR_FAILED', mode: 'cors', credentials: 'include' },
  { method: 'PUT', path: '/fx/preflight-403', hops: [{ status: null, preflight: 403 }], error: 'net::ERR_FAILED', mode: 'cors' },
  { method: 'GET', path: '/fx/opaque', hops: [{ status: 200 }], mode: 'no-cors' },
];

/**
 * Firefox, same scenarios: a failed preflight ends both requests in NS_ERROR_DOM_BAD_URI; a simple
 * request blocked by CORS completes without error; the second PUT to /fx/cached is preflighted
 * again (Firefox 153 did not reuse the cached preflight); the preflight at the redirect hop carries
 * the page's Origin, which the target (allowing only `null`) refuses.
 */
const FIREFOX_HTTP: Expected[] = [
  { method: 'GET', path: '/fixtures-http', hops: [{ status: 200 }], mode: 'navigate' },
  { method: 'GET', path: '/lab/no-acao', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'PUT', path: '/lab/put-refused', hops: [{ status: null, preflight: 204 }], error: 'NS_ERROR_DOM_BAD_URI', mode: 'cors' },
  { method: 'GET', path: '/lab/wildcard', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'GET', path: '/lab/redirect-start', hops: [{ status: 302 }, { status: 200 }], mode: 'cors' },
  { method: 'GET', path: '/lab/mismatch', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'GET', path: '/lab/public', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'PUT', path: '/lab/put-allowed', hops: [{ status: 200, preflight: 204 }], mode: 'cors' },
  { method: 'GET', path: '/lab/credentialed', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'GET', path: '/lab/same-origin', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'GET', path: '/lab/cookie-start', hops: [{ status: 302 }, { status: 200 }], mode: 'cors', credentials: 'include' },
  { method: 'PUT', path: '/fx/cached', hops: [{ status: 200, preflight: 204 }], mode: 'cors' },
  { method: 'PUT', path: '/fx/cached', hops: [{ status: 200, preflight: 204 }], mode: 'cors' },
  { method: 'PUT', path: '/fx/concurrent', hops: [{ status: 200, preflight: 204 }], mode: 'cors' },
  { method: 'PUT', path: '/fx/concurrent', hops: [{ status: 200, preflight: 204 }], mode: 'cors' },
  { method: 'PUT', path: '/fx/redirect-307', hops: [{ status: 307, preflight: 204 }, { status: null, preflight: 204 }], error: 'NS_ERROR_DOM_BAD_URI', mode: 'cors' },
  { method: 'PUT', path: '/fx/preflight-403', hops: [{ status: null, preflight: 403 }], error: 'NS_ERROR_DOM_BAD_URI', mode: 'cors' },
  { method: 'GET', path: '/fx/opaque', hops: [{ status: 200 }], mode: 'no-cors' },
  { method: 'GET', path: '/fx/refused', hops: [{ status: null }], error: 'NS_ERROR_CONNECTION_REFUSED', mode: 'cors' },
];

const FIREFOX_HTTPS: Expected[] = [
  { method: 'GET', path: '/fixtures-https', hops: [{ status: 200 }], mode: 'navigate' },
  { method: 'GET', path: '/lab/no-acao', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'GET', path: '/fx/set-cookie', hops: [{ status: 200 }], mode: 'cors' },
  { method: 'GET', path: '/fx/with-cookie', hops: [{ status: 200 }], mode: 'cors', credentials: 'include' },
  { method: 'GET', path: '/fx/with-cookie-no-acac', hops: [{ status: 200 }], mode: 'cors', credentials: 'include' },
  { method: 'PUT', path: '/fx/preflight-403', hops: [{ status: null, preflight: 403 }], error: 'NS_ERROR_DOM_BAD_URI', mode: 'cors' },
  { method: 'GET', path: '/fx/opaque', hops: [{ status: 200 }], mode: 'no-cors' },
];

/** The requests the page made: the browser's own favicon request comes whenever it likes. */
const pageMade = (flows: Flow[]) => flows.filter((f) => !f.request.url.endsWith('/favicon.ico'));

function shape(flows: Flow[]) {
  return flows.map((f) => ({
    method: f.request.method,
    path: new URL(f.request.url).pathname,
    hops: f.hops.map((h) => ({ status: h.response?.status ?? null, ...(h.preflight ? { preflight: h.preflight.response?.status } : {}) })),
    ...(f.error ? { error: f.error } : {}),
    mode: f.request.mode,
  }));
}

function expectFlows(all: Flow[], expected: Expected[]) {
  const flows = pageMade(all);
  expect(shape(flows)).toEqual(expected.map(({ credentials: _c, cacheHitOf: _h, ...rest }) => rest));
  expected.forEach((e, i) => {
    if (e.credentials) expect(flows[i]!.request.credentials).toBe(e.credentials);
    if (e.cacheHitOf) {
      const hit = flows[i]!.preflightCacheHit;
      expect(hit).toBeDefined();
      const source = flows.find((f) => f.id === hit!.flowId)!;
      expect(new URL(source.request.url).pathname).toBe(e.cacheHitOf);
      expect(source.hops[0]!.preflight).toBeDefined();
      expect(hit!.maxAgeSeconds).toBe(600);
    } else {
      expect(flows[i]!.preflightCacheHit).toBeUndefined();
    }
  });
}

describe('flowsFromRecords on webRequest events recorded from Chromium 156 by the extension', () => {
  it('makes one flow per request the page made, in order, with each preflight on its hop (HTTP lab)', () => {
    expectFlows(flowsFromRecords(recordsOf(http.events), chrome), EXPECTED_HTTP);
  });

  it('does the same for the HTTPS page (Sec-Fetch-Mode, cookies sent)', () => {
    expectFlows(flowsFromRecords(recordsOf(https.events), chrome), EXPECTED_HTTPS);
  });

  it('pairs Firefox preflights too, whose events come in another order (firefox-esr 153)', () => {
    expectFlows(flowsFromRecords(recordsOf(ffHttp.events), firefox), FIREFOX_HTTP);
    expectFlows(flowsFromRecords(recordsOf(ffHttps.events), firefox), FIREFOX_HTTPS);
    // Without being told, the correlator recognizes Firefox records by their documentUrl.
    expect(shape(flowsFromRecords(recordsOf(ffHttp.events)))).toEqual(shape(flowsFromRecords(recordsOf(ffHttp.events), firefox)));
  });

  it('marks a Firefox request whose preflight failed as never sent, although Firefox fired onSendHeaders', () => {
    const flow = flowsFromRecords(recordsOf(ffHttp.events), firefox).find((f) => f.request.url.endsWith('/lab/put-refused'))!;
    expect(ffHttp.events.some((e) => e.event === 'sendHeaders' && e.method === 'PUT' && e.url.endsWith('/lab/put-refused'))).toBe(true);
    expect(flow.hops[0]!.sent).toBe(false);
    expect(flow.request.headers).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Api-Key', value: 'lab-key' },
    ]);
  });

  it('agrees with the records the extension itself ended up with', () => {
    expect(shape(flowsFromRecords(http.records, chrome))).toEqual(shape(flowsFromRecords(recordsOf(http.events), chrome)));
  });

  it('pairs each concurrent identical request with the preflight that ended before it was sent', () => {
    const records = recordsOf(http.events);
    const flows = flowsFromRecords(records, chrome).filter((f) => f.request.url.endsWith('/fx/concurrent'));
    expect(flows).toHaveLength(2);
    const starts = flows.map((f) => f.hops[0]!.preflight!.startedAt);
    expect(new Set(starts).size).toBe(2);
    for (const f of flows) {
      const rec = records.find((r) => `wr:${r.tabId}:${r.requestId}` === f.id)!;
      const pre = records.find((r) => r.startedAt === f.hops[0]!.preflight!.startedAt && r.hops[0]!.method === 'OPTIONS')!;
      expect(pre.endedAt!).toBeLessThanOrEqual(rec.hops[0]!.sentAt!);
    }
  });

  it('keeps the preflight of each redirect hop on that hop, with the Origin the browser sent there', () => {
    const flow = flowsFromRecords(recordsOf(http.events), chrome).find((f) => f.request.url.endsWith('/fx/redirect-307'))!;
    const origins = flow.hops.map((h) => h.preflight!.request.headers.find((x) => x.name === 'Origin')!.value);
    expect(origins).toEqual([flow.request.origin, 'null']);
    expect(flow.hops[1]!.preflight!.request.url).toBe(flow.hops[1]!.request.url);
  });

  it('rebuilds author headers: sent ones minus what the browser added; names only when the request never left', () => {
    const flows = flowsFromRecords(recordsOf(http.events), chrome);
    const allowed = flows.find((f) => f.request.url.endsWith('/lab/put-allowed'))!;
    expect(allowed.request.headers).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Api-Key', value: 'lab-key' },
    ]);
    const refused = flows.find((f) => f.request.url.endsWith('/lab/put-refused'))!;
    expect(refused.request.headers.map((h) => h.name)).toEqual(['content-type', 'x-api-key']);
    expect(refused.inferred.find((i) => i.field === 'headers')!.from).toMatch(/names only/);
  });

  it('records every inference with its evidence', () => {
    for (const f of flowsFromRecords(recordsOf(http.events), chrome)) {
      const fields = f.inferred.map((i) => i.field);
      for (const field of ['origin', 'mode', 'credentials', 'initiatorType', 'headers'] as const) expect(fields).toContain(field);
      expect(f.inferred.every((i) => i.from.length > 0)).toBe(true);
    }
  });
});

/** Replays events through the reducer and an incremental correlator, one batch at a time. */
function replay(events: readonly WebRequestEvent[], batchSizes: readonly number[]): Flow[] {
  const correlator = new Correlator(chrome);
  const records = new Map<string, WebRequestRecord>();
  let flows: Flow[] = [];
  let i = 0;
  let b = 0;
  while (i < events.length) {
    const size = Math.max(1, batchSizes[b++ % batchSizes.length] ?? 1);
    const changed = new Map<string, WebRequestRecord>();
    for (const ev of events.slice(i, i + size)) {
      const rec = applyWebRequestEvent(records.get(ev.requestId), ev);
      records.set(ev.requestId, rec);
      changed.set(ev.requestId, rec);
    }
    i += size;
    flows = correlator.update(changed.values());
  }
  return flows;
}

describe("DevTools' own requests", () => {
  // Synthetic records in the shape Chromium reports them: DevTools re-reads the inspected document
  // from the cache only (type "other", never sent, net::ERR_CACHE_MISS when it was not cacheable).
  const base = { tabId: 3, frameId: 0, state: 'complete' as const, revision: 1 };
  const doc: WebRequestRecord = { ...base, requestId: '1', type: 'main_frame', startedAt: 1, hops: [{ url: 'https://app.a.test/', method: 'GET', sent: true, statusCode: 200 }] };
  const devtools: WebRequestRecord = { ...base, requestId: '2', type: 'other', startedAt: 5, state: 'error', error: 'net::ERR_CACHE_MISS', hops: [{ url: 'https://app.a.test/', method: 'GET', sent: false }] };

  it('are left out when they re-read the inspected document from the cache', () => {
    expect(flowsFromRecords([doc, devtools], chrome).map((f) => f.id)).toEqual(['wr:3:1']);
    expect(flowsFromRecords([devtools, doc], chrome).map((f) => f.id)).toEqual(['wr:3:1']);
  });

  it('are left out when the tab\'s document was never seen (DevTools opened on a page loaded earlier)', () => {
    const favicon: WebRequestRecord = { ...base, requestId: '5', type: 'image', startedAt: 2, hops: [{ url: 'https://app.a.test/favicon.ico', method: 'GET', sent: true, statusCode: 404 }] };
    expect(flowsFromRecords([favicon, devtools], chrome).map((f) => f.id)).toEqual(['wr:3:5']);
    // When the document turns up later, the re-read stays out; another URL would come back.
    const c = new Correlator(chrome);
    c.update([devtools]);
    expect(c.update([doc]).map((f) => f.id)).toEqual(['wr:3:1']);
  });

  it("are not confused with a page's own cache-only fetch, or with another URL", () => {
    const pageFetch = { ...devtools, requestId: '3', type: 'xmlhttprequest', initiator: 'https://app.a.test' };
    const other = { ...devtools, requestId: '4', hops: [{ url: 'https://app.a.test/x', method: 'GET', sent: false }] };
    expect(flowsFromRecords([doc, pageFetch, other], chrome).map((f) => f.id)).toEqual(['wr:3:1', 'wr:3:3', 'wr:3:4']);
  });
});

describe('Correlator (incremental)', () => {
  const oneShot = flowsFromRecords(recordsOf(http.events), chrome);

  it('gives, event by event, the same flows as one pass over the final records', () => {
    expect(replay(http.events, [1])).toEqual(oneShot);
  });

  it('gives the same flows whatever the batching and the order records arrive in a batch', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), (sizes) => {
        expect(replay(http.events, sizes)).toEqual(oneShot);
      }),
      { numRuns: 25 },
    );
    const shuffledFinal = new Correlator(chrome).update([...recordsOf(http.events)].reverse());
    expect(shuffledFinal).toEqual(oneShot);
  });

  it('shows a main request without its preflight until the preflight is known, then pairs them', () => {
    const put = http.events.filter((e) => e.url.endsWith('/lab/put-allowed'));
    const correlator = new Correlator(chrome);
    const records = new Map<string, WebRequestRecord>();
    const after: boolean[] = [];
    for (const ev of put) {
      const rec = applyWebRequestEvent(records.get(ev.requestId), ev);
      records.set(ev.requestId, rec);
      const flows = correlator.update([rec]);
      expect(flows.filter((f) => f.request.method === 'PUT')).toHaveLength(1); // never a second flow for the OPTIONS
      after.push(flows.some((f) => f.hops[0]!.preflight !== undefined));
    }
    expect(after.at(-1)).toBe(true);
    expect(after[0]).toBe(false);
  });

  it('forgets removed records: a preflight whose request was evicted becomes a flow of its own', () => {
    const records = recordsOf(http.events.filter((e) => e.url.endsWith('/lab/put-allowed')));
    const correlator = new Correlator(chrome);
    correlator.update(records);
    const main = records.find((r) => r.hops[0]!.method === 'PUT')!;
    const flows = correlator.remove([main.requestId], main.tabId);
    expect(flows).toHaveLength(1);
    expect(flows[0]!.request.method).toBe('PUT');
    expect(flows[0]!.hops[0]!.sent).toBe(false);
    expect(flows[0]!.hops[0]!.preflight!.response!.status).toBe(204);
    expect(flows[0]!.inferred.some((i) => i.field === 'method' && /only the preflight/.test(i.from))).toBe(true);
  });
});

describe('flowsFromRecords on hostile webRequest events', () => {
  it('never throws, through evaluation and every rendering, whatever strings, numbers and orders the events hold', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('', 'https://app.a.test/', 'https://api.b.test:8443/x?y#z', 'http://[bad', 'data:,x', 'chrome-extension://abc/x', 'null', 'OPTIONS', 'PUT',
        'Origin', 'Location', 'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials',
        '*', 'true', 'Set-Cookie', 'a=b; SameSite=None; Secure', 'Cookie', 'Sec-Fetch-Dest', 'Sec-Fetch-Mode', 'cors', 'empty', '__proto__', 'constructor', 'toString', 'Accept', 'Pragma'),
    );
    const headers = fc.option(fc.array(fc.record({ name: text, value: text }), { maxLength: 4 }), { nil: undefined });
    const event = fc.record({
      event: fc.constantFrom('beforeRequest', 'sendHeaders', 'headersReceived', 'beforeRedirect', 'responseStarted', 'completed', 'errorOccurred') as fc.Arbitrary<WebRequestEvent['event']>,
      requestId: fc.constantFrom('1', '2', '3', '__proto__', 'constructor'),
      tabId: fc.constantFrom(1, 2, -1),
      frameId: fc.option(fc.constantFrom(0, 1), { nil: undefined }),
      url: text,
      method: fc.oneof(fc.constantFrom('GET', 'OPTIONS', 'PUT', 'POST'), text),
      type: fc.oneof(fc.constantFrom('xmlhttprequest', 'main_frame', 'sub_frame', 'script', 'image', 'other'), text),
      timeStamp: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double()),
      initiator: fc.option(text, { nil: undefined }),
      originUrl: fc.option(text, { nil: undefined }),
      documentUrl: fc.option(text, { nil: undefined }),
      requestHeaders: headers,
      responseHeaders: headers,
      statusCode: fc.option(fc.oneof(fc.constantFrom(200, 204, 301, 302, 303, 307, 401), fc.integer({ min: -2, max: 1000 })), { nil: undefined }),
      statusLine: fc.option(text, { nil: undefined }),
      redirectUrl: fc.option(text, { nil: undefined }),
      ip: fc.option(fc.oneof(text, fc.constantFrom('127.0.0.1', '::1', '10.0.0.1')), { nil: undefined }),
      fromCache: fc.option(fc.boolean(), { nil: undefined }),
      error: fc.option(fc.oneof(text, fc.constantFrom('net::ERR_FAILED', 'NS_ERROR_DOM_BAD_URI')), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), fc.constantFrom(chrome, firefox), (events, opts) => {
        const records = new Map<string, WebRequestRecord>();
        for (const ev of events as WebRequestEvent[]) records.set(ev.requestId, applyWebRequestEvent(records.get(ev.requestId), ev));
        const flows = flowsFromRecords(records.values(), opts);
        const report = buildReport(analyzeFlows(flows, { browser: opts.browser.name, thirdPartyCookies: 'allowed' }));
        // The HAR the panel exports must read back, whatever it was made of.
        expect(readHar(JSON.stringify(flowsToHar(flows))).ok).toBe(true);
        renderText(report);
        renderMarkdown(report);
        renderHtml(report);
        expect(report).toBeDefined();
      }),
      { numRuns: 400 },
    );
  });
});
