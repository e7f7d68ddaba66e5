/**
 * Local Network Access from captures: the page's address space comes from the IP its document was
 * served from, each hop's from the IP it reached (also when it failed after connecting).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/index.ts';
import type { EvaluationContext } from '../model/index.ts';
import type { WebRequestEvent } from '../model/webrequest.ts';
import { readHar } from '../har/read.ts';
import { recordsOf } from '../../test/fixtures/load.ts';
import { flowsFromHar } from './har.ts';
import { flowsFromRecords } from './webrequest.ts';

const ctx: EvaluationContext = { browser: 'chrome', thirdPartyCookies: 'allowed' };
const PAGE = 'https://app.site-a.test';
const ROUTER = 'http://192.168.1.1/api/status';

const ev = (e: Partial<WebRequestEvent> & Pick<WebRequestEvent, 'event' | 'requestId' | 'url' | 'timeStamp'>): WebRequestEvent => ({
  tabId: 4,
  frameId: 0,
  method: 'GET',
  type: 'xmlhttprequest',
  initiator: PAGE,
  ...e,
});

/** A public https page fetches a device on the local network; Chromium refuses after connecting. */
function events(pageIp: string): WebRequestEvent[] {
  return [
    ev({ event: 'beforeRequest', requestId: '1', type: 'main_frame', url: `${PAGE}/`, timeStamp: 1, initiator: undefined }),
    ev({ event: 'responseStarted', requestId: '1', type: 'main_frame', url: `${PAGE}/`, timeStamp: 5, statusCode: 200, ip: pageIp, initiator: undefined }),
    ev({ event: 'completed', requestId: '1', type: 'main_frame', url: `${PAGE}/`, timeStamp: 6, statusCode: 200, ip: pageIp, initiator: undefined }),
    ev({ event: 'beforeRequest', requestId: '2', url: ROUTER, timeStamp: 10 }),
    ev({ event: 'errorOccurred', requestId: '2', url: ROUTER, timeStamp: 12, error: 'net::ERR_FAILED', ip: '192.168.1.1' }),
  ];
}

