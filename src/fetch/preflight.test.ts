import { describe, expect, it } from 'vitest';
import { checkPreflightResponse, parseAllowList, preflightMaxAge, preflightNeed, type PreflightInput } from './preflight.ts';

const O = 'https://app.site-a.test';
const h = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));
const run = (over: Partial<PreflightInput> & { pairs?: [string, string][]; req?: [string, string][] }) =>
  checkPreflightResponse({
    url: 'https://api.site-b.test/x',
    status: 204,
    headers: h(over.pairs ?? [['Access-Control-Allow-Origin', O]]),
    method: 'PUT',
    requestHeaders: h(over.req ?? []),
    credentials: 'same-origin',
    origin: O,
    ...over,
  });
const ok = (more: [string, string][] = []): [string, string][] => [['Access-Control-Allow-Origin', O], ...more];

describe('parseAllowList (Chromium ValuesIterator + IsToken)', () => {
  it('splits, trims and skips empty items', () => {
    expect(parseAllowList(' PUT ,, DELETE,')).toEqual(['PUT', 'DELETE']);
    expect(parseAllowList(null)).toEqual([]);
    expect(parseAllowList('')).toEqual([]);
  });
  it('refuses items that are not tokens', () => {
    expect(parseAllowList('PUT DELETE')).toBeNull();
    expect(parseAllowList('x-a; x-b')).toBeNull();
    expect(parseAllowList('"PUT"')).toBeNull();
  });
});

describe('preflightNeed', () => {
  it('needs one for a non-safelisted method or header, with every reason', () => {
    const n = preflightNeed('PUT', h([['X-Api-Key', 'k'], ['Content-Type', 'application/json']]));
    expect(n.needed).toBe(true);
    expect(n.reasons.map((r) => [r.kind, r.subject])).toEqual([
      ['method', 'PUT'],
      ['header-value', 'content-type'],
      ['header', 'x-api-key'],
    ]);
  });
  it('not for a simple POST', () => {
    expect(preflightNeed('POST', h([['Content-Type', 'text/plain']])).needed).toBe(false);
  });
});

describe('the preflight check (Chromium order)', () => {
  it('passes when everything is allowed', () => {
    expect(run({ pairs: ok([['Access-Control-Allow-Methods', 'PUT']]) }).failure).toBeNull();
  });
  it('CORS check first — its failure wins over a bad status', () => {
    expect(run({ status: 401, pairs: [] }).failure?.code).toBe('PreflightMissingAllowOriginHeader');
    expect(run({ status: 500, pairs: [['Access-Control-Allow-Origin', 'https://x.test']] }).failure).toEqual({ code: 'PreflightAllowOriginMismatch', failedParameter: 'https://x.test' });
    expect(run({ credentials: 'include', pairs: [['Access-Control-Allow-Origin', '*']] }).failure?.code).toBe('PreflightWildcardOriginNotAllowed');
    expect(run({ credentials: 'include', pairs: ok([['Access-Control-Allow-Credentials', 'True']]) }).failure).toEqual({ code: 'PreflightInvalidAllowCredentials', failedParameter: 'True' });
  });
  it('then the status', () => {
    expect(run({ status: 500, pairs: ok() }).failure?.code).toBe('PreflightInvalidStatus');
    expect(run({ status: 299, pairs: ok([['Access-Control-Allow-Methods', 'PUT']]) }).failure).toBeNull();
  });
  it('then parsing ACAM before ACAH, both before the method', () => {
    expect(run({ pairs: ok([['Access-Control-Allow-Methods', 'PUT DELETE'], ['Access-Control-Allow-Headers', 'x;y']]) }).failure?.code).toBe('InvalidAllowMethodsPreflightResponse');
    expect(run({ pairs: ok([['Access-Control-Allow-Methods', 'GET'], ['Access-Control-Allow-Headers', 'x;y']]) }).failure?.code).toBe('InvalidAllowHeadersPreflightResponse');
  });
  it('method: byte-case-sensitive, * only without credentials', () => {
    expect(run({ method: 'patch', pairs: ok([['Access-Control-Allow-Methods', 'PATCH']]) }).failure).toEqual({ code: 'MethodDisallowedByPreflightResponse', failedParameter: 'patch' });
    expect(run({ method: 'PUT', pairs: ok([['Access-Control-Allow-Methods', '*']]) }).failure).toBeNull();
    expect(run({ method: 'PUT', credentials: 'include', pairs: ok([['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Methods', '*']]) }).failure?.code).toBe('MethodDisallowedByPreflightResponse');
    expect(run({ method: 'POST', pairs: ok() }).failure).toBeNull();
  });
  it('headers: case-insensitive, first missing in sorted order', () => {
    const req: [string, string][] = [['X-Zed', '1'], ['X-Abc', '2']];
    expect(run({ method: 'GET', req, pairs: ok() }).failure).toEqual({ code: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-abc' });
    expect(run({ method: 'GET', req, pairs: ok([['Access-Control-Allow-Headers', 'X-ABC']]) }).failure?.failedParameter).toBe('x-zed');
    expect(run({ method: 'GET', req, pairs: ok([['Access-Control-Allow-Headers', 'x-abc'], ['Access-Control-Allow-Headers', 'X-Zed']]) }).failure).toBeNull();
  });
  it('* covers headers without credentials, not with them', () => {
    const req: [string, string][] = [['X-Api-Key', 'k']];
    expect(run({ method: 'GET', req, pairs: ok([['Access-Control-Allow-Headers', '*']]) }).failure).toBeNull();
    expect(run({ method: 'GET', req, credentials: 'include', pairs: ok([['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Headers', '*']]) }).failure?.failedParameter).toBe('x-api-key');
  });
  it('Chromium 156 lets * cover Authorization and only flags it', () => {
    const r = run({ method: 'GET', req: [['Authorization', 'Bearer x']], pairs: ok([['Access-Control-Allow-Headers', '*']]) });
    expect(r.failure).toBeNull();
    expect(r.authorizationCoveredByWildcard).toBe(true);
    const listed = run({ method: 'GET', req: [['Authorization', 'Bearer x']], pairs: ok([['Access-Control-Allow-Headers', '*, Authorization']]) });
    expect(listed.authorizationCoveredByWildcard).toBe(false);
  });
});

describe('Access-Control-Max-Age', () => {
  const age = (v?: string) => preflightMaxAge(h(v === undefined ? [] : [['Access-Control-Max-Age', v]]));
  it('defaults to 5 s and caps at 2 hours', () => {
    expect(age()).toEqual({ seconds: 5, capped: false, given: null });
    expect(age('600').seconds).toBe(600);
    expect(age('86400')).toEqual({ seconds: 7200, capped: true, given: 86400 });
    expect(age('7200').capped).toBe(false);
    expect(age('-1').seconds).toBe(0);
    expect(age('abc').seconds).toBe(5);
  });
});
