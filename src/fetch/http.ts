/**
 * Small HTTP helpers the CORS rules share: header lookup the way Chromium's network stack does it,
 * tokens, and status classes.
 */
import type { Header } from '../model/index.ts';

/** HTTP linear white space (SP, HTAB), which header parsers trim around values. */
const isLws = (c: string): boolean => c === ' ' || c === '\t';

export function trimLws(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isLws(value[start]!)) start++;
  while (end > start && isLws(value[end - 1]!)) end--;
  return value.slice(start, end);
}

/** A header's name as the browser compares it: ASCII case-insensitively. */
export function lowerAscii(s: string): string {
  // Most names are already lower case or plain ASCII; skip the regex replace then (a hot path).
  if (!/[A-Z]/.test(s)) return s;
  if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The value Chromium checks: every line of the header, each trimmed, joined with ", "; null when
 * absent. Duplicate lines therefore read as one list (`a` + `b` → `a, b`).
 * Chromium: net::HttpResponseHeaders::GetNormalizedHeader.
 */
export function normalizedHeader(headers: readonly Header[] | undefined, name: string): string | null {
  if (!headers) return null;
  const wanted = lowerAscii(name);
  const values: string[] = [];
  for (const h of headers) {
    if (h && typeof h.name === 'string' && lowerAscii(h.name) === wanted) values.push(trimLws(String(h.value ?? '')));
  }
  return values.length === 0 ? null : values.join(', ');
}

/** RFC 9110 tchar. */
export function isTokenChar(c: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/.test(c);
}

/** RFC 9110 token: one or more tchar. Chromium: net::HttpUtil::IsToken. */
export function isToken(s: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(s);
}

/** Fetch "ok status": 200–299. */
export function isOkStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** Statuses that redirect when the response carries a Location (Fetch "redirect status"). */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Headers of an exchange that may hold anything: drop entries that are not name/value strings. */
export function safeHeaders(headers: unknown): Header[] {
  if (!Array.isArray(headers)) return [];
  const out: Header[] = [];
  for (const h of headers) {
    if (h && typeof h === 'object' && typeof (h as Header).name === 'string') {
      const v = (h as Header).value;
      out.push({ name: (h as Header).name, value: typeof v === 'string' ? v : String(v ?? '') });
    }
  }
  return out;
}
