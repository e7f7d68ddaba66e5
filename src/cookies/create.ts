/**
 * Turning a parsed Set-Cookie into the cookie it would store (Chromium: CanonicalCookie::Create):
 * domain, path, prefixes, expiry. Chromium 156 reports InvalidDomain and InvalidPrefix together,
 * before any SameSite or third-party check; Firefox 153 prints only the first.
 */
import type { StoredCookie } from '../model/index.ts';
import type { RequestCookieContext } from './context.ts';
import { cookieDomain, cookiePath } from './domain.ts';
import { sameSiteOf, type ParsedSetCookie } from './parse.ts';

export type CreateResult =
  | { ok: true; cookie: StoredCookie; deletes: boolean }
  | { ok: false; reasons: ('InvalidDomain' | 'InvalidPrefix')[] };

/**
 * Cookie prefixes, case-insensitive, including a nameless cookie whose value looks prefixed
 * (rfc6265bis §5.7 steps 20–22; Chromium 156 rejects `=__Host-x` with InvalidPrefix).
 */
function prefixIsValid(p: ParsedSetCookie, secureUrl: boolean): boolean {
  const subject = (p.name === '' ? p.value : p.name).toLowerCase();
  const secureOk = p.secure && secureUrl;
  if (subject.startsWith('__secure-')) return p.name !== '' && secureOk;
  if (subject.startsWith('__host-')) {
    // An empty Domain attribute is ignored, so it does not count as one.
    return p.name !== '' && secureOk && (p.domain === undefined || p.domain === '') && p.path === '/';
  }
  return true;
}

/**
 * The expiry in the client's clock. Chromium reads Expires relative to the response's Date
 * (CanonicalCookie::ParseExpiration), so a server with a wrong clock still expires on time.
 */
function expiry(p: ParsedSetCookie, now: number | undefined, serverDate: number | undefined): { at?: number; deletes: boolean } {
  if (p.maxAge !== undefined) {
    if (p.maxAge <= 0) return { deletes: true };
    return now === undefined ? { deletes: false } : { at: now + p.maxAge * 1000, deletes: false };
  }
  if (p.expires === undefined) return { deletes: false };
  const at = now !== undefined && serverDate !== undefined ? now + (p.expires - serverDate) : p.expires;
  const clock = now ?? serverDate;
  return { at, deletes: clock !== undefined && at <= clock };
}

export interface CreateInput {
  parsed: ParsedSetCookie;
  ctx: RequestCookieContext;
  now: number | undefined;
  /** The response's Date header, in ms. */
  serverDate: number | undefined;
  /** Firefox's Total Cookie Protection: a third-party cookie goes to the top-level site's jar. */
  partitionEvenWithoutAttribute: boolean;
}

export function createCookie({ parsed, ctx, now, serverDate, partitionEvenWithoutAttribute }: CreateInput): CreateResult {
  const reasons: ('InvalidDomain' | 'InvalidPrefix')[] = [];
  const domain = cookieDomain(ctx.host, parsed.domain);
  if (!domain.ok) reasons.push('InvalidDomain');
  if (!prefixIsValid(parsed, ctx.secure)) reasons.push('InvalidPrefix');
  if (reasons.length > 0 || !domain.ok) return { ok: false, reasons };

  const { at, deletes } = expiry(parsed, now, serverDate);
  const cookie: StoredCookie = {
    name: parsed.name,
    value: parsed.value,
    domain: domain.domain,
    hostOnly: domain.hostOnly,
    path: cookiePath(ctx.path, parsed.path),
    secure: parsed.secure,
    httpOnly: parsed.httpOnly,
    sameSite: sameSiteOf(parsed),
    partitioned: parsed.partitioned,
  };
  if (parsed.partitioned || partitionEvenWithoutAttribute) cookie.partitionKey = ctx.partitionKey;
  if (at !== undefined) cookie.expiresAt = at;
  if (now !== undefined) cookie.createdAt = now;
  return { ok: true, cookie, deletes };
}
