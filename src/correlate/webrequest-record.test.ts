import { describe, expect, it } from 'vitest';
import type { WebRequestEvent } from '../model/webrequest.ts';
import {
  applyWebRequestEvent,
  boundHeaders,
  isPreflightRecord,
  MAX_HEADER_VALUE_LENGTH,
  MAX_HEADERS_PER_HOP,
  redirectMethod,
} from './webrequest-record.ts';

const base = { requestId: '1', tabId: 7, url: 'https://api.b.test/x', method: 'GET', type: 'xmlhttprequest' };
const ev = (e: Partial<WebRequestEvent> & Pick<WebRequestEvent, 'event'>, t = 1): WebRequestEvent => ({ ...base, timeStamp: t, ...e });

function fold(events: WebRequestEvent[]) {
  return events.reduce<ReturnType<typeof applyWebRequestEvent> | undefined>((r, e) => applyWebRequestEvent(r, e), undefined)!;
}

describe('applyWebRequestEvent', () => {
  it('builds one record with request and response headers, status and completion', () => {
    const rec = fold([
      ev({ event: 'beforeRequest', initiator: 'https://app.a.test' }),
      ev({ event: 'sendHeaders', requestHeaders: [{ name: 'Origin', value: 'https://app.a.test' }] }),
      ev({ event: 'headersReceived', statusCode: 200, responseHeaders: [{ name: 'Content-Type', value: 'text/plain' }] }),
      ev({ event: 'completed', statusCode: 200 }, 9),
    ]);
    expect(rec).toMatchObject({ initiator: 'https://app.a.test', state: 'complete', endedAt: 9, revision: 3 });
    expect(rec.hops).toEqual([
      {
        url: base.url,
        method: 'GET',
        sent: true,
        statusCode: 200,
        requestHeaders: [{ name: 'Origin', value: 'https://app.a.test' }],
        responseHeaders: [{ name: 'Content-Type', value: 'text/plain' }],
        startedAt: 1,
        sentAt: 1,
      },
    ]);
  });

  it('adds a hop per redirect and rewrites POST to GET after a 302', () => {
    const rec = fold([
      ev({ event: 'beforeRequest', method: 'POST' }),
      ev({ event: 'sendHeaders', method: 'POST', requestHeaders: [] }),
      ev({ event: 'beforeRedirect', method: 'POST', statusCode: 302, redirectUrl: 'https://c.test/y', responseHeaders: [] }),
      ev({ event: 'beforeRequest', url: 'https://c.test/y', method: 'GET' }),
      ev({ event: 'sendHeaders', url: 'https://c.test/y', requestHeaders: [{ name: 'Origin', value: 'null' }] }),
      ev({ event: 'errorOccurred', url: 'https://c.test/y', error: 'net::ERR_FAILED' }),
    ]);
    expect(rec.hops.map((h) => [h.url, h.method, h.statusCode, h.redirectUrl, h.sent])).toEqual([
      [base.url, 'POST', 302, 'https://c.test/y', true],
      ['https://c.test/y', 'GET', undefined, undefined, true],
    ]);
    expect(rec).toMatchObject({ state: 'error', error: 'net::ERR_FAILED' });
  });

  it('starts a record from any event when the first ones were missed', () => {
    const rec = fold([ev({ event: 'errorOccurred', error: 'net::ERR_FAILED' })]);
    expect(rec).toMatchObject({ state: 'error', hops: [{ url: base.url, sent: false }] });
  });

  it('derives the initiator from Firefox originUrl', () => {
    const rec = fold([ev({ event: 'beforeRequest', originUrl: 'https://app.a.test:8443/page?q=1' })]);
    expect(rec.initiator).toBe('https://app.a.test:8443');
  });

  it('never changes the previous record', () => {
    const first = fold([ev({ event: 'beforeRequest' })]);
    const snapshot = structuredClone(first);
    applyWebRequestEvent(first, ev({ event: 'sendHeaders', requestHeaders: [{ name: 'a', value: 'b' }] }));
    expect(first).toEqual(snapshot);
  });

  it('tolerates events without headers', () => {
    const rec = fold([ev({ event: 'beforeRequest' }), ev({ event: 'sendHeaders' }), ev({ event: 'completed', statusCode: 204 })]);
    expect(rec.hops[0]).toMatchObject({ sent: true, statusCode: 204 });
    expect(rec.hops[0]!.requestHeaders).toBeUndefined();
  });
});

