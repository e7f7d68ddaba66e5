/**
 * Which response headers the page's JavaScript can read, and why the others are hidden.
 * Fetch "CORS-filtered response", "CORS-safelisted response-header name";
 * Chromium: blink cors.cc ExtractCorsExposedHeaderNamesList (and its HTTPHeaderNameListParser).
 */
import type { CredentialsMode, Header, HiddenHeader, ReadableHeader } from '../model/index.ts';
import { isTokenChar, lowerAscii, normalizedHeader } from './http.ts';

export const SAFELISTED_RESPONSE_HEADERS = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
];

/** Never readable from script, whatever the server says. Fetch "forbidden response-header name". */
export const FORBIDDEN_RESPONSE_HEADERS = ['set-cookie', 'set-cookie2'];

/**
 * Blink's scan of Access-Control-Expose-Headers: tokens separated by commas with optional spaces,
 * empty items allowed; any other character voids the whole list. Returns the lower-case names, or
 * where the scan stopped: `at` the offending character, after the name `last` (`spaceOnly` when
 * only white space separates that character, the start of another name, from `last`).
 */
type ExposeScan = { ok: true; names: Set<string> } | { ok: false; at: number; last: string; spaceOnly: boolean };

function scanExposeHeaders(value: string): ExposeScan {
  const names = new Set<string>();
  let pos = 0;
  let last = '';
  const spaces = () => {
    while (pos < value.length && (value[pos] === ' ' || value[pos] === '\t')) pos++;
  };
  for (;;) {
    spaces();
    if (pos >= value.length) return { ok: true, names };
    if (value[pos] === ',') {
      pos++;
      continue;
    }
    const start = pos;
    while (pos < value.length && isTokenChar(value[pos]!)) pos++;
    if (pos === start) return { ok: false, at: pos, last, spaceOnly: false };
    last = value.slice(start, pos);
    names.add(lowerAscii(last));
    const end = pos;
    spaces();
    if (pos >= value.length) return { ok: true, names };
    if (value[pos] !== ',') return { ok: false, at: pos, last, spaceOnly: pos > end && isTokenChar(value[pos]!) };
    pos++;
  }
}

/** Parses Access-Control-Expose-Headers the way Blink does (see scanExposeHeaders); lower-case names. */
export function parseExposeHeaders(value: string | null): Set<string> {
  if (value === null) return new Set();
  const scan = scanExposeHeaders(value);
  return scan.ok ? scan.names : new Set();
}

/**
 * Why Blink voids an Access-Control-Expose-Headers value (parseExposeHeaders returns nothing for
 * it), in words; null when it parses. The first character that is neither part of a name, a
 * comma nor a space or tab is named, with where it stands.
 */
export function exposeHeadersProblem(value: string | null): string | null {
  if (value === null) return null;
  const scan = scanExposeHeaders(value);
  if (scan.ok) return null;
  if (scan.spaceOnly) {
    let next = scan.at;
    while (next < value.length && isTokenChar(value[next]!)) next++;
    return `\`${scan.last}\` and \`${value.slice(scan.at, next)}\` are separated by white space, not a comma`;
  }
  const c = value[scan.at]!;
  const shown = /[\x21-\x7e]/.test(c) ? `\`${c}\`` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const where = scan.last ? `after \`${scan.last}\`` : 'at the start';
  return `${shown} ${where} is neither part of a header name nor a comma (names are separated by commas only)`;
}

export type Tainting = 'basic' | 'cors' | 'opaque';

export interface Readability {
  readable: ReadableHeader[];
  hidden: HiddenHeader[];
  /** Lower-case, sorted, unique: what `response.headers.keys()` lists. */
  names: string[];
}

/** Sorts each response header name into readable or hidden, with the reason. */
export function readability(
  headers: readonly Header[],
  tainting: Tainting,
  credentials: CredentialsMode,
): Readability {
  const readable = new Map<string, ReadableHeader>();
  const hidden = new Map<string, HiddenHeader>();
  const exposeValue = normalizedHeader(headers, 'Access-Control-Expose-Headers');
  const exposed = parseExposeHeaders(exposeValue);
  const problem = exposeHeadersProblem(exposeValue);
  // Hidden as Chromium hides it (not-safelisted), and the void list said so: nothing else would.
  const voidList = problem === null ? undefined : `Access-Control-Expose-Headers could not be parsed, so it exposes nothing: ${problem}.`;
  const wildcard = exposed.has('*');
  const include = credentials === 'include';
  for (const h of headers) {
    const name = lowerAscii(h.name);
    if (readable.has(name) || hidden.has(name)) continue;
    if (tainting === 'opaque') {
      hidden.set(name, { name, reason: 'opaque' });
    } else if (FORBIDDEN_RESPONSE_HEADERS.includes(name)) {
      hidden.set(name, { name, reason: 'never-readable' });
    } else if (tainting === 'basic') {
      readable.set(name, { name, reason: 'same-origin' });
    } else if (SAFELISTED_RESPONSE_HEADERS.includes(name)) {
      readable.set(name, { name, reason: 'safelisted' });
    } else if (exposed.has(name)) {
      readable.set(name, { name, reason: 'exposed' });
    } else if (wildcard && !include) {
      readable.set(name, { name, reason: 'exposed-by-wildcard' });
    } else {
      hidden.set(name, { name, reason: wildcard ? 'wildcard-with-credentials' : 'not-safelisted', ...(voidList ? { detail: voidList } : {}) });
    }
  }
  return {
    readable: [...readable.values()],
    hidden: [...hidden.values()],
    names: [...readable.keys()].sort(),
  };
}

/** Everything hidden: a blocked or failed response gives script nothing. */
export function nothingReadable(headers: readonly Header[]): Readability {
  return readability(headers, 'opaque', 'omit');
}
