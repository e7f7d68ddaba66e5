import { describe, expect, it } from 'vitest';
import { readText } from '../../test/fixtures/load.ts';
import { readHar } from '../har/read.ts';
import { analyzeFlows } from '../evaluate/reconcile.ts';
import type { Flow } from '../model/flow.ts';
import type { Hop } from '../model/exchange.ts';
import { credentialsFromCookiesSentLater } from './har-credentials.ts';
import { flowsFromHar } from './har.ts';

function harFlows(name: string): Flow[] {
  const har = readHar(readText(`har/${name}`), { source: name });
  if (!har.ok) throw new Error(har.error.message);
  return flowsFromHar(har, { source: name });
}

describe('credentials proven by a cookie sent back later (HARs record no credentials mode)', () => {
  // The page fetched /fx/set-cookie with credentials: 'include' (capture/scenarios.ts), sending no cookie;
  // Chromium stored sid (no blockedCookies in the truth) and sent it with /fx/with-cookie.
  for (const name of ['chromium-https.har', 'playwright-chromium-https.har']) {
    it(`the response that set sid was credentialed, and its cookie was stored (${name})`, () => {
      const flows = harFlows(name);
      const setter = flows.find((f) => f.request.url.endsWith('/fx/set-cookie'))!;
      const sender = flows.find((f) => f.request.url.endsWith('/fx/with-cookie'))!;
      expect(setter.request.credentials).toBe('include');
      expect(setter.inferred.filter((i) => i.field === 'credentials')).toEqual([
        {
          field: 'credentials',
          from: `a later request (flow ${sender.id}) sent back the cookie sid this response set: the browser stored it, which it does only for a request with credentials: 'include'`,
        },
      ]);
      const analyzed = analyzeFlows(flows, { browser: 'chrome', thirdPartyCookies: 'allowed' });
      const set = analyzed.find(({ flow }) => flow === setter || flow.id === setter.id)!.evaluation.cookies;
      expect(set.map((c) => [c.name, c.direction, c.outcome])).toEqual([['sid', 'set', 'warning']]);
    });
  }

  const flow = (id: string, hop: Partial<Hop> & { cookie?: string; setCookie?: string }, credentials = 'no cookies were sent; assumed…'): Flow => ({
    id,
    request: { url: 'https://api.b.test/x', method: 'GET', headers: [], mode: 'cors', credentials: 'same-origin', initiatorType: 'fetch', origin: 'https://a.test' },
    hops: [
      {
        request: { url: 'https://api.b.test/x', method: 'GET', headers: hop.cookie ? [{ name: 'Cookie', value: hop.cookie }] : [] },
        response: { status: 200, headers: hop.setCookie ? [{ name: 'Set-Cookie', value: hop.setCookie }] : [] },
        sent: true,
      },
    ],
    inferred: [{ field: 'credentials', from: credentials }],
  });

  it('proves nothing when the cookie was sent before, set by another flow too, or sent with another value', () => {
    const setter = flow('s', { setCookie: 'sid=1; Secure; SameSite=None' });
    const sender = flow('t', { cookie: 'sid=1' });
    expect(credentialsFromCookiesSentLater([setter, sender])[0]!.request.credentials).toBe('include');
    expect(credentialsFromCookiesSentLater([flow('r', { cookie: 'sid=1' }), setter, sender])[1]!.request.credentials).toBe('same-origin');
    expect(credentialsFromCookiesSentLater([setter, flow('o', { setCookie: 'sid=1' }), sender])[0]!.request.credentials).toBe('same-origin');
    expect(credentialsFromCookiesSentLater([setter, flow('t', { cookie: 'sid=2' })])[0]!.request.credentials).toBe('same-origin');
    // Credentials seen on the wire are never overturned.
    const known = flow('k', { setCookie: 'sid=1' }, 'cookies were sent to another origin');
    expect(credentialsFromCookiesSentLater([known, sender])[0]).toBe(known);
  });

  it('proves nothing from a cookie a same-origin hop set before the redirect to another origin', () => {
    const redirected: Flow = {
      ...flow('s', {}),
      request: { ...flow('s', {}).request, url: 'https://a.test/login' },
      hops: [
        {
          request: { url: 'https://a.test/login', method: 'GET', headers: [] },
          response: { status: 302, headers: [{ name: 'Set-Cookie', value: 'sid=1' }, { name: 'Location', value: 'https://api.b.test/x' }], redirectURL: 'https://api.b.test/x' },
          sent: true,
        },
        ...flow('s', {}).hops,
      ],
    };
    const later: Flow = { ...flow('t', {}), hops: [{ request: { url: 'https://a.test/home', method: 'GET', headers: [{ name: 'Cookie', value: 'sid=1' }] }, response: { status: 200, headers: [] }, sent: true }] };
    expect(credentialsFromCookiesSentLater([redirected, later])[0]!.request.credentials).toBe('same-origin');
  });
});
