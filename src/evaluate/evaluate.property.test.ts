/**
 * Property tests: the evaluator never throws, whatever a flow holds, and its verdict and code do
 * not depend on header-name case or header order (Chromium matches names case-insensitively and
 * joins duplicate lines — which can change a failedParameter's text but not the verdict).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvaluationContext, Flow, Header } from '../model/index.ts';
import { judge } from './index.ts';

const ctx: EvaluationContext = { browser: 'chrome', thirdPartyCookies: 'allowed' };
const VERDICTS = ['allowed', 'blocked', 'not-cors', 'failed', 'pending'];
const ORIGINS = ['https://app.site-a.test', 'http://app.site-a.test', 'https://api.site-b.test', 'null', 'https://app.site-a.test:8443'];
const URLS = ['https://api.site-b.test/x', 'https://app.site-a.test/y', 'http://api.site-b.test/z', 'https://api.site-c.test/w', 'ftp://x.test/a', 'https://u:p@api.site-b.test/c'];
const CORS_NAMES = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
  'Vary',
  'Set-Cookie',
  'Content-Type',
  'X-Custom',
];
const CORS_VALUES = [...ORIGINS, '*', 'true', 'True', '', 'PUT, DELETE', 'PUT DELETE', 'x-api-key, authorization', '*', 'x-a; x-b', 'Origin', 'sid=1; Secure', '7201', 'notaurl', 'a, b'];
const REQ_NAMES = ['X-Api-Key', 'Content-Type', 'Authorization', 'Accept', 'Range', 'Accept-Language', 'DPR', 'X-Zed'];
const REQ_VALUES = ['application/json', 'text/plain', 'bytes=0-1', 'en-US', '2', 'k', 'a'.repeat(200)];

// --- arbitrary (hostile) flows -------------------------------------------------------------
const anyString = fc.oneof(fc.string({ maxLength: 24 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom(...CORS_VALUES, ...URLS));
const anyHeader = fc.record({ name: fc.oneof(fc.constantFrom(...CORS_NAMES, 'Location', 'Origin', '__proto__', 'constructor', 'toString', 'DPR', 'Authorization'), fc.string({ maxLength: 16 })), value: anyString });
const anyHeaders = fc.array(anyHeader, { maxLength: 6 });
const anyUrl = fc.oneof(fc.webUrl({ size: 'small' }), fc.constantFrom(...URLS), fc.string({ maxLength: 24 }));
const anyResponse = fc.option(fc.record({ status: fc.oneof(fc.integer({ min: -5, max: 999 }), fc.constantFrom(200, 204, 301, 302, 303, 307, 401)), headers: anyHeaders, redirectURL: fc.option(anyUrl, { nil: undefined }), serverIPAddress: fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()), { nil: undefined }) }), { nil: undefined });
const anyExchange = fc.record({
  request: fc.record({ url: anyUrl, method: fc.oneof(fc.constantFrom('GET', 'OPTIONS', 'PUT', 'patch'), fc.string()), headers: anyHeaders }),
  response: anyResponse,
  error: fc.option(fc.constantFrom('net::ERR_FAILED', 'net::ERR_CONNECTION_REFUSED', 'NS_ERROR_DOM_BAD_URI', ''), { nil: undefined }),
  addressSpace: fc.option(fc.constantFrom('public', 'local', 'loopback', 'bogus'), { nil: undefined }),
});
const anyHop = fc.record({
  request: fc.record({ url: anyUrl, method: fc.string(), headers: anyHeaders }),
  response: anyResponse,
  preflight: fc.option(anyExchange, { nil: undefined }),
  sent: fc.boolean(),
  error: fc.option(fc.constantFrom('net::ERR_FAILED', 'net::ERR_ABORTED'), { nil: undefined }),
  addressSpace: fc.option(fc.constantFrom('public', 'local', 'loopback'), { nil: undefined }),
});
const anyFlow = fc.record({
  id: fc.string(),
  request: fc.record({
    url: anyUrl,
    method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'patch', 'DELETE'), fc.string()),
    headers: anyHeaders,
    mode: fc.constantFrom('cors', 'no-cors', 'same-origin', 'navigate', 'websocket', 'weird'),
    credentials: fc.constantFrom('omit', 'same-origin', 'include', 'x'),
    initiatorType: fc.constantFrom('fetch', 'xmlhttprequest', 'script', 'other', 'zzz'),
    origin: fc.oneof(fc.constantFrom(...ORIGINS), fc.string()),
    redirect: fc.option(fc.constantFrom('follow', 'error', 'manual'), { nil: undefined }),
    initiatorAddressSpace: fc.option(fc.constantFrom('public', 'local', 'loopback'), { nil: undefined }),
  }),
  hops: fc.array(anyHop, { maxLength: 4 }),
  error: fc.option(fc.constantFrom('net::ERR_FAILED', 'net::ERR_TOO_MANY_REDIRECTS', 'NS_ERROR_DOM_BAD_URI'), { nil: undefined }),
  inferred: fc.constant([]),
});

describe('evaluate never throws', () => {
  it('on arbitrary flows (header names and values, URLs, hops, modes)', () => {
    fc.assert(
      fc.property(anyFlow, (flow) => {
        const e = judge(flow as unknown as Flow, ctx); // the unguarded core, not the try/catch wrapper
        expect(VERDICTS).toContain(e.verdict);
        if (e.verdict === 'blocked') {
          expect(e.error?.messages.chrome).toMatch(/\S/);
          expect(e.error?.fix).not.toBeNull();
        } else {
          expect(e.error).toBeNull();
        }
        expect(e.summary).toMatch(/\S/);
      }),
      { numRuns: 10_000 },
    );
  }, 60_000);
  it('on values that are not objects at all', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const e = judge(junk as Flow, ctx);
        expect(VERDICTS).toContain(e.verdict);
      }),
      { numRuns: 10_000 },
    );
  }, 60_000);
});

// --- realistic flows, then re-cased and reordered ---------------------------------------------
const corsHeader = fc.record({ name: fc.constantFrom(...CORS_NAMES), value: fc.constantFrom(...CORS_VALUES) });
const realHop = fc.record({
  status: fc.constantFrom(200, 204, 404, 500),
  headers: fc.array(corsHeader, { maxLength: 6 }),
  preflight: fc.option(fc.record({ status: fc.constantFrom(200, 204, 401), headers: fc.array(corsHeader, { maxLength: 6 }) }), { nil: undefined }),
  redirectTo: fc.option(fc.constantFrom(...URLS.slice(0, 4)), { nil: undefined }),
});
const realFlow = fc
  .record({
    url: fc.constantFrom(...URLS.slice(0, 4)),
    origin: fc.constantFrom(...ORIGINS.slice(0, 3)),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'patch', 'DELETE'),
    headers: fc.uniqueArray(fc.record({ name: fc.constantFrom(...REQ_NAMES), value: fc.constantFrom(...REQ_VALUES) }), { selector: (h) => h.name, maxLength: 4 }),
    credentials: fc.constantFrom('omit', 'same-origin', 'include'),
    initiatorType: fc.constantFrom('fetch', 'xmlhttprequest'),
    hops: fc.array(realHop, { minLength: 1, maxLength: 3 }),
  })
  .map((r): Flow => {
    let url = r.url;
    const hops = r.hops.map((h, i) => {
      const last = i === r.hops.length - 1;
      const headers: Header[] = [...h.headers];
      const status = !last && h.redirectTo ? 302 : h.status;
      if (!last && h.redirectTo) headers.push({ name: 'Location', value: h.redirectTo });
      const hop = {
        request: { url, method: r.method, headers: [] },
        response: { status, headers },
        sent: true,
        ...(h.preflight ? { preflight: { request: { url, method: 'OPTIONS', headers: [] }, response: { status: h.preflight.status, headers: h.preflight.headers } } } : {}),
      };
      if (!last && h.redirectTo) url = h.redirectTo;
      return hop;
    });
    return {
      id: 'p',
      request: { url: r.url, method: r.method, headers: r.headers, mode: 'cors', credentials: r.credentials, initiatorType: r.initiatorType, origin: r.origin },
      hops,
      inferred: [],
    } as Flow;
  });

const recase = (name: string, mask: number) => [...name].map((c, i) => ((mask >> i % 30) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
function mapHeaders(flow: Flow, f: (hs: Header[], salt: number) => Header[]): Flow {
  const copy = structuredClone(flow);
  copy.request.headers = f(copy.request.headers, 1);
  copy.hops.forEach((h, i) => {
    if (h.response) h.response.headers = f(h.response.headers, 2 + i);
    if (h.preflight?.response) h.preflight.response.headers = f(h.preflight.response.headers, 7 + i);
  });
  return copy;
}
const core = (flow: Flow) => {
  const e = judge(flow, ctx);
  return { verdict: e.verdict, code: e.error?.code ?? null, hop: e.error?.location.hop ?? null, stage: e.error?.location.stage ?? null };
};

describe('verdict stability', () => {
  it('under header-name case (failedParameter and readable headers too)', () => {
    fc.assert(
      fc.property(realFlow, fc.integer({ min: 0, max: 2 ** 30 }), (flow, mask) => {
        const a = judge(flow, ctx);
        const b = judge(mapHeaders(flow, (hs, salt) => hs.map((h) => ({ name: recase(h.name, mask ^ salt), value: h.value }))), ctx);
        expect([b.verdict, b.error?.code, b.error?.failedParameter, b.readableResponseHeaders]).toEqual([a.verdict, a.error?.code, a.error?.failedParameter, a.readableResponseHeaders]);
        expect(b.classification.requestHeadersForPreflight).toBe(a.classification.requestHeadersForPreflight);
      }),
      { numRuns: 10_000 },
    );
  }, 60_000);
  it('under header order (values of duplicate lines join in order; verdict and code do not change)', () => {
    fc.assert(
      fc.property(realFlow, fc.integer({ min: 1, max: 1000 }), (flow, seed) => {
        const shuffle = (hs: Header[], salt: number) => {
          const out = [...hs];
          let x = seed * 7919 + salt;
          for (let i = out.length - 1; i > 0; i--) {
            x = (x * 1103515245 + 12345) % 2147483648;
            const j = x % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        expect(core(mapHeaders(flow, shuffle))).toEqual(core(flow));
      }),
      { numRuns: 10_000 },
    );
  }, 60_000);
});
