import { describe, expect, it } from 'vitest';
import type { CookieOutcome, StoredCookie } from '../model/index.ts';
import { cookieOutcomes } from './index.ts';
import { chrome, cookie, CROSS_SITE_API, firefox, flow, SAME_SITE_API } from './fixtures/flows.ts';

const sends = (outcomes: CookieOutcome[], stage: 'actual' | 'preflight' = 'actual') =>
  outcomes.filter((o) => o.direction === 'send' && o.stage === stage);
const byName = (outcomes: CookieOutcome[]) => Object.fromEntries(outcomes.map((o) => [o.name, [o.outcome, ...o.reasons]]));

const jarB: StoredCookie[] = [
  cookie('none'),
  cookie('lax', { sameSite: 'lax', secure: false }),
  cookie('strict', { sameSite: 'strict' }),
  cookie('plain', { sameSite: 'unspecified', secure: false }),
  cookie('path', { path: '/other' }),
  cookie('www', { domain: 'www.site-b.test' }),
  cookie('dom', { domain: 'site-b.test', hostOnly: false }),
  cookie('elsewhere', { domain: 'api.site-c.test' }),
  cookie('part_a', { partitioned: true, partitionKey: 'https://site-a.test' }),
  cookie('part_b', { partitioned: true, partitionKey: 'https://site-b.test' }),
];

describe('cookies sent or withheld on a cross-site credentialed fetch (Chrome)', () => {
  it('lists every cookie of the site with its reasons, as associatedCookies does', () => {
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api` }] });
    expect(byName(sends(cookieOutcomes(f, chrome({ cookieJar: jarB }), { corsAllowed: true })))).toEqual({
      none: ['warning', 'WarnThirdPartyPhaseout'],
      lax: ['blocked', 'SchemefulSameSiteLax'],
      strict: ['blocked', 'SchemefulSameSiteStrict'],
      plain: ['blocked', 'SchemefulSameSiteUnspecifiedTreatedAsLax'],
      path: ['blocked', 'NotOnPath'],
      www: ['blocked', 'DomainMismatch'],
      dom: ['warning', 'WarnThirdPartyPhaseout'],
      part_a: ['allowed'],
    });
  });

  it('over http: SecureOnly first, all reasons together', () => {
    const f = flow({ page: 'http://app.site-a.test', hops: [{ url: 'http://api.site-b.test/api' }] });
    const out = byName(sends(cookieOutcomes(f, chrome({ cookieJar: [cookie('s', { sameSite: 'lax', path: '/other' })] }), { corsAllowed: true })));
    expect(out).toEqual({ s: ['blocked', 'SecureOnly', 'NotOnPath', 'SchemefulSameSiteLax'] });
  });

  it('third-party cookies blocked: UserPreferences appended to every unpartitioned cookie', () => {
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api` }] });
    const out = byName(sends(cookieOutcomes(f, chrome({ cookieJar: jarB, thirdPartyCookies: 'blocked' }), { corsAllowed: true })));
    expect(out.none).toEqual(['blocked', 'UserPreferences']);
    expect(out.path).toEqual(['blocked', 'NotOnPath', 'UserPreferences']);
    expect(out.lax).toEqual(['blocked', 'SchemefulSameSiteLax', 'UserPreferences']);
    expect(out.part_a).toEqual(['allowed']);
  });

  it('same-site: Lax, Strict and unspecified go out', () => {
    const jar = [cookie('lax', { domain: 'api.site-a.test', sameSite: 'lax' }), cookie('plain', { domain: 'api.site-a.test', sameSite: 'unspecified' })];
    const f = flow({ hops: [{ url: `${SAME_SITE_API}/api` }] });
    expect(byName(sends(cookieOutcomes(f, chrome({ cookieJar: jar }), { corsAllowed: true })))).toEqual({ lax: ['allowed'], plain: ['allowed'] });
  });

  it('SameSiteNoneInsecure and NameValuePairExceedsMaxSize for cookies a jar should not hold', () => {
    const jar = [cookie('ni', { secure: false }), cookie('big', { value: 'x'.repeat(4100) })];
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api` }] });
    expect(byName(sends(cookieOutcomes(f, chrome({ cookieJar: jar }), { corsAllowed: true })))).toEqual({
      ni: ['blocked', 'SameSiteNoneInsecure'],
      big: ['blocked', 'NameValuePairExceedsMaxSize'],
    });
  });

  it('expired cookies are gone', () => {
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api` }] });
    const jar = [cookie('old', { expiresAt: 1 })];
    expect(sends(cookieOutcomes(f, chrome({ cookieJar: jar }), { corsAllowed: true }))).toEqual([]);
  });
});

