import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readText } from '../../test/fixtures/load.ts';
import { formatHarError, HarReader, readHar, type HarReadResult } from './read.ts';

const entry = (i: number, over: Record<string, unknown> = {}) => ({
  startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
  time: 1,
  request: { method: 'GET', url: `https://api.b.test/${i}`, httpVersion: 'HTTP/1.1', headers: [{ name: 'Origin', value: 'https://a.test' }], cookies: [], queryString: [], headersSize: -1, bodySize: 0 },
  response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 2, mimeType: 'text/plain', text: 'hi' }, redirectURL: '', headersSize: -1, bodySize: 2 },
  cache: {},
  timings: { send: 0, wait: 1, receive: 0 },
  ...over,
});
const har = (entries: unknown[], log: Record<string, unknown> = {}) => JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries, ...log } });

function errorOf(r: HarReadResult): string {
  if (r.ok) throw new Error('expected an error');
  return formatHarError(r.error);
}

describe('readHar', () => {
  it('reads a real DevTools HAR and drops response bodies', () => {
    const r = readHar(readText('har/chromium-http.har'), { source: 'chromium-http.har' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries.length).toBe(JSON.parse(readText('har/chromium-http.har')).log.entries.length);
    expect(r.log.creator).toEqual({ name: 'WebInspector', version: '537.36' });
    expect(r.entries.every((e) => e.entry.response.content?.text === undefined)).toBe(true);
  });

  it('gives the same result however the input is cut into chunks, strings or bytes', () => {
    const text = har([entry(0), entry(1, { request: { ...entry(1).request, url: 'https://api.b.test/é/ü/😀' } }), entry(2)]);
    const bytes = new TextEncoder().encode(text);
    const whole = readHar(text);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: bytes.length }), { maxLength: 12 }), fc.boolean(), (cuts, asBytes) => {
        // Bytes are cut anywhere, inside a multi-byte character too; strings anywhere, inside a surrogate pair too.
        const input = asBytes ? bytes : text;
        const points = [...new Set(cuts.map((c) => Math.min(c, input.length)))].sort((a, b) => a - b);
        const reader = new HarReader();
        let from = 0;
        for (const p of [...points, input.length]) {
          reader.write(input.slice(from, p));
          from = p;
        }
        expect(reader.end()).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('accepts a byte-order mark', () => {
    expect(readHar(`\uFEFF${har([entry(0)])}`).ok).toBe(true);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(har([entry(0)]))]);
    expect(readHar(bytes).ok).toBe(true);
  });

  it('names the file and the JSON path when the document is not a HAR', () => {
    const src = { source: 'x.har' };
    expect(errorOf(readHar('', src))).toBe('x.har: the file is empty');
    expect(errorOf(readHar('[1]', src))).toBe('x.har: not a HAR file: expected a JSON object at the top level, got an array');
    expect(errorOf(readHar('{"entries": []}', src))).toBe('x.har: log: missing: not a HAR file (HAR 1.2 keeps everything under "log")');
    expect(errorOf(readHar('{"log": "x"}', src))).toBe('x.har: log: expected an object, got a string');
    expect(errorOf(readHar('{"log": {"version": "1.2"}}', src))).toBe('x.har: log.entries: missing (expected an array)');
    expect(errorOf(readHar('{"log": {"entries": {"0": {}}}}', src))).toBe('x.har: log.entries: expected an array, got an object');
    expect(errorOf(readHar(new Uint8Array([0x1f, 0x8b, 8, 0]), src))).toBe('x.har: this is gzip-compressed; decompress it first (gunzip)');
  });

  it('names the entry and the byte of a syntax error', () => {
    const text = har([entry(0), entry(1)]).replace('"https://api.b.test/1"', '"https://api.b.test/1",,');
    const r = readHar(text, { source: 'broken.har' });
    expect(errorOf(r)).toMatch(/^broken\.har: log\.entries\[1\]: not valid JSON/);
    expect(errorOf(readHar('{"log": {"entries": [{"startedDateTime": "2026', { source: 't.har' }))).toBe(
      't.har: log.entries[0]: the file ends in the middle of the JSON: it was cut off (an interrupted download or export?)',
    );
  });

  it('skips an invalid entry with its path and reason, and keeps the others', () => {
    const bad = entry(1);
    (bad.response as { headers: unknown[] }).headers = [{ name: 'A', value: 'x' }, { name: 'B', value: 'y' }, { name: 'C', value: 'z' }, { name: 'D', value: 7 }];
    const r = readHar(har([entry(0), bad, 'nonsense', entry(3, { startedDateTime: 'yesterday' })]), { source: 's.har' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries.map((e) => e.index)).toEqual([0]);
    expect(r.skipped).toEqual([
      { index: 1, path: 'log.entries[1].response.headers[3].value', reason: 'expected a string, got a number (7)' },
      { index: 2, path: 'log.entries[2]', reason: 'expected an object, got a string ("nonsense")' },
      { index: 3, path: 'log.entries[3].startedDateTime', reason: 'expected an ISO 8601 date' },
    ]);
  });

  it('tolerates the nulls and omissions real exporters write in fields it does not use', () => {
    const e = entry(0, { timings: undefined, cache: undefined, serverIPAddress: null, pageref: null });
    (e.response as Record<string, unknown>).content = null;
    (e.request as Record<string, unknown>).cookies = null;
    expect(readHar(har([e])).ok).toBe(true);
  });

  it('stays within the entries on hostile input: deep nesting, huge values, __proto__ keys', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(errorOf(readHar(`{"log": {"x": ${deep}, "entries": []}}`, { source: 'd.har' }))).toMatch(
      /^d\.har: values nested more than 256 levels deep: not a HAR file$/,
    );
    expect(readHar(`{"log": {"x": ${'['.repeat(200)}${']'.repeat(200)}, "entries": []}}`).ok).toBe(true);
    const huge = entry(0);
    huge.request.headers = [{ name: 'X-Big', value: 'a'.repeat(5_000_000) }];
    const r2 = readHar(har([huge]));
    expect(r2.ok && r2.entries[0]!.entry.request.headers[0]!.value.length).toBe(5_000_000);
    const r3 = readHar('{"log": {"entries": [{"__proto__": {"polluted": true}, "startedDateTime": "2026-01-01T00:00:00Z", "request": {"method": "GET", "url": "https://x.test/", "headers": []}, "response": {"status": 200, "headers": []}}]}}');
    expect(r3.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('streams 20 000 entries without keeping their bodies', () => {
    const body = 'b'.repeat(1000);
    const entries = Array.from({ length: 20_000 }, (_, i) => entry(i, { response: { ...entry(i).response, content: { size: 1000, mimeType: 'text/plain', text: body } } }));
    const r = readHar(har(entries));
    expect(r.ok && r.entries.length).toBe(20_000);
    expect(r.ok && r.entries.some((e) => e.entry.response.content?.text !== undefined)).toBe(false);
  });

  it('ignores what comes after an error instead of throwing', () => {
    const reader = new HarReader({ source: 'e.har' });
    reader.write('{"log": }');
    reader.write('more');
    expect(() => reader.end()).not.toThrow();
    expect(reader.end().ok).toBe(false);
  });
});

describe('readHar on documents the entry scanner cannot split alone', () => {
  it('refuses a HAR with two "entries" arrays rather than guess which one counts', () => {
    const text = `{"log": {"entries": [${JSON.stringify(entry(0))}], "entries": [${JSON.stringify(entry(1))}]}}`;
    expect(errorOf(readHar(text, { source: 'two.har' }))).toBe('two.har: log.entries: appears more than once; keep one "log" with one "entries" array');
  });
});
