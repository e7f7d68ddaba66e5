import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exposeHeadersProblem, nothingReadable, parseExposeHeaders, readability } from './response-headers.ts';

const h = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));

describe('Access-Control-Expose-Headers parsing (Blink HTTPHeaderNameListParser)', () => {
  const p = (v: string) => [...parseExposeHeaders(v)];
  it('valid lists, with spaces and empty items', () => {
    expect(p('valid')).toEqual(['valid']);
    expect(p('a,b')).toEqual(['a', 'b']);
    expect(p('   a ,  b ')).toEqual(['a', 'b']);
    expect(p(' \t   \t\t a')).toEqual(['a']);
    expect(p('a , ')).toEqual(['a']);
    expect(p(' , a')).toEqual(['a']);
    expect(p(', , , bb-8,')).toEqual(['bb-8']);
    expect(p('a, a, b')).toEqual(['a', 'b']);
    expect(p('X-Foo')).toEqual(['x-foo']);
  });
  it('any invalid item voids the list', () => {
    for (const v of ['not valid', '///', '/a/', ',', ' , ', '', ' ', 'Ł']) expect(p(v)).toEqual([]);
  });
});

describe('readable response headers', () => {
  const resp = h([
    ['Content-Type', 'text/plain'],
    ['X-A', '1'],
    ['X-B', '2'],
    ['Set-Cookie', 'a=b'],
    ['Access-Control-Allow-Origin', '*'],
    ['Date', 'x'],
  ]);
  it('CORS: safelisted names plus exposed ones; Set-Cookie never', () => {
    const r = readability([...resp, { name: 'Access-Control-Expose-Headers', value: 'X-B, set-cookie' }], 'cors', 'same-origin');
    expect(r.names).toEqual(['content-type', 'x-b']);
    expect(r.hidden.find((x) => x.name === 'x-a')?.reason).toBe('not-safelisted');
    expect(r.hidden.find((x) => x.name === 'set-cookie')?.reason).toBe('never-readable');
    expect(r.readable.find((x) => x.name === 'x-b')?.reason).toBe('exposed');
  });
  it('* exposes everything without credentials (Set-Cookie still hidden)', () => {
    const r = readability([...resp, { name: 'Access-Control-Expose-Headers', value: '*' }], 'cors', 'omit');
    expect(r.names).toEqual(['access-control-allow-origin', 'access-control-expose-headers', 'content-type', 'date', 'x-a', 'x-b']);
    expect(r.readable.find((x) => x.name === 'x-a')?.reason).toBe('exposed-by-wildcard');
  });
  it('* is ignored with credentials; named headers still count', () => {
    const r = readability([...resp, { name: 'Access-Control-Expose-Headers', value: '*, X-B' }], 'cors', 'include');
    expect(r.names).toEqual(['content-type', 'x-b']);
    expect(r.hidden.find((x) => x.name === 'x-a')?.reason).toBe('wildcard-with-credentials');
  });
  it('same-origin responses show all but Set-Cookie; opaque ones nothing', () => {
    expect(readability(resp, 'basic', 'same-origin').names).toEqual(['access-control-allow-origin', 'content-type', 'date', 'x-a', 'x-b']);
    const opaque = readability(resp, 'opaque', 'omit');
    expect(opaque.names).toEqual([]);
    expect(opaque.hidden.every((x) => x.reason === 'opaque')).toBe(true);
    expect(nothingReadable(resp).names).toEqual([]);
  });
  it('one entry per name, whatever its case', () => {
    const r = readability(h([['X-A', '1'], ['x-a', '2'], ['Content-Length', '3'], ['content-length', '3']]), 'cors', 'omit');
    expect(r.names).toEqual(['content-length']);
    expect(r.hidden.map((x) => x.name)).toEqual(['x-a']);
  });
});

describe('an Access-Control-Expose-Headers Blink cannot parse', () => {
  it('hides what it names (not-safelisted, as Chromium) and says the list was void and what was wrong', () => {
    const r = readability(
      [
        { name: 'Access-Control-Expose-Headers', value: 'x-a; x-b' },
        { name: 'X-A', value: '1' },
        { name: 'Content-Type', value: 'text/plain' },
      ],
      'cors',
      'omit',
    );
    expect(r.names).toEqual(['content-type']);
    const xa = r.hidden.find((h) => h.name === 'x-a');
    expect(xa?.reason).toBe('not-safelisted');
    expect(xa?.detail).toBe('Access-Control-Expose-Headers could not be parsed, so it exposes nothing: `;` after `x-a` is neither part of a header name nor a comma (names are separated by commas only).');
  });
  it('names the fault', () => {
    expect(exposeHeadersProblem('x-a x-b')).toBe('`x-a` and `x-b` are separated by white space, not a comma');
    expect(exposeHeadersProblem('"x-a"')).toMatch(/^`"` at the start/);
    expect(exposeHeadersProblem('x-\u00e9')).toMatch(/^U\+00E9 after `x-`/);
    for (const ok of [null, '', 'x-a, x-b', 'x-a,,x-b', ' , ', '*']) expect(exposeHeadersProblem(ok)).toBeNull();
  });
  it('a list that parses leaves no detail', () => {
    const r = readability([{ name: 'Access-Control-Expose-Headers', value: 'x-b' }, { name: 'X-A', value: '1' }], 'cors', 'omit');
    expect(r.hidden.find((x) => x.name === 'x-a')).toEqual({ name: 'x-a', reason: 'not-safelisted' });
  });
  it('reports a problem exactly when the list is void (whatever the value)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('x', '-', 'a', ',', ' ', '\t', ';', '"', '/', '\u00e9', '*'), maxLength: 12 }), (v) => {
        const names = v.split(',').map((x) => x.trim()).filter(Boolean);
        const parsed = parseExposeHeaders(v);
        expect(exposeHeadersProblem(v) === null).toBe(parsed.size > 0 || names.length === 0);
      }),
      { numRuns: 2000 },
    );
  });
});
