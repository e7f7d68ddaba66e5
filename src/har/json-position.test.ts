import { describe, expect, it } from 'vitest';
import { formatHarError, HarReader, readHar, type HarReadResult } from './read.ts';
import { jsonPathAt, lineColumnAt } from './json-position.ts';

function errorOf(r: HarReadResult) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

/** Line and column of an offset, counted the plain way. */
function expected(text: string, offset: number) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

const entry = (i: number) => ({
  startedDateTime: '2026-01-01T00:00:00.000Z',
  time: 1,
  request: { method: 'GET', url: `https://api.b.test/${i}`, httpVersion: 'HTTP/1.1', headers: [], cookies: [], queryString: [], headersSize: -1, bodySize: 0 },
  response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: 0 },
  cache: {},
  timings: { send: 0, wait: 1, receive: 0 },
});

/** Reads `text` in chunks of `size` characters. */
function readInChunks(text: string, size: number): HarReadResult {
  const r = new HarReader({ source: 'x.har' });
  for (let i = 0; i < text.length; i += size) r.write(text.slice(i, i + size));
  return r.end();
}

describe('syntax errors name the line, the column and the enclosing value', () => {
  it('outside the entries: a trailing comma in log', () => {
    const e = errorOf(readHar('{"log": {"version":"1.2","entries": [], }}', { source: 'x.har' }));
    expect(e.path).toBe('log');
    expect(formatHarError(e)).toMatch(/^x\.har: log: not valid JSON at line 1, column 41 \(character 40\): /);
  });

  it('a `}` where an entry should start is a syntax error at that place, not a cut-off file', () => {
    for (const text of ['{"log": {"entries": [}]}}\n', '{"log": {"entries": [' + JSON.stringify(entry(0)) + ', }]}}']) {
      const offset = text.indexOf('}', text.indexOf('[') + (text.includes(', }') ? text.indexOf(', }') - text.indexOf('[') : 0));
      for (const size of [3, 1 << 20]) {
        const e = errorOf(readInChunks(text, size));
        expect(e.message).not.toMatch(/cut off/);
        expect(e.offset).toBe(offset);
        const { line, column } = expected(text, offset);
        expect(e.message).toMatch(new RegExp(`^not valid JSON at line ${line}, column ${column} \\(character ${offset}\\): `));
      }
    }
  });

  it('after entries in a pretty-printed HAR, whatever the chunks', () => {
    const good = JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [entry(0), entry(1)], pages: [] } }, null, 2);
    const text = good.replace('"pages": []', '"pages": [}');
    const offset = text.indexOf('[}') + 1;
    for (const size of [7, 64, 1 << 20]) {
      const e = errorOf(readInChunks(text, size));
      expect(e.path).toBe('log.pages');
      expect(e.offset).toBe(offset);
      const { line, column } = expected(text, offset);
      expect(e.message).toMatch(new RegExp(`^not valid JSON at line ${line}, column ${column} \\(character ${offset}\\): `));
    }
  });

  it('inside an entry: the entry is the path, the value inside it is named', () => {
    const good = JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [entry(0), entry(1)] } }, null, 2);
    const text = good.replace('"url": "https://api.b.test/1",', '"url": "https://api.b.test/1"');
    const offset = text.indexOf('"httpVersion"', text.indexOf('https://api.b.test/1'));
    for (const size of [5, 1 << 20]) {
      const e = errorOf(readInChunks(text, size));
      expect(e.path).toBe('log.entries[1]');
      const { line, column } = expected(text, offset);
      expect(e.message).toMatch(new RegExp(`^not valid JSON at line ${line}, column ${column} \\(character ${offset}\\), in log\\.entries\\[1\\]\\.request\\.url: `));
    }
  });
});

describe('jsonPathAt and lineColumnAt', () => {
  it('follow nesting, arrays and keys that are not identifiers', () => {
    const s = '{"a": [1, {"b c": [true, x';
    expect(jsonPathAt(s, s.length - 1)).toBe('a[1]["b c"]'); // element 1 never started: the array encloses the error
    expect(jsonPathAt('[1, {"k": [2, 3.x', 15)).toBe('[1].k[1]');
    expect(jsonPathAt('{"a": {"b": 1, ', 15, 'log')).toBe('log.a');
    expect(lineColumnAt('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
    expect(lineColumnAt('x\ny', 2, { line: 4, column: 10 })).toEqual({ line: 5, column: 1 });
    expect(lineColumnAt('xy', 1, { line: 4, column: 10 })).toEqual({ line: 4, column: 11 });
  });
});
