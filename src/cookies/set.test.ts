import { describe, expect, it } from 'vitest';
import type { CookieOutcome } from '../model/index.ts';
import { cookieOutcomes, nextJar } from './index.ts';
import { chrome, cookie, CROSS_SITE_API, crossSiteSet, firefox, flow, PAGE, SAME_SITE_API } from './fixtures/flows.ts';

const sets = (outcomes: CookieOutcome[]) => outcomes.filter((o) => o.direction === 'set');
const one = (outcomes: CookieOutcome[]) => {
  const s = sets(outcomes);
  expect(s).toHaveLength(1);
  return s[0]!;
};
const judge = (line: string, ctx = chrome(), url = `${CROSS_SITE_API}/api`) => one(cookieOutcomes(crossSiteSet([line], url), ctx, { corsAllowed: true }));

describe('Set-Cookie on a cross-site credentialed fetch (Chrome)', () => {
  it('SameSite=None; Secure is stored, with the third-party warning the assumption rests on', () => {
    const o = judge('sid=1; SameSite=None; Secure');
    expect(o).toMatchObject({ outcome: 'warning', reasons: ['WarnThirdPartyPhaseout'], domain: 'api.site-b.test', path: '/', hop: 0, stage: 'actual' });
    expect(o.why).toContain('third-party cookies are allowed');
  });

  it('a third-party line that deletes a cookie (Max-Age=0) still raises the third-party warning (Chromium 156)', () => {
    expect(judge('gone=; Max-Age=0; SameSite=None; Secure; Path=/')).toMatchObject({ outcome: 'warning', reasons: ['WarnThirdPartyPhaseout'] });
  });

  it('Lax, Strict and no SameSite are blocked with the Schemeful… names Chromium 156 reports', () => {
    expect(judge('a=1; SameSite=Lax').reasons).toEqual(['SchemefulSameSiteLax']);
    expect(judge('a=1; SameSite=Strict').reasons).toEqual(['SchemefulSameSiteStrict']);
    const lax = judge('a=1');
    expect(lax).toMatchObject({ outcome: 'blocked', reasons: ['SchemefulSameSiteUnspecifiedTreatedAsLax'] });
    expect(lax.why).toContain('treats it as SameSite=Lax');
    expect(lax.why).toContain('https://site-b.test');
  });

  it('SameSite=None without Secure: SameSiteNoneInsecure, even same-site', () => {
    expect(judge('a=1; SameSite=None').reasons).toEqual(['SameSiteNoneInsecure']);
    expect(judge('a=1; SameSite=None', chrome(), `${SAME_SITE_API}/api`).reasons).toEqual(['SameSiteNoneInsecure']);
  });

  it('over http: SecureOnly, together with the SameSite reason', () => {
    const f = flow({ page: 'http://app.site-a.test', hops: [{ url: 'http://api.site-b.test/api', setCookies: ['a=1; Secure'] }] });
    expect(one(cookieOutcomes(f, chrome(), { corsAllowed: true })).reasons).toEqual(['SecureOnly', 'SchemefulSameSiteUnspecifiedTreatedAsLax']);
  });

  it('schemeful same-site: http page, https API on the same registrable domain is cross-site', () => {
    const f = flow({ page: 'http://app.site-a.test', hops: [{ url: `${SAME_SITE_API}/api`, setCookies: ['a=1; SameSite=Lax'] }] });
    const o = one(cookieOutcomes(f, chrome(), { corsAllowed: true }));
    expect(o.reasons).toEqual(['SchemefulSameSiteLax']);
    expect(o.why).toContain('differ in scheme');
  });

  it('same-site (another host of the same site) stores Lax, Strict and unspecified', () => {
    for (const line of ['a=1', 'a=1; SameSite=Lax', 'a=1; SameSite=Strict']) {
      expect(judge(line, chrome(), `${SAME_SITE_API}/api`)).toMatchObject({ outcome: 'allowed', reasons: [] });
    }
  });

  it('InvalidDomain and InvalidPrefix, alone and together', () => {
    expect(judge('a=1; SameSite=None; Secure; Domain=site-c.test').reasons).toEqual(['InvalidDomain']);
    expect(judge('__Host-a=1; SameSite=None; Secure').reasons).toEqual(['InvalidPrefix']);
    expect(judge('__Secure-a=1; SameSite=None').reasons).toEqual(['InvalidPrefix']);
    expect(judge('__secure-lc=1; SameSite=None').reasons).toEqual(['InvalidPrefix']);
    expect(judge('=__Host-x').reasons).toEqual(['InvalidPrefix']);
    expect(judge('__Host-c1b=v; Domain=site-c.test; Secure; Path=/').reasons).toEqual(['InvalidDomain', 'InvalidPrefix']);
    expect(judge('__Host-ok=1; SameSite=None; Secure; Path=/').outcome).toBe('warning');
  });

  it('parse failures are reported alone', () => {
    expect(judge('').reasons).toEqual(['NoCookieContent']);
    expect(judge('a=\u0001; SameSite=Lax').reasons).toEqual(['DisallowedCharacter']);
    expect(judge(`a=${'x'.repeat(4100)}; Domain=site-c.test`).reasons).toEqual(['NameValuePairExceedsMaxSize']);
  });

  it('Partitioned needs Secure over a secure URL; Chromium drops it silently (our own reason)', () => {
    expect(judge('p=1; SameSite=None; Partitioned').reasons).toEqual(['PartitionedRequiresSecure']);
    const ok = judge('p=1; SameSite=None; Secure; Partitioned');
    expect(ok).toMatchObject({ outcome: 'allowed', reasons: [] });
    expect(ok.why).toContain('partitioned under https://site-a.test');
  });

  it('WarnAttributeValueExceedsMaxSize: the attribute is ignored, the cookie stored', () => {
    const o = judge(`a=1; SameSite=None; Secure; Path=/${'x'.repeat(1100)}`);
    expect(o.reasons).toEqual(['WarnThirdPartyPhaseout', 'WarnAttributeValueExceedsMaxSize']);
    expect(o.path).toBe('/');
  });
});

