/** Verdicts other than a CORS block, classification, readable headers, warnings and evaluateAll. */
import { describe, expect, it } from 'vitest';
import type { EvaluationContext } from '../model/index.ts';
import { buildFlow } from './flow-builder.ts';
import { evaluate, evaluateAll } from './index.ts';

const ctx: EvaluationContext = { browser: 'chrome', thirdPartyCookies: 'allowed' };
const O = 'https://app.site-a.test';
const API = 'https://api.site-b.test/x';
const ACAO: [string, string] = ['Access-Control-Allow-Origin', O];
const codes = (e: ReturnType<typeof evaluate>) => e.warnings.map((w) => w.code).sort();

describe('allowed', () => {
  it('a simple GET with the right ACAO; readable = safelisted + exposed', () => {
    const e = evaluate(
      buildFlow({ url: API, origin: O }, [{ headers: [ACAO, ['Vary', 'Origin'], ['Content-Type', 'application/json'], ['X-Total', '3'], ['X-Secret', '1'], ['Access-Control-Expose-Headers', 'X-Total'], ['Set-Cookie', 'a=b']] }]),
      ctx,
    );
    expect(e.verdict).toBe('allowed');
    expect(e.error).toBeNull();
    expect(e.readableResponseHeaders).toEqual(['content-type', 'x-total']);
    expect(e.hiddenResponseHeaders.map((h) => [h.name, h.reason])).toEqual([
      ['access-control-allow-origin', 'not-safelisted'],
      ['vary', 'not-safelisted'],
      ['x-secret', 'not-safelisted'],
      ['access-control-expose-headers', 'not-safelisted'],
      ['set-cookie', 'never-readable'],
    ]);
    expect(e.warnings).toEqual([]);
    expect(e.summary).toMatch(/^Allowed/);
  });
  it('a 404 with good headers is still readable (status does not matter)', () => {
    expect(evaluate(buildFlow({ url: API, origin: O }, [{ status: 404, headers: [['Access-Control-Allow-Origin', '*']] }]), ctx).verdict).toBe('allowed');
  });
  it('the browser reports net::ERR_FAILED although the headers pass: not a CORS block, and the summary says so', () => {
    const e = evaluate(buildFlow({ url: API, origin: O }, [{ headers: [['Access-Control-Allow-Origin', '*']], error: 'net::ERR_FAILED' }]), ctx);
    expect([e.verdict, e.error]).toEqual(['failed', null]);
    expect(e.summary).toContain('another policy');
  });
  it('a preflighted PUT that passes, with the classification', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT', headers: [['Content-Type', 'application/json'], ['X-Api-Key', 'k'], ['Accept', '*/*']] }, [
      { headers: [ACAO, ['Vary', 'Origin']], preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type, x-api-key']] } },
    ]);
    const e = evaluate(flow, ctx);
    expect(e.verdict).toBe('allowed');
    expect(e.classification).toMatchObject({ crossOrigin: true, sameSite: false, needsPreflight: true, requestHeadersForPreflight: 'content-type,x-api-key', originPerHop: [O] });
    expect(e.classification.preflightReasons.map((r) => r.kind)).toEqual(['method', 'header-value', 'header']);
    expect(e.summary).toContain('preflighted');
  });
  it('no preflight seen but the actual request went out: a cached preflight', () => {
    const e = evaluate(buildFlow({ url: API, origin: O, method: 'DELETE' }, [{ headers: [ACAO, ['Vary', 'Origin']] }]), ctx);
    expect(e.verdict).toBe('allowed');
  });
  it('no preflight seen: the note names the cached preflight when one is known, and does not claim one otherwise', () => {
    // The note shows when the request then fails for another reason (the summary quotes it).
    const hops = [{ headers: [ACAO], error: 'net::ERR_CONNECTION_RESET' }];
    const unknown = evaluate(buildFlow({ url: API, origin: O, method: 'DELETE' }, hops), ctx);
    expect(unknown.verdict).toBe('failed');
    expect(unknown.summary).toContain('no preflight was captured, yet the request was sent: the browser had a cached preflight result from before the capture began');
    expect(unknown.summary).toContain('or the capture missed the preflight');
    const cached = evaluate(buildFlow({ url: API, origin: O, method: 'DELETE' }, hops, { preflightCacheHit: { flowId: 'e7', maxAgeSeconds: 600 } }), ctx);
    expect(cached.summary).toContain("no preflight was sent; the browser used the cached result of flow e7's preflight, Access-Control-Max-Age 600 s.");
  });
  it('a same-site subdomain is still cross-origin', () => {
    const e = evaluate(buildFlow({ url: 'https://api.site-a.test/x', origin: O }, [{ headers: [['Access-Control-Allow-Origin', '*']] }]), ctx);
    expect(e.classification).toMatchObject({ crossOrigin: true, sameSite: true });
  });
});

describe('redirects', () => {
  it('a 303 turns PUT into GET and drops Content-Type; the new URL is preflighted only if still needed', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT', headers: [['Content-Type', 'application/json']] }, [
      { status: 303, headers: [ACAO], location: 'https://api.site-b.test/y', preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type']] } },
      { headers: [ACAO, ['Vary', 'Origin']] },
    ]);
    const e = evaluate(flow, ctx);
    expect(e.verdict).toBe('allowed');
    expect(e.classification.originPerHop).toEqual([O, O]);
    expect(e.classification.preflightReasons.some((r) => r.kind === 'redirect')).toBe(false);
  });
  it('a 307 keeps PUT and its header, so the new URL is preflighted again', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT', headers: [['X-K', '1']] }, [
      { status: 307, headers: [ACAO], location: 'https://api.site-b.test/y', preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-k']] } },
      { noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Headers', 'x-k']] } },
    ]);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('MethodDisallowedByPreflightResponse');
    expect(e.error?.location.hop).toBe(1);
    expect(e.classification.preflightReasons.at(-1)).toMatchObject({ kind: 'redirect', subject: 'PUT' });
  });
  it('same-origin first, then redirected cross-origin: CORS applies from that hop, Origin is sent', () => {
    const flow = buildFlow({ url: `${O}/r`, origin: O }, [{ location: 'https://api.site-b.test/t' }, { headers: [['Access-Control-Allow-Origin', '*']] }]);
    const e = evaluate(flow, ctx);
    expect(e.verdict).toBe('allowed');
    expect(e.classification.originPerHop).toEqual([null, O]);
  });
  it('back to the page origin after a cross-origin hop: still CORS, with Origin null', () => {
    const flow = buildFlow({ url: API, origin: O }, [{ headers: [['Access-Control-Allow-Origin', '*']], location: `${O}/t` }, {}]);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('MissingAllowOriginHeader');
    expect(e.classification.originPerHop).toEqual([O, 'null']);
  });
  it('ACAO null admits a tainted request — and warns', () => {
    const flow = buildFlow({ url: API, origin: O }, [{ headers: [['Access-Control-Allow-Origin', '*']], location: 'https://api.site-c.test/t' }, { headers: [['Access-Control-Allow-Origin', 'null']] }]);
    const e = evaluate(flow, ctx);
    expect(e.verdict).toBe('allowed');
    expect(codes(e)).toEqual(['AllowOriginNull', 'MissingVaryOrigin']);
  });
  it('the 21st redirect fails with ERR_TOO_MANY_REDIRECTS, not CORS', () => {
    const hops = Array.from({ length: 21 }, (_, i) => ({ headers: [['Access-Control-Allow-Origin', '*']] as [string, string][], location: `${API}?${i + 1}` }));
    const e = evaluate(buildFlow({ url: API, origin: O }, hops, { error: 'net::ERR_TOO_MANY_REDIRECTS' }), ctx);
    expect(e.verdict).toBe('failed');
    expect(e.error).toBeNull();
    expect(e.summary).toContain('net::ERR_TOO_MANY_REDIRECTS');
    const twenty = evaluate(buildFlow({ url: API, origin: O }, [...hops.slice(0, 20), { headers: [['Access-Control-Allow-Origin', '*']] }]), ctx);
    expect(twenty.verdict).toBe('allowed');
  });
  it('a redirect to data: is an unsafe redirect (network error)', () => {
    const e = evaluate(buildFlow({ url: API, origin: O }, [{ headers: [['Access-Control-Allow-Origin', '*']], location: 'data:text/plain,hi' }]), ctx);
    expect(e.verdict).toBe('failed');
    expect(e.summary).toContain('ERR_UNSAFE_REDIRECT');
  });
  it("redirect: 'manual' hands over an opaque redirect; 'error' fails after the CORS check", () => {
    const hop = { headers: [['Access-Control-Allow-Origin', '*']] as [string, string][], location: 'https://api.site-b.test/t' };
    const manual = evaluate(buildFlow({ url: API, origin: O, redirect: 'manual' }, [hop]), ctx);
    expect(manual.verdict).toBe('not-cors');
    expect(manual.readableResponseHeaders).toEqual([]);
    expect(evaluate(buildFlow({ url: API, origin: O, redirect: 'error' }, [hop]), ctx).verdict).toBe('failed');
    expect(evaluate(buildFlow({ url: API, origin: O, redirect: 'error' }, [{ location: hop.location }]), ctx).error?.code).toBe('MissingAllowOriginHeader');
  });
  it("mode 'same-origin' redirected away: ERR_ABORTED and Blink's console line, no CorsError", () => {
    const e = evaluate(buildFlow({ url: `${O}/r`, origin: O, mode: 'same-origin' }, [{ location: 'https://api.site-b.test/end' }], { error: 'net::ERR_ABORTED' }), ctx);
    expect(e.verdict).toBe('failed');
    expect(e.error).toBeNull();
    expect(e.warnings.map((w) => [w.code, w.messages.chrome])).toEqual([
      ['SameOriginModeRedirected', `Unsafe attempt to load URL https://api.site-b.test/end from frame with URL ${O}/. Domains, protocols and ports must match.\n`],
    ]);
  });
});

describe('not CORS, failed, pending', () => {
  it('same-origin requests are not checked; everything but Set-Cookie is readable', () => {
    const e = evaluate(buildFlow({ url: `${O}/api`, origin: O, method: 'PUT', headers: [['X-K', '1']] }, [{ headers: [['X-A', '1'], ['Set-Cookie', 'a=b']] }]), ctx);
    expect(e.verdict).toBe('not-cors');
    expect(e.classification).toMatchObject({ crossOrigin: false, needsPreflight: false, originPerHop: [O] });
    expect(e.readableResponseHeaders).toEqual(['x-a']);
  });
  it('no-cors cross-origin: opaque', () => {
    const e = evaluate(buildFlow({ url: API, origin: O, mode: 'no-cors' }, [{ headers: [['X-A', '1']] }]), ctx);
    expect(e.verdict).toBe('not-cors');
    expect(e.readableResponseHeaders).toEqual([]);
    expect(e.hiddenResponseHeaders).toEqual([{ name: 'x-a', reason: 'opaque' }]);
    expect(e.classification.originPerHop).toEqual([null]);
  });
  it('a cross-origin redirect drops Authorization: the next preflight neither asks nor needs to allow it', () => {
    const target = 'https://api.site-c.test/t';
    const flow = (allowHeaders: string) =>
      buildFlow({ url: `${O}/r`, origin: O, method: 'PUT', headers: [['Authorization', 'Bearer t'], ['X-Long', 'v']] }, [
        { status: 307, location: target },
        { url: target, headers: [ACAO, ['Vary', 'Origin']], preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', allowHeaders]] } },
      ]);
    expect(evaluate(flow('x-long'), ctx).verdict).toBe('allowed');
    const e = evaluate(flow(''), ctx);
    expect([e.error?.code, e.error?.failedParameter]).toEqual(['HeaderDisallowedByPreflightResponse', 'x-long']);
  });
  it('a forbidden header the page tried to set takes no place in the order Chromium checks headers in', () => {
    const flow = (url: string) =>
      buildFlow({ url, origin: 'http://app.site-a.test', headers: [['Sec-Custom', '1'], ['Content-Type', 'application/json'], ['Authorization', 'Bearer t']] }, [
        { noResponse: true, error: 'net::ERR_FAILED', preflight: { headers: [['Access-Control-Allow-Origin', 'http://app.site-a.test']] } },
      ]);
    // Seen in Chromium 156 (random conformance seed 9, an http URL): content-type, not authorization.
    expect(evaluate(flow('http://api.site-b.test/x'), ctx).error?.failedParameter).toBe('content-type');
    // To an https URL Blink adds the UA client hints, and the order turns (probe-header-order.ts … target-https).
    expect(evaluate(flow('https://api.site-b.test/x'), ctx).error?.failedParameter).toBe('authorization');
  });
  it('no-cors: a response Opaque Response Blocking cut (net::ERR_ABORTED) still reaches the page as an opaque response', () => {
    const cut = evaluate(buildFlow({ url: API, origin: O, mode: 'no-cors' }, [{ status: 304, headers: [['Content-Type', 'text/plain']], error: 'net::ERR_ABORTED' }]), ctx);
    expect(cut.verdict).toBe('not-cors');
    expect(cut.error).toBeNull();
    expect(cut.readableResponseHeaders).toEqual([]);
    // Same-origin (basic) or another error: the page did not get the response.
    expect(evaluate(buildFlow({ url: `${O}/x`, origin: O, mode: 'no-cors' }, [{ status: 200, error: 'net::ERR_ABORTED' }]), ctx).verdict).toBe('failed');
    expect(evaluate(buildFlow({ url: API, origin: O, mode: 'no-cors' }, [{ status: 200, error: 'net::ERR_BLOCKED_BY_ORB' }]), ctx).verdict).toBe('failed');
  });
  it('network failures are not CORS errors', () => {
    for (const err of ['net::ERR_CONNECTION_REFUSED', 'net::ERR_NAME_NOT_RESOLVED', 'net::ERR_CERT_AUTHORITY_INVALID', 'net::ERR_ABORTED', 'net::ERR_EMPTY_RESPONSE']) {
      const e = evaluate(buildFlow({ url: API, origin: O }, [{ noResponse: true, error: err }], { error: err }), ctx);
      expect([e.verdict, e.error]).toEqual(['failed', null]);
      expect(e.summary).toContain(err);
      expect(e.summary).toContain('Firefox words such a failure as “CORS request did not succeed”');
    }
    const sameOrigin = evaluate(buildFlow({ url: `${O}/x`, origin: O }, [{ noResponse: true, error: 'net::ERR_CONNECTION_REFUSED' }]), ctx);
    expect(sameOrigin.summary).not.toContain('Firefox');
  });
  it('a preflight that got no response fails the flow as a network error', () => {
    const e = evaluate(buildFlow({ url: API, origin: O, method: 'PUT' }, [{ noResponse: true, preflight: { error: 'net::ERR_EMPTY_RESPONSE' } }], { error: 'net::ERR_EMPTY_RESPONSE' }), ctx);
    expect(e.verdict).toBe('failed');
  });
  it('an error after good headers (aborted while reading) is a failure, not a block', () => {
    const e = evaluate(buildFlow({ url: API, origin: O }, [{ headers: [['Access-Control-Allow-Origin', '*']], error: 'net::ERR_ABORTED' }]), ctx);
    expect(e.verdict).toBe('failed');
  });
  it('in flight: no response and no error', () => {
    expect(evaluate(buildFlow({ url: API, origin: O }, [{ noResponse: true }]), ctx).verdict).toBe('pending');
    expect(evaluate(buildFlow({ url: API, origin: O, method: 'PUT' }, [{ noResponse: true, preflight: { noResponse: true } }]), ctx).verdict).toBe('pending');
    expect(evaluate(buildFlow({ url: API, origin: O }, []), ctx).verdict).toBe('pending');
  });
  it('a required preflight that was never captured is not guessed at', () => {
    const e = evaluate(buildFlow({ url: API, origin: O, method: 'PUT' }, [{ noResponse: true, error: 'net::ERR_FAILED' }], { error: 'net::ERR_FAILED' }), ctx);
    expect(e.verdict).toBe('failed');
    expect(e.error).toBeNull();
    expect(e.summary).toContain('none was captured');
  });
});

describe('warnings', () => {
  it('per-origin ACAO without Vary: Origin', () => {
    const e = evaluate(buildFlow({ url: API, origin: O }, [{ headers: [ACAO] }]), ctx);
    expect(codes(e)).toEqual(['MissingVaryOrigin']);
    expect(e.warnings[0]?.fix?.header).toBe('Vary');
    expect(evaluate(buildFlow({ url: API, origin: O }, [{ headers: [ACAO, ['Vary', 'Accept-Encoding, origin']] }]), ctx).warnings).toEqual([]);
  });
  it('* on a response that sets cookies', () => {
    const e = evaluate(buildFlow({ url: API, origin: O }, [{ headers: [['Access-Control-Allow-Origin', '*'], ['Set-Cookie', 'sid=1']] }]), ctx);
    expect(codes(e)).toEqual(['WildcardOriginWithSetCookie']);
  });
  it('Authorization covered by * : Chromium allows it; warning with Firefox text, no Chrome console text', () => {
    const e = evaluate(
      buildFlow({ url: API, origin: O, headers: [['Authorization', 'Bearer t']] }, [{ headers: [['Access-Control-Allow-Origin', '*']], preflight: { headers: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Headers', '*']] } }]),
      ctx,
    );
    expect(e.verdict).toBe('allowed');
    expect(codes(e)).toEqual(['AuthorizationCoveredByWildcard']);
    const w = e.warnings[0]!;
    expect(w.messages.chrome).toBeNull();
    expect(w.messages.firefox).toBe(
      `Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at ${API} soon. (Reason: When the \`Access-Control-Allow-Headers\` is \`*\`, the \`Authorization\` header is not covered. To include the \`Authorization\` header, it must be explicitly listed in CORS header \`Access-Control-Allow-Headers\`).`,
    );
    expect(w.why).toContain('Authorization will not be covered by the wildcard symbol');
    expect(w.fix?.value).toBe('authorization');
  });
  it('* in Expose-Headers with credentials', () => {
    const e = evaluate(
      buildFlow({ url: API, origin: O, credentials: 'include' }, [{ headers: [ACAO, ['Vary', 'Origin'], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Expose-Headers', '*'], ['X-A', '1']] }]),
      ctx,
    );
    expect(codes(e)).toEqual(['ExposeHeadersWildcardWithCredentials']);
    expect(e.warnings[0]?.fix?.value).toBe('access-control-allow-origin, vary, access-control-allow-credentials, access-control-expose-headers, x-a');
  });
  it('Access-Control-Max-Age above Chromium’s cap', () => {
    const e = evaluate(
      buildFlow({ url: API, origin: O, method: 'PUT' }, [{ headers: [ACAO, ['Vary', 'Origin']], preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '86400']] } }]),
      ctx,
    );
    expect(codes(e)).toEqual(['PreflightMaxAgeCapped']);
    expect(e.warnings[0]?.failedParameter).toBe('86400');
  });
  it('an XMLHttpRequest that sets forbidden headers: one console line per header, as the page wrote the name', () => {
    const headers: [string, string][] = [['Cookie', 'c=1'], ['X-Api-Key', 'k'], ['proxy-thing', '1'], ['X-HTTP-Method-Override', 'TRACE'], ['X-HTTP-Method-Override', 'PATCH']];
    const xhr = evaluate(buildFlow({ url: API, origin: O, initiatorType: 'xmlhttprequest', headers }, [{ headers: [ACAO, ['Vary', 'Origin']], preflight: { headers: [ACAO, ['Access-Control-Allow-Headers', 'x-api-key, x-http-method-override']] } }]), ctx);
    expect(xhr.verdict).toBe('allowed');
    expect(xhr.warnings.map((w) => [w.code, w.failedParameter, w.messages.chrome, w.messages.firefox])).toEqual([
      ['UnsafeRequestHeaderRefused', 'Cookie', 'Refused to set unsafe header "Cookie"', null],
      ['UnsafeRequestHeaderRefused', 'proxy-thing', 'Refused to set unsafe header "proxy-thing"', null],
      ['UnsafeRequestHeaderRefused', 'X-HTTP-Method-Override', 'Refused to set unsafe header "X-HTTP-Method-Override"', null],
    ]);
    // fetch() drops the same headers without a word.
    const fetched = evaluate(buildFlow({ url: API, origin: O, headers }, [{ headers: [ACAO, ['Vary', 'Origin']], preflight: { headers: [ACAO, ['Access-Control-Allow-Headers', 'x-api-key, x-http-method-override']] } }]), ctx);
    expect(fetched.warnings).toEqual([]);
  });
  const reflect = (origin: string, id: string) =>
    buildFlow({ url: API, origin, credentials: 'include' }, [{ headers: [['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']] }], { id });
  it('reflection of any origin with credentials shows across flows (a grant of a name reserved for examples is the evidence)', () => {
    const [a, b] = evaluateAll([reflect(O, 'a'), reflect('https://evil.example', 'b')], ctx);
    expect(codes(a!)).toEqual(['ReflectedOriginWithCredentials']);
    expect(codes(b!)).toEqual(['ReflectedOriginWithCredentials']);
    expect(a!.warnings[0]!.why).toContain('Evidence: it granted https://evil.example with credentials, a name reserved for examples');
    const [alone] = evaluateAll([reflect(O, 'a')], ctx);
    expect(alone!.warnings).toEqual([]);
    for (const probe of ['https://x.invalid', 'http://example.com', 'https://attacker.example.org:8443']) {
      expect(codes(evaluateAll([reflect(O, 'a'), reflect(probe, 'b')], ctx)[0]!), probe).toEqual(['ReflectedOriginWithCredentials']);
    }
  });
  it('an allow-list granting two origins of its own, with credentials and Vary: Origin, is not reflection', () => {
    const both = evaluateAll([reflect('http://app.site-a.test', 'a'), reflect('http://admin.site-a.test', 'b'), reflect('https://partner.site-c.test', 'c')], ctx);
    expect(both.map((e) => e.verdict)).toEqual(['allowed', 'allowed', 'allowed']);
    expect(both.map(codes)).toEqual([[], [], []]);
  });
  it('a server that granted Origin null with credentials is reflecting: its other grants are warned too, naming that evidence', () => {
    const tainted = buildFlow({ url: 'https://api.site-c.test/r', origin: O, credentials: 'include' }, [
      { headers: [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']], location: API },
      { headers: [['Access-Control-Allow-Origin', 'null'], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']] },
    ], { id: 'n' });
    const [a, n] = evaluateAll([reflect(O, 'a'), tainted], ctx);
    expect(codes(n!)).toEqual(['AllowOriginNull', 'ReflectedOriginWithCredentials']); // once, from the flow alone
    expect(n!.warnings[1]!.why).toContain('Evidence: it granted `Origin: null` with credentials');
    expect(codes(a!)).toEqual(['ReflectedOriginWithCredentials']);
    expect(a!.warnings[0]!.why).toContain('Evidence: it granted `Origin: null`');
  });
  it('granting Origin null with credentials is reflection, visible in one flow', () => {
    const flow = buildFlow({ url: API, origin: O, credentials: 'include' }, [
      { headers: [['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']], location: 'https://api.site-c.test/t' },
      { headers: [['Access-Control-Allow-Origin', 'null'], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']] },
    ]);
    const e = evaluate(flow, ctx);
    expect(e.verdict).toBe('allowed');
    expect(codes(e)).toEqual(['AllowOriginNull', 'ReflectedOriginWithCredentials']);
  });
});

describe('never throws', () => {
  it('on garbage', () => {
    for (const junk of [null, undefined, 42, 'x', {}, { hops: 'no' }, { request: { url: 7 }, hops: [null, 3] }]) {
      const e = evaluate(junk as never, ctx);
      expect(['pending', 'failed', 'blocked', 'allowed', 'not-cors']).toContain(e.verdict);
    }
  });
});

describe('data: URLs', () => {
  it('are fetched without CORS (basic tainting)', () => {
    const e = evaluate(buildFlow({ url: 'data:text/plain,hi', origin: O }, [{ headers: [['Content-Type', 'text/plain']] }]), ctx);
    expect(e.verdict).toBe('not-cors');
    expect(e.readableResponseHeaders).toEqual(['content-type']);
  });
});

describe('Authorization covered by `*`: each browser warns by its own rule', () => {
  const flow = (actualOk: boolean) =>
    buildFlow({ url: API, origin: O, headers: [['Authorization', 'Bearer abc']] }, [
      { headers: actualOk ? [ACAO, ['Vary', 'Origin']] : [['Access-Control-Allow-Origin', '']], preflight: { headers: [ACAO, ['Access-Control-Allow-Headers', '*']] } },
    ]);
  const firefoxCtx: EvaluationContext = { browser: 'firefox', thirdPartyCookies: 'allowed' };
  const warning = (e: ReturnType<typeof evaluate>) => e.warnings.find((w) => w.code === 'AuthorizationCoveredByWildcard');
  it('the actual response passes: both warn', () => {
    expect(warning(evaluate(flow(true), ctx))).toBeDefined();
    expect(warning(evaluate(flow(true), firefoxCtx))?.messages.firefox).toMatch(/^Cross-Origin Request Warning: .*the `Authorization` header is not covered/);
  });
  it('the actual response fails: Chromium raises nothing, Firefox has warned already when it checked the preflight', () => {
    const chrome = evaluate(flow(false), ctx);
    expect(chrome.verdict).toBe('blocked');
    expect(warning(chrome)).toBeUndefined();
    const firefox = evaluate(flow(false), firefoxCtx);
    const w = warning(firefox);
    expect(w?.location).toEqual({ hop: 0, stage: 'preflight', url: API });
    expect(w?.messages).toEqual({ chrome: null, firefox: expect.stringContaining(`will disallow reading the remote resource at ${API} soon`) });
  });
});
