import { describe, expect, it } from 'vitest';
import { isForbiddenRequestHeader } from '../fetch/request-headers.ts';
import { authorHeaders, isBrowserAdded, locationOf, redirectURLOf } from './headers.ts';

const none = new Set<string>();

describe('isBrowserAdded', () => {
  it("counts every forbidden request-header as the browser's (Fetch's list, from src/fetch)", () => {
    for (const name of ['Cookie', 'Origin', 'Referer', 'User-Agent', 'Accept-Encoding', 'Host', 'Sec-Fetch-Mode', 'Sec-CH-UA', 'Proxy-Authorization', 'Access-Control-Request-Private-Network']) {
      expect(isForbiddenRequestHeader(name)).toBe(true);
      expect(isBrowserAdded(name, 'x', none)).toBe(true);
    }
  });
  it('and what browsers add besides: Accept-Language, Priority, Upgrade-Insecure-Requests, X-Client-Data', () => {
    for (const name of ['Accept-Language', 'Priority', 'Upgrade-Insecure-Requests', 'X-Client-Data']) {
      expect(isForbiddenRequestHeader(name)).toBe(false);
      expect(isBrowserAdded(name, 'x', none)).toBe(true);
    }
  });
  it("keeps the page's own headers, default-looking values aside, and whatever the preflight named", () => {
    expect(isBrowserAdded('X-Api-Key', 'k', none)).toBe(false);
    expect(isBrowserAdded('Content-Type', 'application/json', none)).toBe(false);
    expect(isBrowserAdded('Accept', '*/*', none)).toBe(true);
    expect(isBrowserAdded('Accept', 'application/json', none)).toBe(false);
    expect(isBrowserAdded('Accept-Language', 'de', new Set(['accept-language']))).toBe(false);
    expect(
      authorHeaders([
        { name: 'Origin', value: 'https://a.test' },
        { name: 'X-Api-Key', value: 'k' },
        { name: 'sec-fetch-dest', value: 'empty' },
      ]),
    ).toEqual([{ name: 'X-Api-Key', value: 'k' }]);
  });
});

describe('locationOf and redirectURLOf: what a response redirects to, as Chromium reads it', () => {
  const loc = (...values: string[]) => values.map((value) => ({ name: 'Location', value }));
  it('resolves the first non-empty Location of a redirect status against the request URL', () => {
    expect(locationOf('https://a.test/x/y', 302, loc('../z'))).toBe('https://a.test/z');
    expect(locationOf('https://a.test/x', 307, loc('', '  ', 'https://b.test/'))).toBe('https://b.test/');
    expect(locationOf('https://a.test/x', 308, [])).toBeUndefined();
  });
  it('gives none for a 300, a 304, or a 3xx whose Location lines are all empty (not a redirect in Chromium)', () => {
    expect(locationOf('https://a.test/x', 300, loc('/y'))).toBeUndefined();
    expect(locationOf('https://a.test/x', 304, loc('/y'))).toBeUndefined();
    // `new URL('', base)` is the request URL itself: an empty Location must not read as a redirect to itself.
    expect(locationOf('https://a.test/x', 302, loc(''))).toBeUndefined();
  });
  it('never throws on targets or request URLs no parser accepts', () => {
    expect(locationOf('garbage', 302, loc('/rel'))).toBeUndefined();
    expect(locationOf('https://a.test/', 302, loc('http://[bad'))).toBeUndefined();
    expect(redirectURLOf('garbage', 302, '/x', [])).toBeUndefined();
    expect(redirectURLOf('garbage', 302, 'https://b.test/abs', [])).toBe('https://b.test/abs');
    expect(redirectURLOf('https://a.test/', 301, 'http://[bad', loc('/y'))).toBe('https://a.test/y');
  });
  it("prefers the capture's own redirect URL, for redirect statuses only", () => {
    expect(redirectURLOf('https://a.test/x', 302, '/from-har', loc('/from-header'))).toBe('https://a.test/from-har');
    expect(redirectURLOf('https://a.test/x', 302, '', loc('/from-header'))).toBe('https://a.test/from-header');
    expect(redirectURLOf('https://a.test/x', 300, '/from-har', loc('/from-header'))).toBeUndefined();
  });
});