describe('third-party cookies blocked (UserPreferences)', () => {
  const blocked = chrome({ thirdPartyCookies: 'blocked' });
  it('replaces every access reason for an unpartitioned third-party cookie', () => {
    for (const line of ['a=1', 'a=1; SameSite=Lax', 'a=1; SameSite=None', 'a=1; SameSite=None; Secure']) {
      const o = judge(line, blocked);
      expect(o.reasons).toEqual(['UserPreferences']);
      expect(o.why).toContain('third-party cookies are blocked');
    }
  });

  it('creation failures still win; partitioned cookies are exempt but keep their SameSite checks', () => {
    expect(judge('__Host-a=1; Secure', blocked).reasons).toEqual(['InvalidPrefix']);
    expect(judge('p=1; SameSite=None; Secure; Partitioned', blocked).outcome).toBe('allowed');
    expect(judge('p=1; SameSite=Lax; Secure; Partitioned', blocked).reasons).toEqual(['SchemefulSameSiteLax']);
  });

  it('does not apply to same-site requests', () => {
    expect(judge('a=1', blocked, `${SAME_SITE_API}/api`).outcome).toBe('allowed');
  });
});

describe('Set-Cookie that Chromium ignores without reporting', () => {
  it('on a preflight response: never stored', () => {
    const f = flow({ hops: [{ url: `${CROSS_SITE_API}/api`, method: 'PUT', preflightSetCookies: ['pf=1; SameSite=None; Secure'] }] });
    const o = one(cookieOutcomes(f, chrome(), { corsAllowed: true }));
    expect(o).toMatchObject({ stage: 'preflight', outcome: 'blocked', reasons: ['PreflightNotCredentialed'] });
    expect(nextJar([], f, chrome())).toEqual([]);
  });

  it('on an uncredentialed request (omit, or same-origin mode to another origin)', () => {
    for (const credentials of ['omit', 'same-origin'] as const) {
      const f = flow({ credentials, hops: [{ url: `${CROSS_SITE_API}/api`, setCookies: ['a=1; SameSite=None; Secure'] }] });
      const o = one(cookieOutcomes(f, chrome(), { corsAllowed: true }));
      expect(o.reasons).toEqual(['CredentialsNotIncluded']);
      expect(o.why).toContain(`“${credentials}”`);
      expect(nextJar([], f, chrome())).toEqual([]);
    }
  });

  it('same-origin mode: credentialed on the page`s own origin, not after leaving it (tainting)', () => {
    const direct = flow({ credentials: 'same-origin', hops: [{ url: `${PAGE}/api`, setCookies: ['a=1'] }] });
    expect(one(cookieOutcomes(direct, chrome(), { corsAllowed: true })).outcome).toBe('allowed');
    const back = flow({
      credentials: 'same-origin',
      hops: [{ url: `${CROSS_SITE_API}/r`, status: 302 }, { url: `${PAGE}/api`, setCookies: ['a=1'] }],
    });
    expect(one(cookieOutcomes(back, chrome(), { corsAllowed: true })).reasons).toEqual(['CredentialsNotIncluded']);
  });
});

describe('stored even when the CORS check fails', () => {
  it('says so, and the jar has it', () => {
    const f = crossSiteSet(['a=1; SameSite=None; Secure']);
    const o = one(cookieOutcomes(f, chrome(), { corsAllowed: false }));
    expect(o.outcome).toBe('warning');
    expect(o.why).toContain('stored the cookie anyway');
    expect(nextJar([], f, chrome()).map((c) => c.name)).toEqual(['a']);
  });
});

