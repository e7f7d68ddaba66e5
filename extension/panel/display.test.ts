import { describe, expect, it } from 'vitest';
import { clip, hostOf, splitUrl, visible, visibleParts } from './display.ts';

describe('visible', () => {
  it('leaves ordinary text alone', () => {
    expect(visible('https://api.example.test/a?b=c')).toBe('https://api.example.test/a?b=c');
    expect(visible('héllo — 日本')).toBe('héllo — 日本');
    expect(visibleParts('plain')).toEqual([{ text: 'plain', escaped: false }]);
  });
  it('shows control characters as escapes', () => {
    expect(visible('a\nb\u0000c\u007f\td')).toBe('a\\nb\\x00c\\x7F\\td');
    expect(visible('x\u0085y')).toBe('x\\x85y');
  });
  it('shows bidi controls instead of letting them reorder text, as separate parts', () => {
    expect(visible('invoice\u202Etxt.exe')).toBe('invoice\\u202Etxt.exe');
    expect(visibleParts('a\u2066b')).toEqual([
      { text: 'a', escaped: false },
      { text: '\\u2066', escaped: true },
      { text: 'b', escaped: false },
    ]);
  });
});

describe('splitUrl', () => {
  it('splits origin and the rest so that they join back exactly', () => {
    for (const url of ['http://a.test:8080/p/q?x=1#h', 'https://b.test', 'https://u:p@c.test/?q', 'weird', 'data:text/plain,x']) {
      const { origin, rest } = splitUrl(url);
      expect(origin + rest).toBe(url);
    }
    expect(splitUrl('http://a.test:8080/p?x')).toEqual({ origin: 'http://a.test:8080', rest: '/p?x' });
  });
});

describe('hostOf and clip', () => {
  it('reads a host name, or nothing', () => {
    expect(hostOf('http://API.site-b.test:1/x')).toBe('api.site-b.test');
    expect(hostOf('not a url')).toBe('');
  });
  it('cuts long values and says how much', () => {
    expect(clip('abc', 5)).toEqual({ text: 'abc', cut: 0 });
    expect(clip('abcdefgh', 5)).toEqual({ text: 'abcde', cut: 3 });
  });
});
