/**
 * Parsing one Set-Cookie line the way Chromium's net::ParsedCookie does, with set-cookie-parser
 * doing the attribute parsing. What set-cookie-parser does not do, and Chromium does, is done here:
 * the name-value pair (set-cookie-parser drops names such as `constructor` and never reports why a
 * line is invalid), the 4096-byte name+value limit, forbidden control characters, and the
 * 1024-byte attribute limit. Never throws.
 */
import { parseString } from 'set-cookie-parser';

/** Why a line never became a cookie at all (Chrome DevTools `SetCookieBlockedReason` names). */
export type ParseFailureReason = 'NoCookieContent' | 'NameValuePairExceedsMaxSize' | 'DisallowedCharacter' | 'SyntaxError';

export interface ParsedSetCookie {
  ok: true;
  raw: string;
  name: string;
  value: string;
  /** Attribute values as written (trimmed); undefined when the attribute is absent or was ignored. */
  domain?: string;
  path?: string;
  secure: boolean;
  httpOnly: boolean;
  /** The SameSite value as written, e.g. `Lax`, `none`, `Bogus`; `undefined` when absent. */
  sameSiteRaw?: string;
  partitioned: boolean;
  /** Max-Age in seconds, when valid (rfc6265bis §5.6.2). */
  maxAge?: number;
  /** Expires as ms since the epoch, when it parsed. */
  expires?: number;
  /** Chrome's `CookieWarningReason` names for attributes it ignored (WarnAttributeValueExceedsMaxSize). */
  warnings: string[];
}

export interface SetCookieParseFailure {
  ok: false;
  raw: string;
  reason: ParseFailureReason;
  /** The name, when the line got that far (for display). */
  name?: string;
}

/** net/cookies/parsed_cookie.h kMaxCookieNamePlusValueSize, kMaxCookieAttributeValueSize (bytes). */
export const MAX_NAME_VALUE_BYTES = 4096;
export const MAX_ATTRIBUTE_VALUE_BYTES = 1024;

const encoder = new TextEncoder();
const byteLength = (s: string): number => encoder.encode(s).length;

/** Trims SP and HTAB only (rfc6265bis §5.6), as Chromium and set-cookie-parser do. */
function trimWsp(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s.charCodeAt(start) === 0x20 || s.charCodeAt(start) === 0x09)) start++;
  while (end > start && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09)) end--;
  return s.slice(start, end);
}

/** A control character other than HTAB (0x00–0x08, 0x0A–0x1F, 0x7F). */
const FORBIDDEN_CTL = /[\u0000-\u0008\u000A-\u001F\u007F]/;

/** rfc6265bis §5.6: a CTL anywhere, or a tab inside a name, value, attribute name or attribute value. */
function hasDisallowedCharacter(pieces: readonly string[]): boolean {
  return pieces.some((p) => FORBIDDEN_CTL.test(p) || p.includes('\t'));
}

/** Splits `a=b` at the first `=`; without `=`, the whole is the value and the name is empty (Chromium). */
function splitPair(pair: string): { name: string; value: string } {
  const eq = pair.indexOf('=');
  if (eq < 0) return { name: '', value: trimWsp(pair) };
  return { name: trimWsp(pair.slice(0, eq)), value: trimWsp(pair.slice(eq + 1)) };
}

/** Splits a Set-Cookie header value into lines: one line per header, but captures that join them use `\n`. */
export function setCookieLines(headerValue: string): string[] {
  if (typeof headerValue !== 'string') return [];
  return headerValue.split(/\r?\n/);
}

export function parseSetCookie(line: string): ParsedSetCookie | SetCookieParseFailure {
  const raw = typeof line === 'string' ? line : '';
  try {
    return parseUnsafe(raw);
  } catch {
    // set-cookie-parser or a hostile value did something unexpected; Chrome's name for "could not store".
    return { ok: false, raw, reason: 'SyntaxError' };
  }
}

function parseUnsafe(raw: string): ParsedSetCookie | SetCookieParseFailure {
  const semi = raw.indexOf(';');
  const pairText = semi < 0 ? raw : raw.slice(0, semi);
  const attrText = semi < 0 ? '' : raw.slice(semi);
  const { name, value } = splitPair(pairText);

  if (name === '' && value === '') return { ok: false, raw, reason: 'NoCookieContent' };
  // Chromium checks the size before the characters: a huge value with a CTL is reported as too large.
  if (byteLength(name) + byteLength(value) > MAX_NAME_VALUE_BYTES) {
    return { ok: false, raw, reason: 'NameValuePairExceedsMaxSize', name };
  }

  const warnings: string[] = [];
  const kept: string[] = [];
  const pieces: string[] = [name, value];
  for (const part of attrText.split(';')) {
    if (trimWsp(part) === '') continue;
    const eq = part.indexOf('=');
    const attrName = trimWsp(eq < 0 ? part : part.slice(0, eq));
    const attrValue = eq < 0 ? '' : trimWsp(part.slice(eq + 1));
    pieces.push(attrName, attrValue);
    // Chromium ignores an attribute whose value is over 1024 bytes and warns (ParsedCookie::ParseTokenValuePairs).
    if (byteLength(attrValue) > MAX_ATTRIBUTE_VALUE_BYTES) {
      if (!warnings.includes('WarnAttributeValueExceedsMaxSize')) warnings.push('WarnAttributeValueExceedsMaxSize');
      continue;
    }
    kept.push(`${attrName}=${attrValue}`);
  }
  if (hasDisallowedCharacter(pieces)) return { ok: false, raw, reason: 'DisallowedCharacter', name };

  // set-cookie-parser parses the attributes; a fixed, harmless name-value pair stands in for the real
  // one, which it would mangle (forbidden names) or drop (nameless cookies).
  const attrs = parseString(['n=v', ...kept].join('; '), { decodeValues: false, silent: true, map: false });
  const parsed: ParsedSetCookie = {
    ok: true,
    raw,
    name,
    value,
    secure: attrs?.secure === true,
    httpOnly: attrs?.httpOnly === true,
    partitioned: attrs?.partitioned === true,
    warnings,
  };
  if (attrs) {
    if (typeof attrs.domain === 'string') parsed.domain = attrs.domain;
    if (typeof attrs.path === 'string') parsed.path = attrs.path;
    if (typeof attrs.sameSite === 'string') parsed.sameSiteRaw = attrs.sameSite;
    if (typeof attrs.maxAge === 'number' && Number.isFinite(attrs.maxAge)) parsed.maxAge = attrs.maxAge;
    const expires = attrs.expires instanceof Date ? attrs.expires.getTime() : NaN;
    if (Number.isFinite(expires)) parsed.expires = expires;
  }
  return parsed;
}

/** SameSite as Chromium reads it: the three keywords, case-insensitive; anything else is unspecified. */
export function sameSiteOf(p: ParsedSetCookie): 'strict' | 'lax' | 'none' | 'unspecified' {
  const v = (p.sameSiteRaw ?? '').toLowerCase();
  return v === 'strict' || v === 'lax' || v === 'none' ? v : 'unspecified';
}

/** Pairs of a request's `Cookie` header (`a=1; b=2`), in order. */
export function cookieHeaderPairs(header: string): { name: string; value: string; raw: string }[] {
  if (typeof header !== 'string') return [];
  const out: { name: string; value: string; raw: string }[] = [];
  for (const piece of header.split(';')) {
    const raw = trimWsp(piece);
    if (raw === '') continue;
    out.push({ ...splitPair(raw), raw });
  }
  return out;
}