describe('OverwriteSecure needs the jar', () => {
  it('blocks a non-Secure cookie from http that would shadow a Secure one', () => {
    const jar = [cookie('ow', { domain: 'api.site-b.test', path: '/x' })];
    const f = flow({ page: 'http://api.site-b.test', hops: [{ url: 'http://api.site-b.test/set', setCookies: ['ow=2; Path=/x/y', 'other=1'] }] });
    const out = sets(cookieOutcomes(f, chrome({ cookieJar: jar }), { corsAllowed: true }));
    expect(out.map((o) => [o.name, o.reasons])).toEqual([
      ['ow', ['OverwriteSecure']],
      ['other', []],
    ]);
  });

  it('not from https or localhost', () => {
    const jar = [cookie('ow', { domain: 'localhost' })];
    const f = flow({ page: 'http://localhost:8080', hops: [{ url: 'http://localhost:8080/set', setCookies: ['ow=2'] }] });
    expect(one(cookieOutcomes(f, chrome({ cookieJar: jar }), { corsAllowed: true })).outcome).toBe('allowed');
  });
});

describe('localhost and IPs', () => {
  it('http://localhost and http://127.0.0.1 may set Secure and prefixed cookies', () => {
    for (const origin of ['http://localhost:8080', 'http://127.0.0.1:8080']) {
      const f = flow({ page: origin, credentials: 'same-origin', hops: [{ url: `${origin}/set`, setCookies: ['a=1; Secure', '__Host-b=1; Secure; Path=/'] }] });
      expect(sets(cookieOutcomes(f, chrome(), { corsAllowed: true })).map((o) => o.outcome)).toEqual(['allowed', 'allowed']);
    }
  });
});

describe('Firefox (verified against firefox-esr 153: what reached the server, and its console lines)', () => {
  it('no Lax by default: an unspecified cookie is stored — in the jar of the page`s site (Total Cookie Protection)', () => {
    const f = crossSiteSet(['a=1; Secure']);
    const o = one(cookieOutcomes(f, firefox(), { corsAllowed: true }));
    expect(o).toMatchObject({ outcome: 'warning', reasons: ['TotalCookieProtection'] });
    expect(o.why).toContain('Total Cookie Protection');
    expect(nextJar([], f, firefox())[0]).toMatchObject({ name: 'a', partitionKey: 'https://site-a.test', partitioned: false });
  });

  it('Lax and Strict cross-site are rejected with the plain names and Firefox`s console line', () => {
    const o = judge('a=1; SameSite=Lax', firefox());
    expect(o.reasons).toEqual(['SameSiteLax']);
    expect(o.why).toContain('Firefox prints: Cookie “a” has been rejected because it is in a cross-site context and its “SameSite” is “Lax” or “Strict”.');
  });

  it('schemeless sites: http page and https API on the same registrable domain are same-site', () => {
    const f = flow({ page: 'http://app.site-a.test', hops: [{ url: `${SAME_SITE_API}/api`, setCookies: ['a=1; SameSite=Lax'] }] });
    expect(one(cookieOutcomes(f, firefox(), { corsAllowed: true })).outcome).toBe('allowed');
  });

  it('one reason per line, in Firefox`s order', () => {
    expect(judge('n=1; SameSite=None', firefox()).why).toContain('Cookie “n” rejected because it has the “SameSite=None” attribute but is missing the “secure” attribute.');
    // SameSite=None without Secure is reported before Partitioned without Secure.
    expect(judge('pn=1; SameSite=None; Partitioned', firefox()).reasons).toEqual(['SameSiteNoneInsecure']);
    expect(judge('pq=1; Partitioned', firefox(), `${SAME_SITE_API}/x`).why).toContain('has been rejected because it has the “Partitioned” attribute but is missing the “secure” attribute.');
    // Invalid domain first, alone (Chrome reports both).
    expect(judge('__Host-h=1; Secure; Domain=site-c.test', firefox()).reasons).toEqual(['InvalidDomain']);
    expect(judge('__Host-h=1; Secure; Domain=site-b.test', firefox()).why).toContain('Cookie “__Host-h” has been rejected for invalid prefix.');
  });

  it('over http: Secure (even with Partitioned) is SecureOnly; a non-Secure cookie may not shadow a Secure one', () => {
    const jar = [cookie('ow')];
    const f = flow({ page: 'http://api.site-b.test', hops: [{ url: 'http://api.site-b.test/set', setCookies: ['sec=1; Secure', 'pq=1; Partitioned; Secure', 'ow=2'] }] });
    const out = sets(cookieOutcomes(f, firefox({ cookieJar: jar }), { corsAllowed: true }));
    expect(out.map((o) => o.reasons)).toEqual([['SecureOnly'], ['SecureOnly'], ['OverwriteSecure']]);
    expect(out[0]!.why).toContain('a non-HTTPS cookie can’t be set as “secure”');
    expect(out[2]!.why).toContain('there is an existing “secure” cookie');
  });

  it('third-party cookies blocked: every third-party line, partitioned or not, and before other checks', () => {
    const blocked = firefox({ thirdPartyCookies: 'blocked' });
    for (const line of ['a=1; SameSite=None; Secure', 'p=1; SameSite=None; Secure; Partitioned', '__Host-h=1; Domain=site-b.test', 'n=1; SameSite=None']) {
      expect(judge(line, blocked).reasons).toEqual(['UserPreferences']);
    }
    expect(judge('a=1', blocked).why).toContain('Firefox blocks partitioned cookies too');
  });
});
