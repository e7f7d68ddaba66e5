import { describe, expect, it } from 'vitest';
import {
  accessControlRequestHeaders,
  authorHeaderList,
  byteLength,
  checkSafelistedHeader,
  corsUnsafeRequestHeaders,
  isCorsUnsafeRequestHeaderByte,
  isForbiddenRequestHeader,
  mimeEssence,
} from './request-headers.ts';

const h = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));
const safe = (name: string, value: string, engine?: 'chromium' | 'firefox') => checkSafelistedHeader(name, value, engine).safelisted;

describe('forbidden request headers', () => {
  it('knows the list, the proxy-/sec- prefixes and method overrides', () => {
    for (const n of ['Cookie', 'Origin', 'Host', 'Referer', 'Content-Length', 'Connection', 'Sec-Fetch-Mode', 'Proxy-Authorization', 'Access-Control-Request-Method']) {
      expect(isForbiddenRequestHeader(n)).toBe(true);
    }
    expect(isForbiddenRequestHeader('X-HTTP-Method-Override', 'TRACE')).toBe(true);
    expect(isForbiddenRequestHeader('X-HTTP-Method-Override', 'PUT')).toBe(false);
    expect(isForbiddenRequestHeader('X-Api-Key')).toBe(false);
  });
  it('User-Agent: forbidden in Chromium (no preflight), settable in Firefox', () => {
    expect(isForbiddenRequestHeader('User-Agent')).toBe(true);
    expect(isForbiddenRequestHeader('User-Agent', '', 'firefox')).toBe(false);
  });
});

