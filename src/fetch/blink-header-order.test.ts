/**
 * Which disallowed request header Chromium 156 names first, as observed (.scratch probes and the
 * conformance recordings): the header-map model must reproduce every observation.
 */
import { describe, expect, it } from 'vitest';
import { blinkHeaderOrder, caseFoldingHash, hashMapOrder, rapidhash } from './blink-header-order.ts';

type Case = [via: 'fetch' | 'xmlhttprequest', body: boolean, names: string, named: string];

// Every header here is CORS-unsafe (custom names, Authorization, a long Accept, JSON Content-Type,
// bad Accept-Language/Content-Language/Range values); `named` is Chromium's failedParameter.
const OBSERVED: Case[] = [
  ['fetch', true, 'accept,x-a', 'accept'],
  ['fetch', true, 'accept,authorization', 'authorization'],
  ['fetch', true, 'accept-language,x-z', 'x-z'],
  ['fetch', true, 'accept-language,authorization', 'authorization'],
  ['fetch', true, 'content-language,x-z', 'x-z'],
  ['fetch', true, 'range,x-z', 'x-z'],
  ['fetch', false, 'accept,content-type', 'accept'],
  ['xmlhttprequest', true, 'accept,authorization', 'authorization'],
  ['xmlhttprequest', true, 'x-b,x-a', 'x-a'],
  ['fetch', true, 'a-first,accept', 'accept'],
  ['fetch', false, 'zz,aa', 'aa'],
  ['fetch', false, 'x-m,x-c', 'x-m'],
  ['fetch', false, 'foo,bar', 'foo'],
  ['fetch', false, 'x-trace-id,x-api-key', 'x-api-key'],
  ['fetch', false, 'x-request-id,x-csrf-token', 'x-request-id'],
  ['fetch', false, 'content-type,authorization', 'content-type'],
  ['fetch', false, 'accept-language,range', 'accept-language'],
  ['fetch', false, 'a-first,content-type', 'content-type'],
  ['fetch', false, 'x4,x3,x2,x1', 'x2'],
  ['fetch', false, 'zeta,alpha,mid', 'alpha'],
  ['fetch', false, 'authorization,x-api-key', 'authorization'],
  ['fetch', false, 'x-api-key,content-type', 'content-type'],
  // Checked after the model was written (random header sets).
  ['xmlhttprequest', true, 'if-match,range', 'range'],
  ['xmlhttprequest', true, 'authorization,x-custom-header', 'authorization'],
  ['fetch', true, 'x-request-id,accept', 'x-request-id'],
  ['xmlhttprequest', true, 'accept,range', 'accept'],
  ['fetch', true, 'range,if-match', 'range'],
  ['xmlhttprequest', true, 'authorization,accept', 'authorization'],
  ['fetch', true, 'x-request-id,authorization', 'x-request-id'],
  ['fetch', true, 'range,x-request-id', 'x-request-id'],
  ['fetch', true, 'if-match,x-request-id', 'x-request-id'],
  ['xmlhttprequest', true, 'range,authorization', 'authorization'],
  ['fetch', true, 'range,x-custom-header', 'range'],
  ['fetch', true, 'x-request-id,content-language', 'x-request-id'],
  ['xmlhttprequest', false, 'x-custom-header,content-language', 'content-language'],
  ['fetch', true, 'x-request-id,range,authorization,accept,content-language,if-match', 'x-request-id'],
  ['fetch', true, 'x-custom-header,content-language,accept', 'accept'],
  ['fetch', true, 'content-language,x-request-id,if-match,authorization', 'x-request-id'],
  ['fetch', true, 'x-request-id,content-language,accept,range,if-match', 'x-request-id'],
  ['fetch', true, 'x-custom-header,if-match,authorization,range', 'authorization'],
  ['xmlhttprequest', true, 'authorization,accept,content-language,x-request-id,x-custom-header,range,if-match', 'x-request-id'],
  ['xmlhttprequest', true, 'authorization,x-request-id,range,if-match,content-language', 'x-request-id'],
  ['xmlhttprequest', true, 'authorization,if-match,x-request-id,content-language,range', 'x-request-id'],
  ['fetch', true, 'authorization,if-match,range,content-language,x-request-id,accept,x-custom-header', 'x-request-id'],
  ['fetch', true, 'range,x-request-id,x-custom-header,accept', 'x-request-id'],
  ['xmlhttprequest', true, 'if-match,x-request-id,content-language', 'x-request-id'],
  ['xmlhttprequest', true, 'range,authorization,accept', 'authorization'],
  ['xmlhttprequest', true, 'range,if-match,x-custom-header', 'range'],
  ['xmlhttprequest', true, 'authorization,x-custom-header,accept,x-request-id,if-match,content-language', 'x-request-id'],
  ['xmlhttprequest', true, 'x-custom-header,x-request-id,range,authorization,if-match', 'x-request-id'],
  ['xmlhttprequest', true, 'x-request-id,if-match,range,authorization', 'x-request-id'],
  // Found by the random conformance run; they placed Blink's own Accept after the page's headers.
  ['fetch', true, 'range,x-long', 'x-long'],
  ['fetch', true, 'range,x-a', 'range'],
  ['fetch', true, 'range,content-type,x-z', 'x-z'],
  ['fetch', true, 'x-b,range,x-c', 'x-c'],
  ['fetch', true, 'range,x-requested-with,x-api-key', 'x-requested-with'],
  ['fetch', true, 'range,content-type,x-long,x-api-key', 'x-long'],
  ['fetch', true, 'range,x-long,x-empty,dpr', 'dpr'],
];

