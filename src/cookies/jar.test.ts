import { describe, expect, it } from 'vitest';
import { nextJar } from './index.ts';
import { chrome, cookie, CROSS_SITE_API, crossSiteSet, flow } from './fixtures/flows.ts';

const NOW = 1_767_225_600_000;

describe('nextJar', () => {
  it('adds what the flow stored, with domain, path, flags, partition and times', () => {
    const jar = nextJar([], crossSiteSet(['a=1; SameSite=None; Secure; HttpOnly; Domain=site-b.test; Max-Age=60', 'p=1; SameSite=None; Secure; Partitioned']), chrome());
    expect(jar).toEqual([
      {
        name: 'a',
        value: '1',
        domain: 'site-b.test',
        hostOnly: false,
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'none',
        partitioned: false,
        expiresAt: NOW + 60_000,
        createdAt: NOW,
      },
      {
        name: 'p',
        value: '1',
        domain: 'api.site-b.test',
        hostOnly: true,
        path: '/',
        secure: true,
        httpOnly: false,
        sameSite: 'none',
        partitioned: true,
        partitionKey: 'https://site-a.test',
        createdAt: NOW,
      },
    ]);
  });

  it('replaces an equivalent cookie and keeps its creation time; leaves blocked lines out', () => {
    const before = [cookie('a', { value: 'old', createdAt: 5 }), cookie('keep')];
    const jar = nextJar(before, crossSiteSet(['a=new; SameSite=None; Secure', 'b=1; SameSite=Lax']), chrome());
    expect(jar.map((c) => [c.name, c.value, c.createdAt])).toEqual([
      ['keep', '1', undefined],
      ['a', 'new', 5],
    ]);
  });

  it('deletes on Max-Age<=0 and on an Expires in the past (read against the response Date)', () => {
    const before = [cookie('a'), cookie('b'), cookie('c')];
    const f = flow({
      hops: [
        {
          url: `${CROSS_SITE_API}/api`,
          setCookies: ['a=; SameSite=None; Secure; Max-Age=0', 'b=; SameSite=None; Secure; Expires=Thu, 01 Jan 1970 00:00:00 GMT'],
          extraResponseHeaders: [{ name: 'Date', value: 'Thu, 01 Jan 2026 00:00:00 GMT' }],
        },
      ],
    });
    expect(nextJar(before, f, chrome()).map((c) => c.name)).toEqual(['c']);
    // Without any clock, an Expires date cannot be judged: the cookie stays (Max-Age still works).
    const noClock = { browser: 'chrome' as const, thirdPartyCookies: 'allowed' as const };
    const f2 = crossSiteSet(['a=; SameSite=None; Secure; Max-Age=0', 'b=; SameSite=None; Secure; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    expect(nextJar(before, f2, noClock).map((c) => c.name)).toEqual(['c', 'b']);
  });

  it('drops expired cookies and ignores malformed entries', () => {
    const junk = [null, 3, { name: 1 }, cookie('old', { expiresAt: NOW - 1 }), cookie('ok')] as never[];
    expect(nextJar(junk, flow({ hops: [{ url: `${CROSS_SITE_API}/api` }] }), chrome()).map((c) => c.name)).toEqual(['ok']);
  });
});
