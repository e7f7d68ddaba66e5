import { describe, expect, it } from 'vitest';
import { cookieDomain, cookiePath, cookieStoreKey, defaultPath, domainMatches, pathMatches, registrableDomain } from './domain.ts';

describe('registrable domains (public suffix list, private entries included)', () => {
  it('knows ICANN and private suffixes', () => {
    expect(registrableDomain('a.b.co.uk')).toBe('b.co.uk');
    expect(registrableDomain('foo.github.io')).toBe('foo.github.io');
    expect(registrableDomain('api.site-a.test')).toBe('site-a.test');
  });

  it('IPs, localhost and bare suffixes have none; they are filed under themselves', () => {
    for (const h of ['127.0.0.1', '[::1]', 'localhost', 'github.io', 'com']) expect(registrableDomain(h)).toBeNull();
    expect(cookieStoreKey('127.0.0.1')).toBe('127.0.0.1');
    expect(cookieStoreKey('www.site-b.test')).toBe('site-b.test');
  });
});

describe('cookieDomain: the Domain attribute (Chromium 156 outcomes)', () => {
  const host = 'api.site-a.test';
  it('no or empty Domain: host-only', () => {
    expect(cookieDomain(host, undefined)).toEqual({ ok: true, domain: host, hostOnly: true });
    expect(cookieDomain(host, '')).toEqual({ ok: true, domain: host, hostOnly: true });
  });

  it('a parent domain or the host itself: a domain cookie (leading dot and case ignored)', () => {
    expect(cookieDomain(host, '.SITE-A.TEST')).toEqual({ ok: true, domain: 'site-a.test', hostOnly: false });
    expect(cookieDomain(host, 'api.site-a.test')).toEqual({ ok: true, domain: 'api.site-a.test', hostOnly: false });
  });

  it('InvalidDomain: another site, a sibling, a public suffix, a port, non-ASCII, empty labels', () => {
    for (const d of ['site-c.test', 'app.site-a.test', 'test', '.', '..site-a.test', 'site-a.test:443', 'ëxample.site-a.test', 'localhost']) {
      expect(cookieDomain(host, d)).toEqual({ ok: false });
    }
  });

  it('an IP or localhost host: only the host itself, kept host-only', () => {
    expect(cookieDomain('127.0.0.1', '127.0.0.1')).toEqual({ ok: true, domain: '127.0.0.1', hostOnly: true });
    expect(cookieDomain('127.0.0.1', '0.0.1')).toEqual({ ok: false });
    expect(cookieDomain('localhost', 'localhost')).toEqual({ ok: true, domain: 'localhost', hostOnly: true });
  });

  it('private suffixes: a github.io site cannot set a cookie for github.io', () => {
    expect(cookieDomain('me.github.io', 'github.io')).toEqual({ ok: false });
    expect(cookieDomain('a.me.github.io', 'me.github.io')).toEqual({ ok: true, domain: 'me.github.io', hostOnly: false });
  });
});

describe('matching', () => {
  it('domain-match: host-only exact, domain cookies cover subdomains', () => {
    expect(domainMatches({ domain: 'api.site-b.test', hostOnly: true }, 'api.site-b.test')).toBe(true);
    expect(domainMatches({ domain: 'api.site-b.test', hostOnly: true }, 'x.api.site-b.test')).toBe(false);
    expect(domainMatches({ domain: 'site-b.test', hostOnly: false }, 'x.api.site-b.test')).toBe(true);
    expect(domainMatches({ domain: 'site-b.test', hostOnly: false }, 'evilsite-b.test')).toBe(false);
  });

  it('default-path and path-match (RFC 6265 §5.1.4)', () => {
    expect(defaultPath('/a/b/c')).toBe('/a/b');
    expect(defaultPath('/a')).toBe('/');
    expect(defaultPath('')).toBe('/');
    expect(cookiePath('/a/b', 'relative')).toBe('/a');
    expect(cookiePath('/a/b', '/x')).toBe('/x');
    expect(pathMatches('/x', '/x')).toBe(true);
    expect(pathMatches('/x', '/x/y')).toBe(true);
    expect(pathMatches('/x/', '/x/y')).toBe(true);
    expect(pathMatches('/x', '/xy')).toBe(false);
    expect(pathMatches('/other', '/get')).toBe(false);
  });
});
