import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntryScanner } from './scan.ts';

function scan(text: string, cuts: number[] = []): { entries: unknown[]; offsets: number[]; skeleton: unknown } {
  const entries: unknown[] = [];
  const offsets: number[] = [];
  const s = new EntryScanner((_, t, offset) => {
    entries.push(JSON.parse(t));
    offsets.push(offset);
  }, 1000);
  let from = 0;
  for (const p of [...new Set(cuts)].sort((a, b) => a - b).concat(text.length)) {
    s.write(text.slice(from, p));
    from = p;
  }
  expect(s.unfinished).toBe(false);
  return { entries, offsets, skeleton: JSON.parse(s.skeletonText()) };
}

describe('EntryScanner', () => {
  it('hands over exactly the elements JSON.parse finds in log.entries, however the text is cut', () => {
    const doc = fc.record({
      before: fc.dictionary(fc.string(), fc.jsonValue()),
      entries: fc.array(fc.jsonValue(), { maxLength: 8 }),
      pages: fc.array(fc.record({ entries: fc.jsonValue(), title: fc.string() }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(doc, fc.array(fc.nat()), fc.boolean(), ({ before, entries, pages }, cuts, pretty) => {
        const value = { entries: ['not these'], ...before, log: { pages, version: '1.2', 'entries\"': [1], entries, '\\u0065': 2 } };
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const got = scan(text, cuts.map((c) => c % (text.length + 1)));
        expect(got.entries).toEqual(JSON.parse(text).log.entries);
        expect((got.skeleton as { log: { entries: unknown[] } }).log.entries).toEqual(entries.map(() => 0));
      }),
      { numRuns: 200 },
    );
  });

  it('reads keys written with escapes as JSON.parse does', () => {
    const text = '{"\\u006cog": {"entri\\u0065s": [{"a": 1}], "x\\"entries": [2]}}';
    expect(scan(text).entries).toEqual([{ a: 1 }]);
  });

  it('is not fooled by brackets, quotes and backslashes inside strings', () => {
    const tricky = ['"}]', '\\', '\\"', '[{', 'a"b', '\u2028', '😀'];
    const text = JSON.stringify({ log: { creator: { name: tricky.join('') }, entries: tricky.map((t) => ({ t, [t]: [t] })) } });
    expect(scan(text).entries).toEqual(tricky.map((t) => ({ t, [t]: [t] })));
  });

  it('reports where each entry starts, and maps skeleton offsets back to the input', () => {
    const text = '{"log": {"entries": [ {"a": 1},  42 , "x" ], "after": tru}}';
    const entries: [string, number][] = [];
    const s = new EntryScanner((_, t, offset) => entries.push([t, offset]), 10);
    s.write(text);
    expect(entries).toEqual([
      ['{"a": 1}', 22],
      ['42 ', 33],
      ['"x"', 38],
    ]);
    const skeleton = s.skeletonText();
    expect(skeleton).toBe('{"log": {"entries": [ 0,  0, 0 ], "after": tru}}');
    const bad = skeleton.indexOf('tru');
    expect(s.inputOffset(bad)).toBe(text.indexOf('tru'));
  });

  it('refuses nesting deeper than its limit', () => {
    const s = new EntryScanner(() => undefined, 5);
    expect(() => s.write('[[[[[[1]]]]]]')).toThrow('values nested more than 5 levels deep');
  });
});
