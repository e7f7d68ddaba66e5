import { describe, expect, it } from 'vitest';
import type { WebRequestEvent, WebRequestRecord } from '../model/webrequest.ts';
import { inferPageRequest, type RequestEvidence } from './infer.ts';
import { applyWebRequestEvent } from './webrequest-record.ts';
import { flowsFromRecords } from './webrequest.ts';

const PAGE = 'http://app.test';
const base: RequestEvidence = {
  url: `${PAGE}/go`,
  method: 'GET',
  preflightNames: new Set(),
  cookiesSent: true,
  kind: 'fetch',
  kindEvidence: 'HAR _resourceType fetch',
  sentHeaders: [{ name: 'Sec-Fetch-Mode', value: 'cors' }],
  initiator: { origin: PAGE, from: 'the webRequest initiator' },
};
const credentials = (ev: RequestEvidence) => {
  const { request, inferred } = inferPageRequest(ev);
  return [request.credentials, inferred.find((i) => i.field === 'credentials')!.from];
};

describe('inferring the credentials mode from cookies', () => {
  it('cookies only on the same-origin first hop: same-origin, saying include looks alike', () => {
    expect(credentials({ ...base, cookieUrls: [`${PAGE}/go`] })).toEqual(['same-origin', expect.stringMatching(/same-origin and include look alike/)]);
  });

  it('cookies on a cross-origin hop after a same-origin one: include (same-origin credentials stop at the first cross-origin hop)', () => {
    expect(credentials({ ...base, cookieUrls: [`${PAGE}/go`, 'http://api.test/x'] })).toEqual(['include', 'cookies were sent to another origin after a redirect (http://api.test/x)']);
  });

  it('live: a same-origin URL redirected to an API that got cookies', () => {
    const byId = new Map<string, WebRequestRecord>();
    const ev = (e: Partial<WebRequestEvent> & Pick<WebRequestEvent, 'event' | 'timeStamp'>) => {
      const full: WebRequestEvent = { requestId: 'R', tabId: 1, url: `${PAGE}/go`, method: 'GET', type: 'xmlhttprequest', initiator: PAGE, ...e };
      byId.set(full.requestId, applyWebRequestEvent(byId.get(full.requestId), full));
    };
    ev({ event: 'beforeRequest', timeStamp: 0 });
    ev({ event: 'sendHeaders', timeStamp: 1, requestHeaders: [{ name: 'Cookie', value: 'a=1' }] });
    ev({ event: 'beforeRedirect', timeStamp: 2, statusCode: 302, redirectUrl: 'http://api.test/x', responseHeaders: [{ name: 'Location', value: 'http://api.test/x' }] });
    ev({ event: 'beforeRequest', timeStamp: 3, url: 'http://api.test/x' });
    ev({ event: 'sendHeaders', timeStamp: 4, url: 'http://api.test/x', requestHeaders: [{ name: 'Origin', value: 'null' }, { name: 'Cookie', value: 'b=2' }] });
    ev({ event: 'completed', timeStamp: 5, url: 'http://api.test/x', statusCode: 200, responseHeaders: [] });
    const [flow] = flowsFromRecords(byId.values(), { browser: { name: 'chrome' } });
    expect(flow!.request.credentials).toBe('include');
  });
});

describe('a flow built from its preflight alone', () => {
  it('does not claim the request sent no cookies or was never sent: it was not seen', () => {
    const byId = new Map<string, WebRequestRecord>();
    const ev = (e: Partial<WebRequestEvent> & Pick<WebRequestEvent, 'event' | 'timeStamp'>) => {
      const full: WebRequestEvent = { requestId: 'P', tabId: 1, url: 'http://api.test/x', method: 'OPTIONS', type: 'xmlhttprequest', initiator: PAGE, ...e };
      byId.set(full.requestId, applyWebRequestEvent(byId.get(full.requestId), full));
    };
    ev({ event: 'beforeRequest', timeStamp: 0 });
    ev({ event: 'sendHeaders', timeStamp: 1, requestHeaders: [{ name: 'Origin', value: PAGE }, { name: 'Access-Control-Request-Method', value: 'PUT' }, { name: 'Access-Control-Request-Headers', value: 'x-key' }] });
    ev({ event: 'completed', timeStamp: 5, statusCode: 204, responseHeaders: [] });
    const [flow] = flowsFromRecords(byId.values(), { browser: { name: 'chrome' } });
    const notes = Object.fromEntries(flow!.inferred.map((i) => [i.field, i.from]));
    expect(notes.credentials).toBe('only the preflight was seen, not the request: its cookies are unknown; assumed the default (same-origin)');
    expect(notes.headers).toBe('only the preflight was seen: the names in its Access-Control-Request-Headers; their values are unknown');
    expect(flow!.inferred.map((i) => i.from).join('\n')).not.toMatch(/never sent|no cookies were sent/);
  });
});
