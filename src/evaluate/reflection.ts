/**
 * Reflecting any origin with credentials shows only across flows: one server that grants several
 * different origins, each exactly the Origin it received, with credentials allowed.
 */
import type { Evaluation, Flow } from '../model/index.ts';
import { normalizedHeader, safeHeaders } from '../fetch/http.ts';
import { originOf } from '../fetch/origin.ts';
import { WHY } from '../explain/why.ts';

export function reflectionWarnings(flows: readonly Flow[], evaluations: Evaluation[]): Evaluation[] {
  const byServer = new Map<string, { index: number; origin: string; hop: number; url: string }[]>();
  evaluations.forEach((e, index) => {
    const flow = flows[index];
    if (!flow || e.verdict !== 'allowed' || flow.request?.credentials !== 'include') return;
    const hop = flow.hops.length - 1;
    const h = flow.hops[hop];
    const headers = safeHeaders(h?.response?.headers);
    const allow = normalizedHeader(headers, 'Access-Control-Allow-Origin');
    const sent = e.classification.originPerHop[hop];
    if (!h || !allow || allow !== sent || normalizedHeader(headers, 'Access-Control-Allow-Credentials') !== 'true') return;
    const server = originOf(h.request.url);
    byServer.set(server, [...(byServer.get(server) ?? []), { index, origin: allow, hop, url: h.request.url }]);
  });
  for (const grants of byServer.values()) {
    if (new Set(grants.map((g) => g.origin)).size < 2) continue;
    for (const g of grants) {
      const e = evaluations[g.index]!;
      e.warnings.push({
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
      });
    }
  }
  return evaluations;
}