describe('the captured Cookie header', () => {
  it('is what was sent, jar or not', () => {
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api`, cookieHeader: 'a=1; b=2' }] });
    expect(byName(sends(cookieOutcomes(f, chrome(), { corsAllowed: true })))).toEqual({ a: ['allowed'], b: ['allowed'] });
  });

  it('jar cookies missing from it are not claimed as sent; blocked ones are still explained', () => {
    const jar = [cookie('none', { value: '1' }), cookie('other'), cookie('lax', { sameSite: 'lax' })];
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api`, cookieHeader: 'none=1' }] });
    expect(byName(sends(cookieOutcomes(f, chrome({ cookieJar: jar }), { corsAllowed: true })))).toEqual({
      none: ['warning', 'WarnThirdPartyPhaseout'],
      lax: ['blocked', 'SchemefulSameSiteLax'],
    });
  });
});

describe('what Chromium does not list, and we explain', () => {
  it('an uncredentialed request: the cookies that matched, CredentialsNotIncluded', () => {
    const f = flow({ credentials: 'omit', hops: [{ url: `${CROSS_SITE_API}/api` }] });
    const out = sends(cookieOutcomes(f, chrome({ cookieJar: jarB }), { corsAllowed: true }));
    expect(byName(out)).toEqual({
      none: ['blocked', 'CredentialsNotIncluded'],
      lax: ['blocked', 'CredentialsNotIncluded'],
      strict: ['blocked', 'CredentialsNotIncluded'],
      plain: ['blocked', 'CredentialsNotIncluded'],
      dom: ['blocked', 'CredentialsNotIncluded'],
      part_a: ['blocked', 'CredentialsNotIncluded'],
    });
    expect(out[0]!.why).toContain("credentials: 'include'");
  });

  it('the preflight carries none of the cookies its actual request sends', () => {
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api`, method: 'PUT', preflightSetCookies: [] }] });
    const out = cookieOutcomes(f, chrome({ cookieJar: jarB }), { corsAllowed: true });
    expect(byName(sends(out, 'preflight'))).toEqual({
      none: ['blocked', 'PreflightNotCredentialed'],
      dom: ['blocked', 'PreflightNotCredentialed'],
      part_a: ['blocked', 'PreflightNotCredentialed'],
    });
    expect(sends(out, 'preflight')[0]!.why).toContain('never carries cookies');
  });

  it('a hop whose preflight failed was never sent: only the preflight outcomes', () => {
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api`, method: 'PUT', preflightSetCookies: [], sent: false }] });
    const out = cookieOutcomes(f, chrome({ cookieJar: jarB }), { corsAllowed: false });
    expect(sends(out, 'actual')).toEqual([]);
    expect(sends(out, 'preflight').length).toBe(3);
  });
});