/**
 * Whole orders Chromium 156 walked (tools/probe-header-order.ts: each run allows the headers named
 * so far), PUT with a text body; and one HEAD whose safelisted Accept-Language still takes a slot.
 */
const ORDERS: [names: string, order: string, body?: boolean][] = [
  ['range,x-long,authorization', 'authorization,x-long,range'],
  ['x-b,range,x-c', 'x-c,range,x-b'],
  ['range,x-requested-with,x-api-key', 'x-requested-with,range,x-api-key'],
  ['range,content-type,x-long,x-api-key', 'x-long,range,content-type,x-api-key'],
  ['range,x-long,x-empty,dpr', 'dpr,x-long,range,x-empty'],
  ['accept,range,x-long', 'range,x-long'],
  ['range,x-long,accept-language', 'x-long,range', false],
];

/**
 * Orders to an https URL (tools/probe-header-order.ts … https|target-https), where Blink adds the UA
 * client hints: fetch GET without a body, and XHR PUT with one. Same orders from an http page.
 */
type Order = readonly [via: 'fetch' | 'xmlhttprequest', body: boolean, names: string, order: string];
const HTTPS_ORDERS: Order[] = [
  ...(
    [
      ['accept,ect', 'ect,accept'],
      ['range,x-long', 'x-long,range'],
      ['x-b,x-a', 'x-a,x-b'],
      ['x-trace-id,x-api-key', 'x-api-key,x-trace-id'],
      ['authorization,x-api-key', 'authorization,x-api-key'],
      ['content-type,authorization', 'authorization,content-type'],
    ] as const
  ).map(([n, o]): Order => ['fetch', false, n, o]),
  ...(
    [
      ['x-m,x-c', 'x-m,x-c'],
      ['foo,bar', 'bar,foo'],
      ['zeta,alpha,mid', 'alpha,mid,zeta'],
      ['x-request-id,x-csrf-token', 'x-request-id,x-csrf-token'],
      ['x4,x3,x2,x1', 'x2,x4,x3,x1'],
      ['accept,x-a', 'accept,x-a'],
      ['accept,authorization', 'authorization,accept'],
      ['range,x-a', 'range,x-a'],
      ['x-custom-header,if-match,authorization', 'authorization,if-match,x-custom-header'],
      ['accept-language,x-z', 'x-z,accept-language'],
    ] as const
  ).flatMap(([n, o]): Order[] => [['fetch', false, n, o], ['xmlhttprequest', true, n, o]]),
];

describe('Chromium’s header order (Blink HTTPHeaderMap)', () => {
  it('to https URLs, with the UA client hints Blink adds', () => {
    const misses = HTTPS_ORDERS.filter(([via, body, names, order]) => {
      const list = names.split(',');
      const want = order.split(',');
      const got = blinkHeaderOrder({ names: list, initiator: via, bodyContentType: body && !list.includes('content-type'), clientHints: true }).filter((n) => want.includes(n));
      return got.join(',') !== want.join(',');
    });
    expect(misses).toEqual([]);
    // Without them the same sets come out otherwise (the http orders).
    expect(blinkHeaderOrder({ names: ['accept', 'ect'], initiator: 'fetch', bodyContentType: false }).filter((n) => n !== 'x')).toEqual(['accept', 'ect']);
  });
  it('names the same first disallowed header as Chromium 156 in every observed set', () => {
    const misses = OBSERVED.filter(([via, body, names, named]) => {
      const list = names.split(',');
      const order = blinkHeaderOrder({ names: list, initiator: via, bodyContentType: body && !list.includes('content-type') });
      return order.find((n) => list.includes(n)) !== named;
    });
    expect(misses).toEqual([]);
  });
  it('walks whole header sets in Chromium 156’s order', () => {
    for (const [names, order, body = true] of ORDERS) {
      const list = names.split(',');
      const want = order.split(',');
      const got = blinkHeaderOrder({ names: list, initiator: 'fetch', bodyContentType: body && !list.includes('content-type') }).filter((n) => want.includes(n));
      expect(got, names).toEqual(want);
    }
  });
  it('hashes case-insensitively, into 24 bits', () => {
    expect(caseFoldingHash('Content-Type')).toBe(caseFoldingHash('content-type'));
    for (const n of ['accept', 'x-a', 'authorization']) expect(caseFoldingHash(n)).toBeLessThan(1 << 24);
  });
  it('rapidhash covers its short, medium and long paths deterministically', () => {
    const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
    const hashes = [0, 3, 4, 16, 17, 40, 49, 100].map((n) => rapidhash(bytes(n)));
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(rapidhash(bytes(100))).toBe(rapidhash(bytes(100)));
    for (const h of hashes) expect(h >= 0n && h < 1n << 64n).toBe(true);
  });
  it('the table keeps every key once and grows past half full', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `x-h${i}`);
    const order = hashMapOrder([...keys, 'x-h3']);
    expect(order).toHaveLength(40);
    expect(new Set(order)).toEqual(new Set(keys));
  });
});
