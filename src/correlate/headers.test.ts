import { describe, expect, it } from 'vitest';
import { isForbiddenRequestHeader } from '../fetch/request-headers.ts';
import { authorHeaders, isBrowserAdded } from './headers.ts';

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
