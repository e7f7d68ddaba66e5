import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code, plainText, segments } from './code-spans.ts';

describe('segments', () => {
  it('cuts a fix into plain text and code', () => {
    expect(segments('Send `Access-Control-Allow-Headers: content-type, x-api-key` on the preflight response.')).toEqual([
      { text: 'Send ', code: false },
      { text: 'Access-Control-Allow-Headers: content-type, x-api-key', code: true },
      { text: ' on the preflight response.', code: false },
    ]);
    expect(segments('`a` and `b`')).toEqual([
      { text: 'a', code: true },
      { text: ' and ', code: false },
      { text: 'b', code: true },
    ]);
  });

  it('keeps text without backticks whole, and an empty text empty', () => {
    expect(segments('no code here')).toEqual([{ text: 'no code here', code: false }]);
    expect(segments('')).toEqual([]);
  });

  it('leaves an unclosed backtick as plain text', () => {
    expect(segments('a ` b')).toEqual([{ text: 'a ` b', code: false }]);
    expect(segments('`x` then `')).toEqual([
      { text: 'x', code: true },
      { text: ' then `', code: false },
    ]);
    expect(segments('``x`')).toEqual([{ text: '``x`', code: false }]);
  });

  it('closes a run only with a run of the same length', () => {
    expect(segments('`` a`b ``')).toEqual([{ text: 'a`b', code: true }]);
    expect(segments('``a` `b`')).toEqual([
      { text: '``a', code: false },
      { text: ' ', code: true },
      { text: 'b`', code: false },
    ]);
  });

  it('is linear on hostile input', () => {
    const hostile = '`'.repeat(1) + ' ``'.repeat(50_000) + ' ```'.repeat(50_000);
    const t0 = performance.now();
    const out = segments(hostile);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(out.length).toBeGreaterThan(0);
  });

  it('loses no character outside the delimiters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', ' ', 'a', '<', '\n') }), (s) => {
        const parts = segments(s);
        // Only backticks, and the one space CommonMark strips on each side, may disappear.
        const kept = parts.map((p) => p.text).join('');
        expect(kept.replace(/[` \n]/g, '')).toBe(s.replace(/[` \n]/g, ''));
        for (let i = 1; i < parts.length; i++) expect(parts[i - 1]!.code || parts[i]!.code).toBe(true);
      }),
    );
  });
});

describe('code', () => {
  it('writes a value so that segments gives it back exactly', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: fc.constantFrom('`', ' ', 'x', '<b>') }), (value) => {
        if (value.trim() === '') return; // all spaces: shown as they are
        expect(segments(`Send ${code(value)} now`)).toEqual([
          { text: 'Send ', code: false },
          { text: value, code: true },
          { text: ' now', code: false },
        ]);
      }),
    );
    expect(code('x-`evil')).toBe('``x-`evil``');
    expect(code('`')).toBe('`` ` ``');
    expect(code('')).toBe('');
  });

  it('plainText drops the delimiters only', () => {
    expect(plainText(`Send ${code('X-A: `b`')} on it`)).toBe('Send X-A: `b` on it');
  });
});
