/**
 * The order in which Chromium checks request headers against Access-Control-Allow-Headers, so that
 * the failedParameter names the same header Chromium names when several are disallowed.
 *
 * Chromium walks the request's header vector (preflight_result.cc EnsureAllowedCrossOriginHeaders),
 * and Blink fills that vector from its HTTPHeaderMap, a WTF::HashMap: the order is the hash table's
 * bucket order, not the order the page set them in nor alphabetical. This models that table:
 * - the key's hash is rapidhash (WTF StringHasher) of the ASCII-lower-cased name as UTF-16LE,
 *   keeping the low 24 bits (ComputeHashAndMaskTop8Bits);
 * - a power-of-two table, 8 buckets at first, doubled (and rebuilt in bucket order) when
 *   (entries + deleted + 1) × 2 reaches its size; quadratic probing (i, i+1, i+3, i+6, …);
 * - fetch() inserts its (sorted) header list, XHR its headers in call order; then Blink adds
 *   `Accept: *\/*` when the page set none (after the page's headers), and a page-set Accept leaves
 *   one deleted slot behind. Headers the page may not set (forbidden) never enter the table.
 * - To a potentially trustworthy URL (https) Blink then adds the UA client hints `sec-ch-ua`,
 *   `sec-ch-ua-mobile`, `sec-ch-ua-platform` (from an http page too), which reshapes the table.
 * The layout was inferred from the algorithms and checked against Chromium 156 on 58 header sets
 * and 7 whole orders from http pages and 29 orders to https URLs (see blink-header-order.test.ts); where it is wrong only the choice among
 * several disallowed headers changes, never the verdict.
 */

const MASK64 = (1n << 64n) - 1n;
/** WTF's rapidhash seed and secrets. */
const SEED = 0xbdd89aa982704029n;
const SECRET = [0x2d358dccaa6c78a5n, 0x8bb84b93962eacc9n, 0x4b33a62ed433d4a3n] as const;

function multiply(a: bigint, b: bigint): [bigint, bigint] {
  const product = a * b;
  return [product & MASK64, (product >> 64n) & MASK64];
}
function mix(a: bigint, b: bigint): bigint {
  const [lo, hi] = multiply(a, b);
  return lo ^ hi;
}
const read32 = (d: Uint8Array, at: number): bigint =>
  BigInt(d[at]!) | (BigInt(d[at + 1]!) << 8n) | (BigInt(d[at + 2]!) << 16n) | (BigInt(d[at + 3]!) << 24n);
const read64 = (d: Uint8Array, at: number): bigint => read32(d, at) | (read32(d, at + 4) << 32n);

/** rapidhash (v1) of a byte string. */
export function rapidhash(data: Uint8Array, initialSeed: bigint = SEED): bigint {
  const n = data.length;
  const length = BigInt(n);
  let seed = initialSeed ^ mix(initialSeed ^ SECRET[0], SECRET[1]) ^ length;
  let a = 0n;
  let b = 0n;
  if (n <= 16) {
    if (n >= 4) {
      const shift = (n & 24) >> (n >> 3);
      a = (read32(data, 0) << 32n) | read32(data, n - 4);
      b = (read32(data, shift) << 32n) | read32(data, n - 4 - shift);
    } else if (n > 0) {
      a = (BigInt(data[0]!) << 56n) | (BigInt(data[n >> 1]!) << 32n) | BigInt(data[n - 1]!);
    }
  } else {
    let rest = n;
    if (rest > 48) {
      let see1 = seed;
      let see2 = seed;
      while (rest >= 48) {
        const at = n - rest;
        seed = mix(read64(data, at) ^ SECRET[0], read64(data, at + 8) ^ seed);
        see1 = mix(read64(data, at + 16) ^ SECRET[1], read64(data, at + 24) ^ see1);
        see2 = mix(read64(data, at + 32) ^ SECRET[2], read64(data, at + 40) ^ see2);
        rest -= 48;
      }
      seed ^= see1 ^ see2;
    }
    if (rest > 16) {
      const at = n - rest;
      seed = mix(read64(data, at) ^ SECRET[2], read64(data, at + 8) ^ seed ^ SECRET[1]);
      if (rest > 32) seed = mix(read64(data, at + 16) ^ SECRET[2], read64(data, at + 24) ^ seed);
    }
    a = read64(data, n - 16);
    b = read64(data, n - 8);
  }
  const [lo, hi] = multiply(a ^ SECRET[1], b ^ seed);
  return mix(lo ^ SECRET[0] ^ length, hi ^ SECRET[1]);
}

/** WTF CaseFoldingHash of a header name (ASCII names; others are folded by code unit as well). */
export function caseFoldingHash(name: string): number {
  const lower = name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const bytes = new Uint8Array(lower.length * 2);
  for (let i = 0; i < lower.length; i++) {
    const unit = lower.charCodeAt(i);
    bytes[2 * i] = unit & 0xff;
    bytes[2 * i + 1] = unit >> 8;
  }
  const hash = Number(rapidhash(bytes) & 0xffffffn);
  return hash === 0 ? 0x800000 : hash;
}

/** Bucket order of a WTF::HashMap after inserting `names` (lower-case, unique) in this order. */
export function hashMapOrder(names: readonly string[], deletedSlots = 0): string[] {
  let size = 8;
  let table: (string | null)[] = new Array<string | null>(size).fill(null);
  let load = deletedSlots;
  const place = (key: string) => {
    let index = caseFoldingHash(key) & (size - 1);
    for (let step = 1; table[index] !== null; step++) index = (index + step) & (size - 1);
    table[index] = key;
    load++;
  };
  for (const key of names) {
    if (table.includes(key)) continue;
    if ((load + 1) * 2 >= size) {
      const old = table;
      size *= 2;
      table = new Array<string | null>(size).fill(null);
      load = 0;
      for (const k of old) if (k !== null) place(k);
    }
    place(key);
  }
  return table.filter((k): k is string => k !== null);
}

export interface BlinkHeaderInput {
  /** Lower-case author header names, in the order the page set them. */
  names: readonly string[];
  initiator: 'fetch' | 'xmlhttprequest' | 'other';
  /** Blink added a Content-Type for the body (the page set none). */
  bodyContentType: boolean;
  /** The request goes to a potentially trustworthy URL: Blink adds the UA client hints. */
  clientHints?: boolean;
}

/** The UA client hints Blink adds to requests to potentially trustworthy URLs, in the order it adds them. */
const UA_CLIENT_HINTS = ['sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform'];

/** The order in which Chromium meets these request headers when it checks them. */
export function blinkHeaderOrder(input: BlinkHeaderInput): string[] {
  const authorAccept = input.names.includes('accept');
  const names = [...new Set(input.names)];
  if (input.bodyContentType && !names.includes('content-type')) names.push('content-type');
  // fetch() keeps its header list sorted; XHR keeps the order of setRequestHeader calls.
  const inserted = input.initiator === 'xmlhttprequest' ? names : [...names].sort();
  if (!authorAccept) inserted.push('accept');
  if (input.clientHints) inserted.push(...UA_CLIENT_HINTS);
  return hashMapOrder(inserted, authorAccept ? 1 : 0);
}
