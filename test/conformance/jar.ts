/** Chromium's cookie jar as CDP reports it (`Network.getAllCookies`) → the model's StoredCookie. */
import type { Protocol } from 'devtools-protocol';
import type { StoredCookie } from '../../src/model/index.ts';

function sameSite(s: Protocol.Network.CookieSameSite | undefined): StoredCookie['sameSite'] {
  if (s === 'Strict') return 'strict';
  if (s === 'Lax') return 'lax';
  if (s === 'None') return 'none';
  return 'unspecified';
}

export function cookieJarFromCdp(cookies: Protocol.Network.Cookie[]): StoredCookie[] {
  return cookies
    .map((c) => {
      // CDP writes a Domain-attribute cookie's domain with a leading dot; a host-only one without.
      const hostOnly = !c.domain.startsWith('.');
      const out: StoredCookie = {
        name: c.name,
        value: c.value,
        domain: hostOnly ? c.domain : c.domain.slice(1),
        hostOnly,
        path: c.path,
        secure: c.secure,
        httpOnly: c.httpOnly,
        sameSite: sameSite(c.sameSite),
        partitioned: c.partitionKey !== undefined,
      };
      if (c.partitionKey) out.partitionKey = c.partitionKey.topLevelSite;
      if (!c.session && c.expires > 0) out.expiresAt = Math.round(c.expires * 1000);
      return out;
    })
    .sort((a, b) => `${a.domain} ${a.path} ${a.name}`.localeCompare(`${b.domain} ${b.path} ${b.name}`));
}
