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

  // Its speed is measured in `npm run bench` (code spans row); here, what 350,001 characters of
  // backtick runs become (a quadratic scan would not finish in the test's time): the lone opening
  // backtick stays plain, and each pair of equal runs closes a span holding one space.
  it('cuts hostile input of 100,000 backtick runs into spans pair by pair', () => {
    const hostile = '`'.repeat(1) + ' ``'.repeat(50_000) + ' ```'.repeat(50_000);
    const out = segments(hostile);
    expect(out[0]).toEqual({ text: '` ', code: false });
    expect(out).toHaveLength(100_000);
    expect(out.filter((s) => s.code)).toHaveLength(50_000);
    expect(out.slice(1).every((s) => s.text === ' ')).toBe(true);
    expect(out.slice(1).every((s, i) => s.code === (i % 2 === 0))).toBe(true);
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
