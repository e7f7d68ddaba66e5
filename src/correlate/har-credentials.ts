/**
 * A HAR records no credentials mode: without cookies on the wire a request's is guessed as fetch's
 * default (same-origin). A later request can prove the guess wrong: when it sends back a cookie
 * that a cross-origin response set, with the value that response set, the browser stored that
 * cookie — which it does only for a request whose credentials mode is `include` (Fetch §4.6
 * "HTTP-network fetch", step 17: cookies are set only when includeCredentials is true).
 */
import { cookieDomain, domainMatches } from '../cookies/domain.ts';
import { cookieHeaderPairs, parseSetCookie, setCookieLines } from '../cookies/parse.ts';
import { isSameOrigin, normalizeOrigin } from '../fetch/origin.ts';
import { getHeader, headerValues } from '../model/header.ts';
import type { Flow } from '../model/flow.ts';

const hostOf = (url: string): string | null => (URL.canParse(url) ? new URL(url).hostname : null);

interface SetCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
}

/**
 * The cookies a flow's responses set, as (name, value, domain), for hops that could store them —
 * from its first cross-origin hop on: before it, same-origin credentials store cookies too.
 */
function cookiesSet(flow: Flow): SetCookie[] {
  const out: SetCookie[] = [];
  const origin = normalizeOrigin(flow.request.origin);
  const tainted = flow.hops.findIndex((h) => !isSameOrigin(origin, h.request.url));
  if (tainted < 0) return out;
  for (const hop of flow.hops.slice(tainted)) {
    const host = hostOf(hop.request.url);
    if (!hop.response || host === null) continue;
    for (const line of headerValues(hop.response.headers, 'set-cookie').flatMap(setCookieLines)) {
      const parsed = parseSetCookie(line);
      if (!parsed.ok) continue;
      const domain = cookieDomain(host, parsed.domain);
      if (domain.ok) out.push({ name: parsed.name, value: parsed.value, domain: domain.domain, hostOnly: domain.hostOnly });
    }
  }
  return out;
}

/** Cookie pairs each hop of a flow sent, with the host it went to. */
function cookiesSent(flow: Flow): { host: string; name: string; value: string }[] {
  return flow.hops.flatMap((hop) => {
    const header = hop.response ? getHeader(hop.request.headers, 'cookie') : null;
    const host = hostOf(hop.request.url);
    if (header === null || host === null) return [];
    return cookieHeaderPairs(header).map((p) => ({ host, name: p.name, value: p.value }));
  });
}

const guessed = (flow: Flow) =>
  flow.request.credentials !== 'include' && (flow.inferred.find((i) => i.field === 'credentials')?.from ?? '').startsWith('no cookies were sent');

/**
 * Flows (in page order) whose guessed credentials a later flow disproves, turned to `include`
 * with the evidence noted. A cookie already sent before the flow with the same value proves
 * nothing (it may have been in the jar all along), nor one another flow also set.
 */
export function credentialsFromCookiesSentLater(flows: readonly Flow[]): Flow[] {
  // By `name=value`, in flow order: who sent it (to which host) and who set it (for which domain).
  const sends = new Map<string, { at: number; host: string }[]>();
  const sets = new Map<string, { at: number; domain: string }[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  const setBy = flows.map(cookiesSet);
  flows.forEach((flow, at) => {
    for (const s of cookiesSent(flow)) push(sends, `${s.name}=${s.value}`, { at, host: s.host });
    for (const c of setBy[at]!) push(sets, `${c.name}=${c.value}`, { at, domain: c.domain });
  });
  return flows.map((flow, i) => {
    if (!guessed(flow) || flow.request.mode !== 'cors') return flow;
    const origin = normalizeOrigin(flow.request.origin);
    if (flow.hops.every((h) => isSameOrigin(origin, h.request.url))) return flow;
    for (const c of setBy[i]!) {
      const key = `${c.name}=${c.value}`;
      const matching = (sends.get(key) ?? []).filter((s) => domainMatches({ domain: c.domain, hostOnly: c.hostOnly }, s.host));
      if (matching.length === 0 || matching[0]!.at <= i) continue;
      const later = matching[0]!.at;
      if ((sets.get(key) ?? []).some((o) => o.at !== i && o.at < later && o.domain === c.domain)) continue;
      return {
        ...flow,
        request: { ...flow.request, credentials: 'include' as const },
        inferred: [
          ...flow.inferred.filter((x) => x.field !== 'credentials'),
          {
            field: 'credentials' as const,
            from: `a later request (flow ${flows[later]!.id}) sent back the cookie ${c.name} this response set: the browser stored it, which it does only for a request with credentials: 'include'`,
          },
        ],
      };
    }
    return flow;
  });
}
