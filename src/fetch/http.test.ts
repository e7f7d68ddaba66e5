import { describe, expect, it } from 'vitest';
import { isOkStatus, isRedirectStatus, isToken, normalizedHeader, safeHeaders, trimLws } from './http.ts';

describe('normalizedHeader (Chromium GetNormalizedHeader)', () => {
  const h = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));
  it('is null when absent and matches names case-insensitively', () => {
    expect(normalizedHeader(h([['X-A', '1']]), 'x-b')).toBeNull();
    expect(normalizedHeader(h([['ACCESS-CONTROL-ALLOW-ORIGIN', 'https://a.test']]), 'Access-Control-Allow-Origin')).toBe('https://a.test');
  });
  it('joins several lines with ", " in wire order and trims each', () => {
    expect(normalizedHeader(h([['A', ' x '], ['b', 'y'], ['a', '\tz']]), 'a')).toBe('x, z');
  });
  it('keeps an empty value as the empty string, not absent', () => {
    expect(normalizedHeader(h([['A', '  ']]), 'a')).toBe('');
  });
  it('counts lines', () => {
  });
});

describe('tokens and statuses', () => {
  it('recognizes RFC 9110 tokens', () => {
    expect(isToken('PUT')).toBe(true);
    expect(isToken("x-a!#$%&'*+.^_`|~")).toBe(true);
    expect(isToken('')).toBe(false);
    expect(isToken('a b')).toBe(false);
    expect(isToken('a;b')).toBe(false);
    expect(isToken('"a"')).toBe(false);
    expect(isToken('é')).toBe(false);
  });
  it('ok and redirect statuses', () => {
    expect([199, 200, 204, 299, 300].map(isOkStatus)).toEqual([false, true, true, true, false]);
    expect([300, 301, 302, 303, 304, 307, 308].map(isRedirectStatus)).toEqual([false, true, true, true, false, true, true]);
  });
  it('trims only SP and HTAB', () => {
    expect(trimLws(' \t a \n')).toBe('a \n');
  });
  it('safeHeaders drops malformed entries and stringifies values', () => {
    expect(safeHeaders([null, 1, { name: 'a', value: 2 }, { value: 'x' }, { name: 'b', value: 'c' }])).toEqual([
      { name: 'a', value: '2' },
      { name: 'b', value: 'c' },
    ]);
    expect(safeHeaders('nope')).toEqual([]);
  });
});
