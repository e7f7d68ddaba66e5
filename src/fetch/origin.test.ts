import { describe, expect, it } from 'vitest';
import { hasCredentials, isCorsEnabledScheme, isPotentiallyTrustworthy, isSameOrigin, normalizeOrigin, originOf, parseUrl, schemeOf } from './origin.ts';

describe('origins', () => {
  it('serializes tuple origins without default ports', () => {
    expect(originOf('https://App.Site-A.test:443/x?y')).toBe('https://app.site-a.test');
    expect(originOf('http://a.test:8080/')).toBe('http://a.test:8080');
    expect(originOf('blob:https://a.test/uuid')).toBe('https://a.test');
  });
  it('gives null for opaque origins and junk', () => {
    expect(originOf('data:text/plain,hi')).toBe('null');
    expect(originOf('file:///etc/passwd')).toBe('null');
    expect(originOf('not a url')).toBe('null');
  });
  it('same-origin needs scheme, host and port to match; null is never same-origin', () => {
    expect(isSameOrigin('https://a.test', 'https://a.test/x')).toBe(true);
    expect(isSameOrigin('https://a.test', 'http://a.test/x')).toBe(false);
    expect(isSameOrigin('https://a.test', 'https://a.test:8443/x')).toBe(false);
    expect(isSameOrigin('https://a.test', 'https://b.a.test/')).toBe(false);
    expect(isSameOrigin('null', 'https://a.test/')).toBe(false);
    expect(isSameOrigin('https://a.test/', 'https://a.test/')).toBe(true);
  });
  it('normalizes reported origins but keeps null and non-origins', () => {
    expect(normalizeOrigin('https://A.test:443')).toBe('https://a.test');
    expect(normalizeOrigin('null')).toBe('null');
    expect(normalizeOrigin('garbage')).toBe('garbage');
  });
  it('parses safely', () => {
    expect(parseUrl(42)).toBeNull();
    expect(parseUrl('::')).toBeNull();
    expect(parseUrl('/x', 'https://a.test')?.href).toBe('https://a.test/x');
  });
  it('knows the CORS-enabled schemes (Chromium 156 list)', () => {
    expect(isCorsEnabledScheme('https://a.test')).toBe(true);
    expect(isCorsEnabledScheme('data:,x')).toBe(true);
    expect(isCorsEnabledScheme('ftp://a.test/')).toBe(false);
    expect(isCorsEnabledScheme('foo://bar/x')).toBe(false);
    expect(schemeOf('FOO:bar')).toBe('foo');
    expect(schemeOf('')).toBe('');
  });
  it('detects userinfo', () => {
    expect(hasCredentials('https://u:p@a.test/')).toBe(true);
    expect(hasCredentials('https://u@a.test/')).toBe(true);
    expect(hasCredentials('https://a.test/')).toBe(false);
  });
  it('secure contexts: https, localhost, loopback', () => {
    expect(isPotentiallyTrustworthy('https://a.test')).toBe(true);
    expect(isPotentiallyTrustworthy('http://a.test')).toBe(false);
    expect(isPotentiallyTrustworthy('http://localhost:3000')).toBe(true);
    expect(isPotentiallyTrustworthy('http://x.localhost')).toBe(true);
    expect(isPotentiallyTrustworthy('http://127.0.0.1:8080')).toBe(true);
    expect(isPotentiallyTrustworthy('null')).toBe(false);
  });
});
