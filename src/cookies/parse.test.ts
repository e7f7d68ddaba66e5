import { describe, expect, it } from 'vitest';
import { cookieHeaderPairs, parseSetCookie, sameSiteOf, setCookieLines } from './parse.ts';

const ok = (line: string) => {
  const p = parseSetCookie(line);
  if (!p.ok) throw new Error(`expected ${JSON.stringify(line)} to parse, got ${p.reason}`);
  return p;
};
const fail = (line: string) => {
  const p = parseSetCookie(line);
  if (p.ok) throw new Error(`expected ${JSON.stringify(line)} to fail`);
  return p.reason;
};

describe('parseSetCookie: the name-value pair (as Chromium 156 reads it)', () => {
  it('splits at the first = and trims spaces and tabs', () => {
    expect(ok(' sid = a=b ; Path=/').name).toBe('sid');
    expect(ok(' sid = a=b ; Path=/').value).toBe('a=b');
    expect(ok('c4=\tab').value).toBe('ab');
  });

  it('a pair without = is a nameless cookie (value only); `=v` too', () => {
    expect(ok('justvalue; Secure')).toMatchObject({ name: '', value: 'justvalue', secure: true });
    expect(ok('=v19')).toMatchObject({ name: '', value: 'v19' });
  });

  it('keeps names set-cookie-parser would drop (constructor, __proto__) and does not decode values', () => {
    expect(ok('constructor=1').name).toBe('constructor');
    expect(ok('__proto__=1').name).toBe('__proto__');
    expect(ok('a=%41%zz').value).toBe('%41%zz');
  });

  it('NoCookieContent: empty name and value', () => {
    for (const line of ['', '=', '=;', ' ; SameSite=None', ';']) expect(fail(line)).toBe('NoCookieContent');
  });

  it('NameValuePairExceedsMaxSize: name + value over 4096 bytes, counted in UTF-8', () => {
    expect(ok(`w17=${'z'.repeat(4093)}`).name).toBe('w17');
    expect(fail(`w18=${'z'.repeat(4094)}`)).toBe('NameValuePairExceedsMaxSize');
    expect(fail(`w18 ${'z'.repeat(4093)}`)).toBe('NameValuePairExceedsMaxSize');
    expect(fail(`u=${'é'.repeat(2048)}`)).toBe('NameValuePairExceedsMaxSize');
  });

  it('size is checked before characters (a huge value with a control character is "too large")', () => {
    expect(fail(`c2b=${'q'.repeat(4100)}\u0001`)).toBe('NameValuePairExceedsMaxSize');
  });

  it('DisallowedCharacter: a control character anywhere, or a tab inside a name, value or attribute', () => {
    expect(fail('c1=a\u0001b; SameSite=None; Secure')).toBe('DisallowedCharacter');
    expect(fail('c\u007f2=ab')).toBe('DisallowedCharacter');
    expect(fail('c3=a\tb')).toBe('DisallowedCharacter');
    expect(fail('c5=ab; Path=/\u0001')).toBe('DisallowedCharacter');
    expect(fail('c=1; Pa\tth=/')).toBe('DisallowedCharacter');
    expect(fail('c=1\rx')).toBe('DisallowedCharacter');
  });

  it('accepts non-ASCII, spaces inside names, quotes and empty attributes', () => {
    expect(ok('c6=hé').value).toBe('hé');
    expect(ok('a b=c').name).toBe('a b');
    expect(ok('c8="quoted"').value).toBe('"quoted"');
    expect(ok('c7=v;;; SameSite=None;Secure')).toMatchObject({ sameSiteRaw: 'None', secure: true });
  });
});

describe('parseSetCookie: attributes', () => {
  it('reads them case-insensitively, last one wins, flags ignore their value', () => {
    const p = ok('a=1; DOMAIN=.Site-B.test; path=/x; Path=/other; SECURE=false; HttpOnly; samesite = lax ; Partitioned');
    expect(p).toMatchObject({ domain: '.Site-B.test', path: '/other', secure: true, httpOnly: true, sameSiteRaw: 'lax', partitioned: true });
  });

  it('ignores an invalid Expires or Max-Age', () => {
    const p = ok('w1=b; Expires=garbage; Max-Age=abc');
    expect(p.expires).toBeUndefined();
    expect(p.maxAge).toBeUndefined();
    expect(ok('a=1; Max-Age=-1').maxAge).toBe(-1);
    expect(ok('a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT').expires).toBe(0);
  });

  it('drops an attribute whose value is over 1024 bytes, with Chrome`s warning', () => {
    const p = ok(`c9=v; Secure; Path=/${'x'.repeat(1100)}`);
    expect(p.path).toBeUndefined();
    expect(p.secure).toBe(true);
    expect(p.warnings).toEqual(['WarnAttributeValueExceedsMaxSize']);
  });

  it('reads SameSite like Chromium: three keywords, any case; anything else is unspecified', () => {
    expect(sameSiteOf(ok('a=1; SameSite=LAX'))).toBe('lax');
    expect(sameSiteOf(ok('a=1; SameSite=strict'))).toBe('strict');
    expect(sameSiteOf(ok('a=1; SameSite=None'))).toBe('none');
    expect(sameSiteOf(ok('a=1; SameSite="Strict"'))).toBe('unspecified');
    expect(sameSiteOf(ok('a=1; SameSite=Bogus'))).toBe('unspecified');
    expect(sameSiteOf(ok('a=1; SameSite'))).toBe('unspecified');
    expect(sameSiteOf(ok('a=1'))).toBe('unspecified');
  });
});

describe('header helpers', () => {
  it('splits Set-Cookie values joined with newlines (CDP joins them so)', () => {
    expect(setCookieLines('a=1\nb=2\r\nc=3')).toEqual(['a=1', 'b=2', 'c=3']);
  });

  it('reads a Cookie header into pairs', () => {
    expect(cookieHeaderPairs('a=1; b=x=y;  ;nameless')).toEqual([
      { name: 'a', value: '1', raw: 'a=1' },
      { name: 'b', value: 'x=y', raw: 'b=x=y' },
      { name: '', value: 'nameless', raw: 'nameless' },
    ]);
  });
});