describe('redirects', () => {
  it('a cookie set by a redirect goes out on the next hop', () => {
    const f = flow({
      hops: [
        { url: `${CROSS_SITE_API}/login`, status: 302, setCookies: ['sid=1; SameSite=None; Secure'] },
        { url: `${CROSS_SITE_API}/api` },
      ],
    });
    const out = cookieOutcomes(f, chrome(), { corsAllowed: true });
    expect(out.map((o) => [o.direction, o.hop, o.name])).toEqual([
      ['set', 0, 'sid'],
      ['send', 1, 'sid'],
    ]);
  });

  it('Chrome judges each hop against the top-level site alone (no cross-site redirect downgrade for fetch)', () => {
    const jar = [cookie('strict', { domain: 'api.site-a.test', sameSite: 'strict' })];
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/r`, status: 302 }, { url: `${SAME_SITE_API}/api` }] });
    expect(byName(sends(cookieOutcomes(f, chrome({ cookieJar: jar }), { corsAllowed: true })))).toEqual({ strict: ['allowed'] });
  });
});

describe('top-level navigations', () => {
  it('Lax goes on a cross-site GET; a young unspecified cookie on a POST, with Chrome`s warning', () => {
    const now = 1_767_225_600_000;
    const jar = [
      cookie('lax', { sameSite: 'lax' }),
      cookie('strict', { sameSite: 'strict' }),
      cookie('young', { sameSite: 'unspecified', createdAt: now - 60_000 }),
      cookie('old', { sameSite: 'unspecified', createdAt: now - 600_000 }),
    ];
    const get = flow({ mode: 'navigate', hops: [{ url: `${CROSS_SITE_API}/` }] });
    expect(byName(sends(cookieOutcomes(get, chrome({ cookieJar: jar, now }), { corsAllowed: true })))).toEqual({
      lax: ['allowed'],
      strict: ['blocked', 'SchemefulSameSiteStrict'],
      young: ['allowed'],
      old: ['allowed'],
    });
    const post = flow({ mode: 'navigate', method: 'POST', hops: [{ url: `${CROSS_SITE_API}/`, method: 'POST' }] });
    expect(byName(sends(cookieOutcomes(post, chrome({ cookieJar: jar, now }), { corsAllowed: true })))).toEqual({
      lax: ['blocked', 'SchemefulSameSiteLax'],
      strict: ['blocked', 'SchemefulSameSiteStrict'],
      young: ['warning', 'WarnSameSiteUnspecifiedLaxAllowUnsafe'],
      old: ['blocked', 'SchemefulSameSiteUnspecifiedTreatedAsLax'],
    });
  });
});

describe('Firefox (verified against firefox-esr 153 at the server)', () => {
  it('a cross-site fetch sees only the jar of the page`s site (Total Cookie Protection)', () => {
    const jar = [cookie('first_party'), cookie('here', { partitionKey: 'https://site-a.test' }), cookie('plain', { sameSite: 'unspecified' })];
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api` }] });
    const out = sends(cookieOutcomes(f, firefox({ cookieJar: jar }), { corsAllowed: true }));
    expect(byName(out)).toEqual({
      first_party: ['blocked', 'TotalCookieProtection'],
      here: ['allowed'],
      plain: ['blocked', 'TotalCookieProtection'],
    });
    expect(out[0]!.why).toContain('Total Cookie Protection');
  });

  it('schemeless sites, and unspecified SameSite counts as None', () => {
    const jar = [cookie('plain', { domain: 'api.site-a.test', sameSite: 'unspecified' }), cookie('lax', { domain: 'api.site-a.test', sameSite: 'lax' })];
    const f = flow({ page: 'http://app.site-a.test', hops: [{ url: `${SAME_SITE_API}/api` }] });
    expect(byName(sends(cookieOutcomes(f, firefox({ cookieJar: jar }), { corsAllowed: true })))).toEqual({ plain: ['allowed'], lax: ['allowed'] });
  });

  it('withholds Lax and Strict after a cross-site redirect (Chrome does not)', () => {
    const jar = [
      cookie('lax', { domain: 'api.site-a.test', sameSite: 'lax' }),
      cookie('strict', { domain: 'api.site-a.test', sameSite: 'strict' }),
      cookie('plain', { domain: 'api.site-a.test', sameSite: 'unspecified' }),
      cookie('none', { domain: 'api.site-a.test' }),
    ];
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/r`, status: 302 }, { url: `${SAME_SITE_API}/api` }] });
    const out = sends(cookieOutcomes(f, firefox({ cookieJar: jar }), { corsAllowed: true }));
    expect(byName(out)).toEqual({
      lax: ['blocked', 'CrossSiteRedirect'],
      strict: ['blocked', 'CrossSiteRedirect'],
      plain: ['allowed'],
      none: ['allowed'],
    });
    expect(out[0]!.why).toContain('through a redirect from another site');
  });

  it('third-party cookies blocked: partitioned cookies are withheld too', () => {
    const jar = [cookie('here', { partitionKey: 'https://site-a.test' })];
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api` }] });
    expect(byName(sends(cookieOutcomes(f, firefox({ cookieJar: jar, thirdPartyCookies: 'blocked' }), { corsAllowed: true })))).toEqual({
      here: ['blocked', 'UserPreferences'],
    });
  });
});
