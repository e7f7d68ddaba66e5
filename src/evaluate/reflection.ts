/**
 * Reflecting any origin with credentials shows only across flows: one server that grants several
 * different origins, each exactly the Origin it received, with credentials allowed.
 */
import type { Evaluation, Finding, Flow } from '../model/index.ts';
import { normalizedHeader, safeHeaders } from '../fetch/http.ts';
import { originOf } from '../fetch/origin.ts';
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

/** The warning for one grant of a server that granted two origins or more. */
export function reflectionWarning(g: ReflectionGrant): Finding {
  return {
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
}

/** Appends the warning to the evaluation of every grant of a server that granted two origins or more. */
export function reflectionWarnings(flows: readonly Flow[], evaluations: Evaluation[]): Evaluation[] {
  const byServer = new Map<string, { index: number; grant: ReflectionGrant }[]>();
  evaluations.forEach((e, index) => {
    const grant = reflectionGrant(flows[index], e);
    if (grant) byServer.set(grant.server, [...(byServer.get(grant.server) ?? []), { index, grant }]);
  });
  for (const grants of byServer.values()) {
    if (new Set(grants.map((g) => g.grant.origin)).size < 2) continue;
    for (const g of grants) evaluations[g.index]!.warnings.push(reflectionWarning(g.grant));
  }
  return evaluations;
}