describe('address spaces from webRequest', () => {
  it("gives the page the address space of its document's IP and each hop that of the IP it reached", () => {
    const flow = flowsFromRecords(recordsOf(events('203.0.113.7')), { browser: { name: 'chrome' } }).find((f) => f.request.url === ROUTER)!;
    expect(flow.request.initiatorAddressSpace).toBe('public');
    expect(flow.hops[0]!.addressSpace).toBe('local');
    expect(flow.inferred.find((i) => i.field === 'initiatorAddressSpace')?.from).toMatch(/203\.0\.113\.7 \(public\)/);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('LocalNetworkAccessPermissionDenied');
    expect(e.error?.messages.chrome).toBe(
      `Access to fetch at '${ROUTER}' from origin '${PAGE}' has been blocked by CORS policy: Permission was denied for this request to access the \`local\` address space.`,
    );
  });

  it('takes the space from the URL when Chromium reports no IP (its refusal, net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS, carries none)', () => {
    // As Chromium 156 reported it (probed with --ip-address-space-overrides): no ip on onErrorOccurred.
    const refused = events('203.0.113.7').map((e) => (e.event === 'errorOccurred' ? { ...e, ip: undefined, error: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS' } : e));
    const flow = flowsFromRecords(recordsOf(refused), { browser: { name: 'chrome' } }).find((f) => f.request.url === ROUTER)!;
    expect(flow.hops[0]!.addressSpace).toBe('local');
    expect(evaluate(flow, ctx).error?.code).toBe('LocalNetworkAccessPermissionDenied');
    const named = (url: string) =>
      flowsFromRecords(recordsOf(refused.map((e) => (e.requestId === '2' ? { ...e, url } : e))), { browser: { name: 'chrome' } }).find((f) => f.request.url === url)!.hops[0]!.addressSpace;
    expect(named('http://localhost:8080/x')).toBe('loopback');
    expect(named('http://[::1]:8080/x')).toBe('loopback');
    expect(named('http://10.1.2.3/x')).toBe('local');
    // A name says nothing about where it resolves.
    expect(named('http://router.example/x')).toBeUndefined();
  });

  it('finds nothing to refuse when the page is as private as the target, or its document is not the page', () => {
    const local = flowsFromRecords(recordsOf(events('192.168.1.20')), { browser: { name: 'chrome' } }).find((f) => f.request.url === ROUTER)!;
    expect(local.request.initiatorAddressSpace).toBe('local');
    expect(evaluate(local, ctx).error?.code).not.toBe('LocalNetworkAccessPermissionDenied');
    // A request whose initiator is another origin than the frame's document: that IP says nothing.
    const other = events('203.0.113.7').map((e) => (e.requestId === '2' ? { ...e, initiator: 'https://elsewhere.test' } : e));
    const flow = flowsFromRecords(recordsOf(other), { browser: { name: 'chrome' } }).find((f) => f.request.url === ROUTER)!;
    expect(flow.request.initiatorAddressSpace).toBeUndefined();
  });

  it('takes the document of the frame that made the request', () => {
    const framed = [
      ...events('192.168.1.20'),
      ev({ event: 'beforeRequest', requestId: '3', frameId: 7, type: 'sub_frame', url: `${PAGE}/widget`, timeStamp: 7 }),
      ev({ event: 'completed', requestId: '3', frameId: 7, type: 'sub_frame', url: `${PAGE}/widget`, timeStamp: 8, statusCode: 200, ip: '198.51.100.2' }),
      ev({ event: 'beforeRequest', requestId: '4', frameId: 7, url: `${ROUTER}?from=widget`, timeStamp: 11 }),
    ];
    const flows = flowsFromRecords(recordsOf(framed), { browser: { name: 'chrome' } });
    expect(flows.find((f) => f.request.url === ROUTER)!.request.initiatorAddressSpace).toBe('local');
    expect(flows.find((f) => f.request.url === `${ROUTER}?from=widget`)!.request.initiatorAddressSpace).toBe('public');
  });
});

describe('address spaces from a HAR', () => {
  const entry = (url: string, type: string, status: number, ip: string, extra: Record<string, unknown> = {}) => ({
    _resourceType: type,
    startedDateTime: new Date(Date.UTC(2026, 0, 1) + (type === 'document' ? 0 : 100)).toISOString(),
    time: 5,
    pageref: 'page_1',
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: type === 'document' ? [] : [{ name: 'Origin', value: PAGE }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status, statusText: '', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/html' }, redirectURL: '', headersSize: -1, bodySize: 0, ...extra },
    cache: {},
    timings: { send: 0, wait: 1, receive: 1 },
    serverIPAddress: ip,
  });
  const har = (pageIp: string) =>
    JSON.stringify({
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [{ id: 'page_1', title: `${PAGE}/`, startedDateTime: new Date(Date.UTC(2026, 0, 1)).toISOString(), pageTimings: {} }],
        entries: [entry(`${PAGE}/`, 'document', 200, pageIp), entry(ROUTER, 'fetch', 0, '192.168.1.1', { _error: 'net::ERR_FAILED' })],
      },
    });

  it("uses the page's document entry and the failed entry's serverIPAddress", () => {
    const read = readHar(har('[2001:db8::1]'));
    if (!read.ok) throw new Error(read.error.message);
    const flow = flowsFromHar(read).find((f) => f.request.url === ROUTER)!;
    expect(flow.request.initiatorAddressSpace).toBe('public');
    expect(flow.hops[0]!.addressSpace).toBe('local');
    expect(evaluate(flow, ctx).error?.code).toBe('LocalNetworkAccessPermissionDenied');
    const doc = flowsFromHar(read).find((f) => f.request.url === `${PAGE}/`)!;
    expect(doc.request.initiatorAddressSpace).toBeUndefined();
  });
});
