/**
 * Property tests: nothing throws on arbitrary Set-Cookie lines, Cookie headers, URLs, jars or
 * malformed flows, and the outcomes keep their invariants (one `set` outcome per line, blocked
 * means at least one reason, reasons in Chromium's order, a jar without duplicates).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvaluationContext, Flow, StoredCookie } from '../model/index.ts';
import { cookieOutcomes, inChromiumOrder, nextJar } from './index.ts';
import { sameCookie } from './jar.ts';
import { parseSetCookie, setCookieLines } from './parse.ts';
import { flow } from './fixtures/flows.ts';

const RUNS = 10_000;

// Strings that look like cookies: names, separators, attributes, control characters, non-ASCII.
const cookieish = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('=', ';', ' ', '\t', '\u0001', '\u007f', 'é', '__Host-', '__Secure-', 'constructor', '__proto__'),
      fc.constantFrom('; Secure', '; HttpOnly', '; Partitioned', '; SameSite=None', '; SameSite=Lax', '; SameSite=Strict', '; SameSite=bogus'),
      fc.constantFrom('; Domain=site-b.test', '; Domain=.', '; Domain=com', '; Domain=127.0.0.1', '; Path=/', '; Path=x', '; Max-Age=0'),
      fc.constantFrom('; Max-Age=-5', '; Max-Age=99999999999999999999', '; Expires=Thu, 01 Jan 1970 00:00:00 GMT', '; Expires=nonsense'),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('http://localhost:8080/a', 'http://127.0.0.1/x', 'http://[::1]:3000/', 'https://api.site-b.test/p/q', 'https://foo.github.io/'),
  fc.string({ maxLength: 30 }),
);

const storedCookie: fc.Arbitrary<StoredCookie> = fc.record(
  {
    name: fc.string({ maxLength: 8 }),
    value: fc.string({ maxLength: 8 }),
    domain: fc.constantFrom('api.site-b.test', 'site-b.test', 'localhost', '127.0.0.1', '', 'com'),
    hostOnly: fc.boolean(),
    path: fc.constantFrom('/', '/p', '/p/q', ''),
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    sameSite: fc.constantFrom('strict', 'lax', 'none', 'unspecified'),
    partitioned: fc.boolean(),
    partitionKey: fc.constantFrom('https://site-a.test', 'http://localhost'),
    expiresAt: fc.integer(),
    createdAt: fc.integer(),
  },
  { requiredKeys: ['name', 'value', 'domain', 'hostOnly', 'path', 'secure', 'httpOnly', 'sameSite', 'partitioned'] },
);

const context: fc.Arbitrary<EvaluationContext> = fc.record({
  browser: fc.constantFrom('chrome', 'firefox'),
  thirdPartyCookies: fc.constantFrom('allowed', 'blocked'),
  cookieJar: fc.array(storedCookie, { maxLength: 6 }),
  now: fc.oneof(fc.integer(), fc.constant(1_767_225_600_000)),
});

const generatedFlow: fc.Arbitrary<Flow> = fc
  .record({
    page: fc.constantFrom('https://app.site-a.test', 'http://app.site-a.test', 'http://localhost:8080', 'null', 'garbage'),
    credentials: fc.constantFrom('omit', 'same-origin', 'include'),
    mode: fc.constantFrom('cors', 'no-cors', 'navigate', 'same-origin'),
    hops: fc.array(
      fc.record({
        url,
        setCookies: fc.array(cookieish, { maxLength: 4 }),
        preflight: fc.option(fc.array(cookieish, { maxLength: 2 }), { nil: undefined }),
        cookieHeader: fc.option(cookieish, { nil: undefined }),
        sent: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map((s) => {
    const f = flow({
      page: 'https://app.site-a.test',
      credentials: s.credentials as 'omit',
      mode: s.mode as 'cors',
      hops: s.hops.map((h) => ({ url: h.url, setCookies: h.setCookies, preflightSetCookies: h.preflight, cookieHeader: h.cookieHeader, sent: h.sent })),
    });
    f.request.origin = s.page;
    return f;
  });

describe('never throws', () => {
  it('parseSetCookie on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(cookieish, fc.string({ unit: 'binary', maxLength: 200 })), (line) => {
        const p = parseSetCookie(line);
        expect(p.raw).toBe(line);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('cookieOutcomes and nextJar on arbitrary flows, URLs and jars', () => {
    fc.assert(
      fc.property(generatedFlow, context, fc.boolean(), (f, ctx, corsAllowed) => {
        const outcomes = cookieOutcomes(f, ctx, { corsAllowed });
        const count = (hs: { value: string }[] | undefined) => (hs ?? []).reduce((n, h) => n + setCookieLines(h.value).length, 0);
        const lines = f.hops.reduce((n, h) => n + count(h.response?.headers) + count(h.preflight?.response?.headers), 0);
        expect(outcomes.filter((o) => o.direction === 'set')).toHaveLength(lines);
        for (const o of outcomes) {
          if (o.outcome === 'blocked') expect(o.reasons.length).toBeGreaterThan(0);
          expect(o.reasons).toEqual(inChromiumOrder(o.reasons, o.direction));
          expect(typeof o.why).toBe('string');
          expect(o.why.length).toBeGreaterThan(0);
        }
        const jar = nextJar(ctx.cookieJar ?? [], f, ctx);
        for (let i = 0; i < jar.length; i++) for (let j = i + 1; j < jar.length; j++) expect(sameCookie(jar[i]!, jar[j]!)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('on input not shaped like the model at all', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (f, ctx) => {
        expect(Array.isArray(cookieOutcomes(f as Flow, ctx as EvaluationContext, { corsAllowed: true }))).toBe(true);
        expect(Array.isArray(nextJar([], f as Flow, ctx as EvaluationContext))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  }, 60_000);
});

describe('stable under header-name case', () => {
  it('Set-Cookie / set-cookie / SET-COOKIE give the same outcomes', () => {
    fc.assert(
      fc.property(fc.array(cookieish, { minLength: 1, maxLength: 4 }), fc.constantFrom('set-cookie', 'SET-COOKIE', 'Set-cookie'), (lines, name) => {
        const a = flow({ hops: [{ url: 'https://api.site-b.test/x', setCookies: lines }] });
        const b = structuredClone(a);
        for (const h of b.hops[0]!.response!.headers) h.name = name;
        const ctx: EvaluationContext = { browser: 'chrome', thirdPartyCookies: 'allowed', now: 0 };
        expect(cookieOutcomes(b, ctx, { corsAllowed: true })).toEqual(cookieOutcomes(a, ctx, { corsAllowed: true }));
      }),
      { numRuns: 1_000 },
    );
  }, 60_000);
});
