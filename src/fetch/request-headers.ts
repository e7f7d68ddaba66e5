/**
 * Request headers and the CORS-preflight decision: which author headers are CORS-safelisted,
 * which are forbidden (the page cannot set them), and the Access-Control-Request-Headers value.
 * Fetch §2.2.2 (CORS-safelisted request-header, forbidden request-header);
 * Chromium: services/network/public/cpp/cors/cors.cc (IsCorsSafelistedHeader,
 * CorsUnsafeNotForbiddenRequestHeaderNames) and net/http/http_util.cc (IsSafeHeader).
 */
import type { Header, PreflightReason } from '../model/index.ts';
import { isToken, lowerAscii, trimLws } from './http.ts';
import { isForbiddenMethod } from './method.ts';

/**
 * Names a page may not set. Chromium's list (net::HttpUtil::IsSafeHeader) still holds
 * `user-agent`, which the Fetch standard no longer forbids: in Chromium a page-set User-Agent never
 * makes a request preflighted (checked against Chromium 156).
 */
const FORBIDDEN_NAMES = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'access-control-request-private-network',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'via',
]);

const METHOD_OVERRIDE_NAMES = new Set(['x-http-method', 'x-http-method-override', 'x-method-override']);

export type Engine = 'chromium' | 'firefox';

export function isForbiddenRequestHeader(name: string, value = '', engine: Engine = 'chromium'): boolean {
  const lower = lowerAscii(name);
  // Firefox follows the Fetch standard: a page may set User-Agent.
  if (engine === 'firefox' && lower === 'user-agent') return false;
  if (FORBIDDEN_NAMES.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) return true;
  if (METHOD_OVERRIDE_NAMES.has(lower)) {
    return value.split(',').some((m) => isForbiddenMethod(trimLws(m)));
  }
  return false;
}

/** Fetch "CORS-unsafe request-header byte". */
export function isCorsUnsafeRequestHeaderByte(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09) ||
    code === 0x22 ||
    code === 0x28 ||
    code === 0x29 ||
    code === 0x3a ||
    code === 0x3c ||
    code === 0x3e ||
    code === 0x3f ||
    code === 0x40 ||
    code === 0x5b ||
    code === 0x5c ||
    code === 0x5d ||
    code === 0x7b ||
    code === 0x7d ||
    code === 0x7f
  );
}

const hasUnsafeByte = (value: string): boolean => {
  for (let i = 0; i < value.length; i++) if (isCorsUnsafeRequestHeaderByte(value.charCodeAt(i))) return true;
  return false;
};

/**
 * Firefox counts every byte above 0x7F in Accept and Content-Type as CORS-unsafe, where the Fetch
 * standard (and Chromium) name only some ASCII ones: `text/café` is preflighted in firefox-esr 153
 * and not in Chromium 156 (random seed 20261207; scenarios found-accept-non-ascii, found-content-type-non-ascii).
 */
// eslint-disable-next-line no-control-regex
const hasHighByte = (value: string): boolean => /[^\u0000-\u007f]/.test(value);
const FIREFOX_HIGH_BYTE = (name: string) => `The ${name} value has a byte above 0x7F, which Firefox counts as CORS-unsafe (Chromium does not).`;

/** Header values are byte strings; a character above U+00FF counts by its UTF-8 length. */
export function byteLength(value: string): number {
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u00ff]*$/.test(value) ? value.length : new TextEncoder().encode(value).length;
}

/**
 * The MIME type essence Chromium extracts from a Content-Type value (lower-cased `type/subtype`,
 * parameters dropped), or null when it does not parse. Chromium: net::ExtractMimeTypeFromMediaType.
 */
export function mimeEssence(value: string): string | null {
  const lower = lowerAscii(value);
  const semi = lower.indexOf(';');
  const parts = (semi < 0 ? lower : lower.slice(0, semi)).split('/').map(trimLws);
  if (parts.length !== 2 || !isToken(parts[0]!) || !isToken(parts[1]!)) return null;
  return `${parts[0]}/${parts[1]}`;
}

export const SAFELISTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Fetch "simple range header value": `bytes=N-` or `bytes=N-M` with N ≤ M, nothing else. */
function isSimpleRange(value: string): boolean {
  const m = /^bytes=(\d+)-(\d*)$/.exec(lowerAscii(value));
  if (!m) return false;
  return m[2] === '' || BigInt(m[1]!) <= BigInt(m[2]!);
}

const isDouble = (v: string) => /^\d+(\.\d+)?$/.test(v);
const isInt = (v: string) => /^\d+$/.test(v);

/**
 * Names Chromium safelists besides the standard ones: `intervention` and client hints, each with a
 * value check. (The `sec-ch-*` hints are on the list too, but a page cannot set `sec-` headers.)
 */
const CHROMIUM_EXTRA = new Map<string, (v: string) => boolean>(Object.entries({
  intervention: () => true,
  'device-memory': isDouble,
  dpr: isDouble,
  downlink: isDouble,
  width: isInt,
  'viewport-width': isInt,
  rtt: isInt,
  ect: (v: string) => ['slow-2g', '2g', '3g', '4g'].includes(v),
  'save-data': (v: string) => lowerAscii(v) === 'on',
}));

export type SafelistVerdict =
  | { safelisted: true }
  | { safelisted: false; kind: 'header' | 'header-value' | 'authorization'; detail: string };

