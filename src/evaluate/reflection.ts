/**
 * Reflecting any origin with credentials. Granting several origins, each the one it received, is
 * what an allow-list does too (app.site-a.test and admin.site-a.test): that alone is no evidence.
 * A server is called reflecting only when one of its credentialed grants names an origin no real
 * allow-list holds — `null`, or a name reserved for examples and never delegated (RFC 2606 §2–3:
 * `.example`, `.invalid`, example.com/.net/.org), which only a probe sends — and then every grant
 * of that server gets the warning, naming that evidence.
 */
import type { Evaluation, Finding, Flow } from '../model/index.ts';
import { normalizedHeader, safeHeaders } from '../fetch/http.ts';
import { originOf, parseUrl } from '../fetch/origin.ts';
import { WHY } from '../explain/why.ts';

/** A credentialed grant of exactly the Origin sent: one piece of the evidence. */
export interface ReflectionGrant {
  /** The granting server's origin. */
  server: string;
  origin: string;
  hop: number;
  url: string;
}

/** The grant a flow shows, if any (its evaluation says whether it was allowed and which Origin went out). */
export function reflectionGrant(flow: Flow | undefined, e: Evaluation): ReflectionGrant | null {
  if (!flow || e.verdict !== 'allowed' || flow.request?.credentials !== 'include') return null;
  const hop = flow.hops.length - 1;
  const h = flow.hops[hop];
  const headers = safeHeaders(h?.response?.headers);
  const allow = normalizedHeader(headers, 'Access-Control-Allow-Origin');
  const sent = e.classification.originPerHop[hop];
  if (!h || !allow || allow !== sent || normalizedHeader(headers, 'Access-Control-Allow-Credentials') !== 'true') return null;
  return { server: originOf(h.request.url), origin: allow, hop, url: h.request.url };
}

/**
 * Why granting this origin with credentials shows the server echoes any Origin, or null when an
 * allow-list could have granted it.
 */
export function reflectionEvidence(origin: string): string | null {
  if (origin === 'null') return 'it granted `Origin: null` with credentials, and no allow-list names `null` on purpose (every sandboxed iframe and file: page sends it)';
  const host = parseUrl(origin)?.hostname.toLowerCase().replace(/\.$/, '');
  if (host && /(^|\.)(example|invalid)$|(^|\.)example\.(com|net|org)$/.test(host)) {
    return `it granted ${origin} with credentials, a name reserved for examples that no real allow-list holds (RFC 2606): it echoes whatever Origin arrives`;
  }
  return null;
}

/** The warning for one grant of a server that showed it reflects (`evidence`). */
export function reflectionWarning(g: ReflectionGrant, evidence: string): Finding {
  const finding: Finding = {
    code: 'ReflectedOriginWithCredentials',
    severity: 'warning',
    failedParameter: g.origin,
    location: { hop: g.hop, stage: 'actual', url: g.url },
    messages: { chrome: null, firefox: null },
    why: WHY.ReflectedOriginWithCredentials({ failedParameter: g.origin, origin: g.origin, pageOrigin: g.origin, stage: 'actual', credentials: true, method: '', redirected: false }),
    fix: {
      summary: 'Check the Origin against a fixed list of trusted origins before echoing it into Access-Control-Allow-Origin.',
      on: 'actual',
      header: 'Access-Control-Allow-Origin',
      value: g.origin,
      snippets: {},
    },
  };
  return { ...finding, why: `${finding.why} Evidence: ${evidence}.` };
}

/** Per server, the evidence of reflection its grants show (the first), if any. */
export function reflectingServers(grants: Iterable<ReflectionGrant>): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of grants) {
    if (out.has(g.server)) continue;
    const evidence = reflectionEvidence(g.origin);
    if (evidence) out.set(g.server, evidence);
  }
  return out;
}

/** A `null` grant already carries its own warning from the flow alone (warnings.ts). */
const warnedAlone = (g: ReflectionGrant) => g.origin === 'null';

/** Appends the warning to the evaluation of every grant of a server that showed it reflects. */
export function reflectionWarnings(flows: readonly Flow[], evaluations: Evaluation[]): Evaluation[] {
  const grants: { index: number; grant: ReflectionGrant }[] = [];
  evaluations.forEach((e, index) => {
    const grant = reflectionGrant(flows[index], e);
    if (grant) grants.push({ index, grant });
  });
  const reflecting = reflectingServers(grants.map((g) => g.grant));
  for (const { index, grant } of grants) {
    const evidence = reflecting.get(grant.server);
    if (evidence && !warnedAlone(grant)) evaluations[index]!.warnings.push(reflectionWarning(grant, evidence));
  }
  return evaluations;
}

/** Whether a grant gets the cross-flow warning, given the servers that showed they reflect. */
export function warnsFor(g: ReflectionGrant, reflecting: Map<string, string>): string | null {
  return warnedAlone(g) ? null : (reflecting.get(g.server) ?? null);
}
