/**
 * The cookie jar as plain data: storing, replacing, deleting and expiring StoredCookie values.
 * A cookie's identity is (name, domain, host-only, path, partition) — Chromium's
 * CanonicalCookie::IsEquivalent plus the partition key (CHIPS).
 */
import type { StoredCookie } from '../model/index.ts';
import { domainMatches, pathMatches } from './domain.ts';

export function sameCookie(a: StoredCookie, b: StoredCookie): boolean {
  return (
    a.name === b.name &&
    a.domain === b.domain &&
    a.hostOnly === b.hostOnly &&
    a.path === b.path &&
    (a.partitionKey ?? '') === (b.partitionKey ?? '')
  );
}

/** Expired when an expiry is known and the clock is known and it has passed. */
export function isExpired(cookie: StoredCookie, now: number | undefined): boolean {
  return typeof cookie.expiresAt === 'number' && typeof now === 'number' && cookie.expiresAt <= now;
}

/** The jar with `cookie` stored (replacing its equivalent), or with its equivalent deleted when `remove`. */
export function storeCookie(jar: readonly StoredCookie[], cookie: StoredCookie, remove: boolean): StoredCookie[] {
  const kept = jar.filter((c) => !sameCookie(c, cookie));
  if (remove) return kept;
  const old = jar.find((c) => sameCookie(c, cookie));
  // An overwritten cookie keeps its creation time (RFC 6265 §5.3 step 11.3).
  const stored = old?.createdAt !== undefined ? { ...cookie, createdAt: old.createdAt } : cookie;
  return [...kept, stored];
}

/**
 * OverwriteSecure: a cookie set from an insecure URL without Secure may not shadow a Secure cookie of
 * the same name whose domain matches either way and whose path covers the new one.
 * rfc6265bis §5.7 step 16; Chromium: CookieMonster::MaybeDeleteEquivalentCookieAndUpdateStatus.
 */
export function shadowsSecureCookie(jar: readonly StoredCookie[], cookie: StoredCookie): StoredCookie | undefined {
  return jar.find(
    (c) =>
      c.secure &&
      c.name === cookie.name &&
      (c.partitionKey ?? '') === (cookie.partitionKey ?? '') &&
      (domainMatches({ domain: c.domain, hostOnly: false }, cookie.domain) ||
        domainMatches({ domain: cookie.domain, hostOnly: false }, c.domain)) &&
      pathMatches(c.path, cookie.path),
  );
}

/** Drops cookies that have expired by `now` (a no-op without a clock). */
export function withoutExpired(jar: readonly StoredCookie[], now: number | undefined): StoredCookie[] {
  return jar.filter((c) => !isExpired(c, now));
}

/** Only well-formed entries, one per identity (the last wins): a jar handed in from outside may hold anything. */
export function sanitizeJar(jar: unknown): StoredCookie[] {
  if (!Array.isArray(jar)) return [];
  const wellFormed = jar.filter(
    (c): c is StoredCookie =>
      !!c &&
      typeof c === 'object' &&
      typeof (c as StoredCookie).name === 'string' &&
      typeof (c as StoredCookie).value === 'string' &&
      typeof (c as StoredCookie).domain === 'string' &&
      typeof (c as StoredCookie).path === 'string',
  );
  return wellFormed.filter((c, i) => !wellFormed.slice(i + 1).some((later) => sameCookie(c, later)));
}