describe('boundHeaders', () => {
  it('cuts huge values and says so', () => {
    const [h] = boundHeaders([{ name: 'X-Big', value: 'a'.repeat(200_000) }])!;
    expect(h!.value.length).toBeLessThan(MAX_HEADER_VALUE_LENGTH + 100);
    expect(h!.value).toContain('truncated; 200000 characters in all');
  });
  it('keeps at most MAX_HEADERS_PER_HOP headers and counts the rest', () => {
    const many = Array.from({ length: MAX_HEADERS_PER_HOP + 5 }, (_, i) => ({ name: `h${i}`, value: '' }));
    const out = boundHeaders(many)!;
    expect(out).toHaveLength(MAX_HEADERS_PER_HOP + 1);
    expect(out.at(-1)).toEqual({ name: 'x-cors-lens-truncated', value: '5 more headers not kept' });
  });
});

describe('redirectMethod', () => {
  it.each([
    ['POST', 301, 'GET'],
    ['POST', 302, 'GET'],
    ['PUT', 302, 'PUT'],
    ['PUT', 303, 'GET'],
    ['HEAD', 303, 'HEAD'],
    ['POST', 307, 'POST'],
    ['POST', 308, 'POST'],
  ])('%s after %i is %s', (m, s, want) => expect(redirectMethod(m, s)).toBe(want));
});

describe('isPreflightRecord', () => {
  it('is an OPTIONS request with Access-Control-Request-Method', () => {
    const pre = fold([
      ev({ event: 'beforeRequest', method: 'OPTIONS' }),
      ev({ event: 'sendHeaders', method: 'OPTIONS', requestHeaders: [{ name: 'Access-Control-Request-Method', value: 'PUT' }] }),
    ]);
    expect(isPreflightRecord(pre)).toBe(true);
    const plainOptions = fold([ev({ event: 'beforeRequest', method: 'OPTIONS' }), ev({ event: 'sendHeaders', method: 'OPTIONS', requestHeaders: [] })]);
    expect(isPreflightRecord(plainOptions)).toBe(false);
  });
});

describe('applyWebRequestEvent with events late or repeated', () => {
  const next = 'https://api.b.test/y';
  const redirect = ev({ event: 'beforeRedirect', statusCode: 302, redirectUrl: next, responseHeaders: [{ name: 'Location', value: '/y' }] }, 3);
  const summary = (events: WebRequestEvent[]) => fold(events).hops.map((h) => [h.url, h.statusCode ?? null]);

  it('a redirect reported twice makes one hop, not two', () => {
    expect(summary([ev({ event: 'beforeRequest' }), redirect, redirect, ev({ event: 'beforeRequest', url: next }, 4), ev({ event: 'completed', url: next, statusCode: 200 }, 5)])).toEqual([
      [base.url, 302],
      [next, 200],
    ]);
  });

  it("a redirect that arrives after its next hop's onBeforeRequest lands on its own hop", () => {
    expect(summary([ev({ event: 'beforeRequest' }), ev({ event: 'beforeRequest', url: next }, 4), redirect, ev({ event: 'completed', url: next, statusCode: 200 }, 5)])).toEqual([
      [base.url, 302],
      [next, 200],
    ]);
  });

  it("a repeated onBeforeRequest or a late onHeadersReceived of an earlier hop does not touch the last hop", () => {
    const rec = fold([
      ev({ event: 'beforeRequest' }, 1),
      redirect,
      ev({ event: 'beforeRequest', url: next }, 4),
      ev({ event: 'beforeRequest' }, 1),
      ev({ event: 'headersReceived', statusCode: 302, responseHeaders: [{ name: 'Location', value: '/y' }] }, 2),
      ev({ event: 'completed', url: next, statusCode: 200 }, 5),
    ]);
    expect(rec.hops.map((h) => [h.url, h.statusCode, h.startedAt])).toEqual([
      [base.url, 302, 1],
      [next, 200, 4],
    ]);
  });

  it('still starts a hop for a redirect back to an earlier URL', () => {
    const back = ev({ event: 'beforeRedirect', url: next, statusCode: 302, redirectUrl: base.url }, 5);
    expect(summary([ev({ event: 'beforeRequest' }), redirect, ev({ event: 'beforeRequest', url: next }, 4), back, ev({ event: 'beforeRequest' }, 6), ev({ event: 'completed', statusCode: 200 }, 7)])).toEqual([
      [base.url, 302],
      [next, 302],
      [base.url, 200],
    ]);
  });
});
