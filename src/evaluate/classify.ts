/** The flow's classification: cross-origin, same-site, preflight and why, and the Origin per hop. */
import type { Classification, Flow, PreflightReason } from '../model/index.ts';
import { safeHeaders } from '../fetch/http.ts';
import { isSameOrigin, normalizeOrigin } from '../fetch/origin.ts';
import { preflightNeed } from '../fetch/preflight.ts';
import { accessControlRequestHeaders } from '../fetch/request-headers.ts';
import { isSameSite } from '../fetch/site.ts';
import type { Walk } from './walk.ts';

export function classify(flow: Flow, w: Walk): Classification {
  const pageOrigin = normalizeOrigin(flow.request.origin);
  const url = flow.hops[0]?.request?.url ?? flow.request.url;
  const crossOrigin = !isSameOrigin(pageOrigin, url);
  const corsMode = flow.request.mode === 'cors';
  const headers = safeHeaders(flow.request.headers);
  const first = preflightNeed(flow.request.method, headers);
  const reasons: PreflightReason[] = [];
  const firstNeeds = corsMode && crossOrigin && first.needed;
  if (firstNeeds) reasons.push(...first.reasons);
  w.preflightPerHop.forEach((p, i) => {
    if (i > 0 && p.needed) {
      reasons.push({
        kind: 'redirect',
        subject: w.methodPerHop[i] ?? flow.request.method,
        detail: `After redirect ${i}, the request is preflighted again at the new URL.`,
      });
    }
  });
  const needsPreflight = firstNeeds || w.preflightPerHop.some((p) => p.needed);
  return {
    crossOrigin,
    sameSite: isSameSite(pageOrigin, url),
    needsPreflight,
    preflightReasons: reasons,
    requestHeadersForPreflight: needsPreflight ? accessControlRequestHeaders(headers) : '',
    originPerHop: w.originPerHop,
  };
}