/**
 * Is this one author header, alone, CORS-safelisted? (The 1024-byte total is checked by the caller.)
 * Firefox safelists only the Fetch standard's names; Chromium adds `intervention` and client hints.
 */
export function checkSafelistedHeader(name: string, value: string, engine: Engine = 'chromium'): SafelistVerdict {
  const lower = lowerAscii(name);
  if (lower === 'authorization') {
    return { safelisted: false, kind: 'authorization', detail: 'Authorization is never CORS-safelisted.' };
  }
  const standard = ['accept', 'accept-language', 'content-language', 'content-type', 'range'];
  // A Map, not an object: a header named `__proto__` must not find Object.prototype.
  const extra = engine === 'chromium' ? CHROMIUM_EXTRA.get(lower) : undefined;
  if (!standard.includes(lower) && !extra) {
    return { safelisted: false, kind: 'header', detail: `${name} is not a CORS-safelisted request header.` };
  }
  const bad = (why: string): SafelistVerdict => ({ safelisted: false, kind: 'header-value', detail: why });
  if (byteLength(value) > 128) return bad(`The ${name} value is longer than 128 bytes.`);
  switch (lower) {
    case 'accept':
      if (engine === 'firefox' && hasHighByte(value)) return bad(FIREFOX_HIGH_BYTE('Accept'));
      return hasUnsafeByte(value) ? bad(`The Accept value contains a CORS-unsafe byte.`) : { safelisted: true };
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value)
        ? { safelisted: true }
        : bad(`The ${name} value may only hold letters, digits, space and * , - . ; =.`);
    case 'content-type': {
      if (engine === 'firefox' && hasHighByte(value)) return bad(FIREFOX_HIGH_BYTE('Content-Type'));
      if (hasUnsafeByte(value)) return bad('The Content-Type value contains a CORS-unsafe byte.');
      const essence = mimeEssence(value);
      return essence && SAFELISTED_CONTENT_TYPES.includes(essence)
        ? { safelisted: true }
        : bad(
            `Content-Type ${essence ?? value} is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain.`,
          );
    }
    case 'range':
      return isSimpleRange(value) ? { safelisted: true } : bad('The Range value is not a single `bytes=N-` or `bytes=N-M` range.');
    default:
      return extra!(value) ? { safelisted: true } : bad(`The ${name} value is not one Chromium accepts for this client hint.`);
  }
}

/**
 * Author headers as the browser holds them: forbidden ones dropped, duplicates combined with ", "
 * (Fetch "combine"), names lower-cased, sorted by name (Blink keeps fetch and XHR header lists
 * sorted; checked against Chromium 156 for both).
 */
export function authorHeaderList(headers: readonly Header[], engine: Engine = 'chromium'): Header[] {
  const byName = new Map<string, string[]>();
  for (const h of headers) {
    const lower = lowerAscii(h.name);
    if (isForbiddenRequestHeader(lower, h.value, engine)) continue;
    const list = byName.get(lower) ?? [];
    list.push(trimLws(h.value));
    byName.set(lower, list);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, values]) => ({ name, value: values.join(', ') }));
}

export interface UnsafeHeaders {
  /** Lower-case names, in the order Chromium checks them against Access-Control-Allow-Headers. */
  names: string[];
  reasons: PreflightReason[];
}

/**
 * The CORS-unsafe request-header names: every non-safelisted header, then — when the safelisted
 * values add up to more than 1024 bytes — the safelisted ones too, each group in the browser's order.
 * Chromium: network::cors::CorsUnsafeNotForbiddenRequestHeaderNames.
 */
export function corsUnsafeRequestHeaders(
  headers: readonly Header[],
  engine: Engine = 'chromium',
  /** The order the browser holds its headers in (see blink-header-order.ts); default: by name. */
  order?: readonly string[],
): UnsafeHeaders {
  const names: string[] = [];
  const reasons: PreflightReason[] = [];
  const safelisted: string[] = [];
  let total = 0;
  const list = authorHeaderList(headers, engine);
  if (order) {
    const rank = (name: string) => {
      const i = order.indexOf(name);
      return i < 0 ? order.length : i;
    };
    list.sort((a, b) => rank(a.name) - rank(b.name));
  }
  for (const h of list) {
    const verdict = checkSafelistedHeader(h.name, h.value, engine);
    if (verdict.safelisted) {
      safelisted.push(h.name);
      total += byteLength(h.value);
    } else {
      names.push(h.name);
      reasons.push({ kind: verdict.kind, subject: h.name, detail: verdict.detail });
    }
  }
  if (total > 1024) {
    names.push(...safelisted);
    for (const name of safelisted) {
      reasons.push({
        kind: 'total-size',
        subject: name,
        detail: `The CORS-safelisted header values add up to ${total} bytes, over the 1024-byte limit.`,
      });
    }
  }
  return { names, reasons };
}

/**
 * Access-Control-Request-Headers as the browser sends it on the preflight: the CORS-unsafe names,
 * lower-cased, sorted, comma-joined without spaces; '' when there are none.
 * Chromium: preflight_controller.cc CreateAccessControlRequestHeadersHeader.
 */
export function accessControlRequestHeaders(headers: readonly Header[]): string {
  return [...new Set(corsUnsafeRequestHeaders(headers).names)].sort().join(',');
}

/** Request-body headers, dropped when a redirect turns the method into GET. Fetch §4.4 step 12. */
export const REQUEST_BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];