describe('CORS-safelisted request headers', () => {
  it('unsafe bytes', () => {
    const unsafe = [0x00, 0x08, 0x0a, 0x1f, 0x22, 0x28, 0x29, 0x3a, 0x3c, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x7b, 0x7d, 0x7f];
    for (const b of unsafe) expect(isCorsUnsafeRequestHeaderByte(b)).toBe(true);
    for (const b of [0x09, 0x20, 0x2c, 0x2f, 0x3b, 0x3d, 0x41, 0x7e, 0x80]) expect(isCorsUnsafeRequestHeaderByte(b)).toBe(false);
  });
  it('Accept: any value without unsafe bytes, up to 128 bytes', () => {
    expect(safe('Accept', 'application/json, text/*;q=0.9')).toBe(true);
    expect(safe('accept', 'a(b)')).toBe(false);
    expect(safe('Accept', 'a'.repeat(128))).toBe(true);
    expect(safe('Accept', 'a'.repeat(129))).toBe(false);
  });
  it('Accept-Language / Content-Language: restricted charset', () => {
    expect(safe('Accept-Language', 'en-US,en;q=0.9, *')).toBe(true);
    expect(safe('Content-Language', 'de_DE')).toBe(false);
    expect(safe('Accept-Language', 'fr/CA')).toBe(false);
  });
  it('Content-Type: essence among the three, parameters ignored, unsafe bytes refused', () => {
    expect(safe('Content-Type', 'text/plain;charset=UTF-8')).toBe(true);
    expect(safe('Content-Type', 'Multipart/Form-Data; boundary=x')).toBe(true);
    expect(safe('Content-Type', 'application/x-www-form-urlencoded')).toBe(true);
    expect(safe('Content-Type', 'application/json')).toBe(false);
    expect(safe('Content-Type', 'text/plain; charset="utf-8"')).toBe(false); // `"` is a CORS-unsafe byte
    expect(safe('Content-Type', 'text/plain, application/json')).toBe(false);
    expect(mimeEssence('Text / Plain ; x=1')).toBe('text/plain');
    expect(mimeEssence('text')).toBeNull();
  });
  it('Range: only a single simple byte range', () => {
    expect(safe('Range', 'bytes=0-')).toBe(true);
    expect(safe('Range', 'bytes=10-20')).toBe(true);
    expect(safe('Range', 'bytes=20-10')).toBe(false);
    expect(safe('Range', 'bytes=-5')).toBe(false);
    expect(safe('Range', 'bytes=0-1,3-4')).toBe(false);
    expect(safe('Range', 'bytes = 0-1')).toBe(false);
  });
  it('Authorization is never safelisted', () => {
    const v = checkSafelistedHeader('Authorization', 'Bearer x');
    expect(v.safelisted).toBe(false);
    expect(!v.safelisted && v.kind).toBe('authorization');
  });
  it('Chromium safelists client hints with a value check; Firefox does not', () => {
    expect(safe('DPR', '2')).toBe(true);
    expect(safe('DPR', '2.5')).toBe(true);
    expect(safe('DPR', 'two')).toBe(false);
    expect(safe('Width', '300')).toBe(true);
    expect(safe('Save-Data', 'on')).toBe(true);
    expect(safe('ECT', '4g')).toBe(true);
    expect(safe('ECT', '5g')).toBe(false);
    expect(safe('DPR', '2', 'firefox')).toBe(false);
  });
  it('names that are Object.prototype keys are ordinary unknown headers', () => {
    for (const n of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(safe(n, 'x')).toBe(false);
  });
  it('counts bytes, not UTF-16 code units', () => {
    expect(byteLength('é')).toBe(1); // Latin-1 byte
    expect(byteLength('€')).toBe(3);
  });
});

describe('CORS-unsafe request-header names and Access-Control-Request-Headers', () => {
  it('lower-cases, sorts, de-duplicates and skips forbidden and safelisted headers', () => {
    const headers = h([['X-Zed', '1'], ['Content-Type', 'application/json'], ['X-Abc', '2'], ['Accept', '*/*'], ['Cookie', 'a=b'], ['x-zed', '3']]);
    expect(accessControlRequestHeaders(headers)).toBe('content-type,x-abc,x-zed');
    expect(corsUnsafeRequestHeaders(headers).names).toEqual(['content-type', 'x-abc', 'x-zed']);
  });
  it('combines duplicate author headers with ", " before checking values', () => {
    expect(authorHeaderList(h([['Accept', 'a'], ['accept', 'b']]))).toEqual([{ name: 'accept', value: 'a, b' }]);
  });
  it('a combined value over 128 bytes is not safelisted', () => {
    const combined = corsUnsafeRequestHeaders(h([['Accept', 'a'.repeat(100)], ['Accept', 'b'.repeat(100)]]));
    expect(combined.names).toEqual(['accept']);
    expect(combined.reasons[0]?.kind).toBe('header-value');
  });
  it('over 1024 bytes of safelisted values makes them all unsafe, after the unsafe ones', () => {
    const under = corsUnsafeRequestHeaders(h([['Accept', 'a'.repeat(128)], ['Accept-Language', 'b'.repeat(128)]]));
    expect(under.names).toEqual([]);
    const over = corsUnsafeRequestHeaders(
      h([['X-B', '1'], ['Accept', 'a'.repeat(128)], ['Accept-Language', 'b'.repeat(128)], ['Content-Language', 'c'.repeat(128)], ['Content-Type', 'text/plain;' + 'x'.repeat(117)], ['Range', 'bytes=0-' + '1'.repeat(120)], ['DPR', '1'.repeat(128)], ['Width', '2'.repeat(128)], ['Viewport-Width', '3'.repeat(128)], ['RTT', '4'.repeat(128)]]),
    );
    expect(over.names[0]).toBe('x-b');
    expect(over.names.slice(1)).toEqual(['accept', 'accept-language', 'content-language', 'content-type', 'dpr', 'range', 'rtt', 'viewport-width', 'width']);
    expect(over.reasons.filter((r) => r.kind === 'total-size')).toHaveLength(9);
    expect(accessControlRequestHeaders(h([['X-B', '1'], ['Accept', 'a'.repeat(128)], ['Accept-Language', 'b'.repeat(128)], ['Content-Language', 'c'.repeat(128)], ['DPR', '1'.repeat(128)], ['Width', '2'.repeat(128)], ['Viewport-Width', '3'.repeat(128)], ['RTT', '4'.repeat(128)], ['Downlink', '5'.repeat(128)], ['Intervention', 'z'.repeat(2)]]))).toBe(
      'accept,accept-language,content-language,downlink,dpr,intervention,rtt,viewport-width,width,x-b',
    );
  });
  it('is empty without author headers', () => {
    expect(accessControlRequestHeaders([])).toBe('');
  });
});
