/**
 * `check`'s command-line values, checked the way fetch() checks what a page passes it: what fetch()
 * would throw on is a usage error (exit 2) saying what was wrong; what fetch() drops silently is
 * not sent, and said so.
 */
import { isToken } from '../fetch/http.ts';
import { isForbiddenMethod } from '../fetch/method.ts';
import { isSameOrigin } from '../fetch/origin.ts';
import { isForbiddenRequestHeader } from '../fetch/request-headers.ts';
import type { Header } from '../model/index.ts';

/** `"X-Api-Key: abc"` → header; throws with a usable message otherwise (Fetch "header name"/"header value"). */
export function parseHeaderOption(raw: string): Header {
  const colon = raw.indexOf(':');
  if (colon <= 0) throw new Error(`--header "${raw}": expected "Name: value"`);
  const header = { name: raw.slice(0, colon).trim(), value: raw.slice(colon + 1).trim() };
  if (!isToken(header.name)) throw new Error(`--header "${raw}": "${header.name}" is not a header name (letters, digits and !#$%&'*+-.^_\`|~, no spaces); fetch() would throw a TypeError`);
  if (/[\0\r\n]/.test(header.value)) throw new Error(`--header "${header.name}": the value holds a NUL, CR or LF; fetch() would throw a TypeError`);
  if (/[^\x00-\xff]/.test(header.value)) throw new Error(`--header "${header.name}": the value holds a character beyond U+00FF; fetch() would throw a TypeError (encode it, e.g. percent-encoding)`);
  if (/[\x01-\x08\x0a-\x1f\x7f]/.test(header.value)) throw new Error(`--header "${header.name}": the value holds a control character other than tab, which cors-lens cannot send`);
  return header;
}

/** An origin as the Origin header carries it: scheme://host[:port], or `null`. */
export function parseOriginOption(raw: string): string {
  if (raw === 'null') return raw;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !/^https?:$/.test(url.protocol)) throw new Error(`--origin "${raw}" is not an origin: expected scheme://host[:port], e.g. https://app.example.com`);
  // A trailing slash, upper case or a default port are harmless; a path, query, fragment or user name is not part of an origin.
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new Error(`--origin "${raw}" is not an origin: an origin has no path, query, fragment or user name (the page's Origin header would be ${url.origin})`);
  }
  return url.origin;
}

/** A method fetch() accepts: an HTTP token, and not CONNECT, TRACE or TRACK. */
export function parseMethodOption(raw: string): string {
  if (!isToken(raw)) throw new Error(`--method "${raw}" is not an HTTP method (a token: letters, digits and !#$%&'*+-.^_\`|~); fetch() would throw a TypeError`);
  if (isForbiddenMethod(raw)) throw new Error(`--method ${raw}: fetch() refuses CONNECT, TRACE and TRACK with a TypeError before any request`);
  return raw;
}

export function parseTimeoutOption(raw: string): number {
  const ms = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(ms) || ms <= 0) throw new Error(`--timeout "${raw}": expected a whole number of milliseconds greater than 0, e.g. 15000`);
  return ms;
}

/** What check will not send although asked to, as a page's fetch() would not: one line each. */
export function unsentNotes(url: string, origin: string, headers: readonly Header[], credentials: boolean, cookie: string | undefined): string[] {
  const notes: string[] = [];
  for (const h of headers) {
    if (!isForbiddenRequestHeader(h.name, h.value)) continue;
    const cookies = /^cookie2?$/i.test(h.name) ? ' Use --credentials and --cookie to send cookies.' : '';
    notes.push(`--header "${h.name}" is not sent: a page cannot set this header (a forbidden request header: fetch() drops it without an error; the browser sets it itself or not at all).${cookies}`);
  }
  if (cookie && !credentials && (origin === 'null' || !isSameOrigin(origin, url))) {
    notes.push(`--cookie is not sent: a cross-origin fetch() sends cookies only with credentials: 'include' (add --credentials).`);
  }
  return notes;
}
