/**
 * Secrets kept out of reports unless the caller opts in: the values of Cookie, Set-Cookie,
 * Authorization and Proxy-Authorization headers, and cookie values in cookie outcomes. What a
 * reader needs to debug stays: cookie names and Set-Cookie attributes (Path, SameSite, Secure…),
 * and the authentication scheme ("Bearer").
 */
import type { Header } from '../model/header.ts';

export const REDACTED = '[redacted]';

/**
 * `a=1; b=2` → `a=[redacted]; b=[redacted]`. A pair without `=` is a value with an empty name
 * (Chromium sends such a cookie as the bare value), so it is redacted whole: `SECRET` → `[redacted]`.
 */
export function redactCookiePairs(value: string): string {
  return value
    .split(';')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq >= 0) return `${pair.slice(0, eq)}=${REDACTED}`;
      return pair.trim() ? `${/^\s*/.exec(pair)![0]}${REDACTED}` : pair;
    })
    .join(';');
}

/** `sid=abc; Path=/; Secure` → `sid=[redacted]; Path=/; Secure`; a nameless `abc; Path=/` → `[redacted]; Path=/` */
export function redactSetCookie(value: string): string {
  const semi = value.indexOf(';');
  const pair = semi < 0 ? value : value.slice(0, semi);
  const rest = semi < 0 ? '' : value.slice(semi);
  const eq = pair.indexOf('=');
  return `${eq < 0 ? REDACTED : `${pair.slice(0, eq)}=${REDACTED}`}${rest}`;
}

/** `Bearer abc` → `Bearer [redacted]` */
export function redactCredentials(value: string): string {
  const m = /^(\s*[A-Za-z][\w.+-]*)\s+\S/.exec(value);
  return m ? `${m[1]} ${REDACTED}` : REDACTED;
}

export function redactHeaderValue(name: string, value: string): string {
  switch (name.toLowerCase()) {
    case 'cookie':
    case 'cookie2':
      return redactCookiePairs(value);
    case 'set-cookie':
    case 'set-cookie2':
      return redactSetCookie(value);
    case 'authorization':
    case 'proxy-authorization':
      return redactCredentials(value);
    default:
      return value;
  }
}

export function redactHeaders(headers: readonly Header[]): Header[] {
  return headers.map((h) => ({ name: h.name, value: redactHeaderValue(h.name, h.value) }));
}

/**
 * A cookie outcome's raw text: a Set-Cookie line (direction `set`) or a cookie pair (`send`).
 * Either way the value before the first `;` is the secret.
 */
export function redactCookieRaw(raw: string): string {
  return redactSetCookie(raw);
}
