/**
 * The preflight step of one hop: is a preflight needed, was it seen, and did it let the actual
 * request through. Chromium: services/network/cors/preflight_controller.cc.
 */
import type { Flow, Hop } from '../model/index.ts';
import type { CheckFailure } from '../fetch/cors-check.ts';
import { blinkHeaderOrder } from '../fetch/blink-header-order.ts';
import { lowerAscii, safeHeaders } from '../fetch/http.ts';
import { hasHeader } from '../model/index.ts';
import { checkPreflightResponse, preflightNeed } from '../fetch/preflight.ts';
import { isForbiddenRequestHeader } from '../fetch/request-headers.ts';
import { isPotentiallyTrustworthy } from '../fetch/origin.ts';
import type { HopState } from './hop-state.ts';
import { redirectTarget, wireOrigin } from './hop-state.ts';

export interface PreflightStage {
  needed: boolean;
  failure: CheckFailure | null;
  /** A network error ended the preflight (not a CORS failure). */
  networkError: string | null;
  /** The preflight has not answered yet. */
  pending: boolean;
  authorizationCoveredByWildcard: boolean;
  note: string | null;
}

/** The order Chromium keeps this request's headers in (which disallowed header it names first). */
function headerOrder(flow: Flow): string[] {
  // Forbidden headers never reach Blink's header map: fetch() drops them, XHR refuses them.
  const author = flow.request.headers.filter((h) => !isForbiddenRequestHeader(h.name, h.value)).map((h) => lowerAscii(h.name));
  const wire = flow.hops[0]?.request?.headers ?? [];
  const bodyContentType = !author.includes('content-type') && (flow.request.hasBody === true || hasHeader(wire, 'content-type'));
  const initiator = flow.request.initiatorType === 'xmlhttprequest' ? 'xmlhttprequest' : 'fetch';
  // Blink adds the UA client hints to requests for potentially trustworthy URLs (Chromium 156).
  const clientHints = isPotentiallyTrustworthy(flow.hops[0]?.request?.url ?? flow.request.url);
  return blinkHeaderOrder({ names: author, initiator, bodyContentType, clientHints });
}

export function judgePreflight(flow: Flow, hop: Hop, s: HopState, origin: string, index: number): PreflightStage {
  const out: PreflightStage = {
    needed: false,
    failure: null,
    networkError: null,
    pending: false,
    authorizationCoveredByWildcard: false,
    note: null,
  };
  if (!s.corsFlag || flow.request.mode !== 'cors') return out;
  out.needed = preflightNeed(s.method, s.headers).needed;
  if (!out.needed) return out;

  const pf = hop.preflight;
  if (!pf) {
    const hit = flow.preflightCacheHit;
    if (hit) {
      const age = hit.maxAgeSeconds === null ? '' : `, Access-Control-Max-Age ${hit.maxAgeSeconds} s`;
      out.note = `Hop ${index + 1}: no preflight was sent; the browser used the cached result of flow ${hit.flowId}'s preflight${age}.`;
      return out;
    }
    if (hop.response) {
      // Sent without a preflight in sight: one made before the capture began was cached, or the capture missed it.
      out.note = `Hop ${index + 1}: no preflight was captured, yet the request was sent: the browser had a cached preflight result from before the capture began (Chromium keeps them up to 2 hours), or the capture missed the preflight.`;
      return out;
    }
    out.note = `Hop ${index + 1}: the request needed a preflight, but none was captured; the reason it failed cannot be told.`;
    return out;
  }
  const response = pf.response;
  if (!response) {
    if (pf.error) out.networkError = pf.error;
    else if (!hop.error && !flow.error) out.pending = true;
    else out.networkError = hop.error ?? flow.error ?? null;
    return out;
  }
  // A redirected preflight fails before its headers are looked at.
  if (redirectTarget(response, pf.request?.url ?? s.url) !== null) {
    out.failure = { code: 'PreflightDisallowedRedirect', failedParameter: '' };
    return out;
  }
  const result = checkPreflightResponse({
    url: s.url,
    status: Number(response.status),
    headers: safeHeaders(response.headers),
    method: s.method,
    requestHeaders: s.headers,
    credentials: flow.request.credentials,
    // The Origin the preflight itself carried, when the capture saw it.
    origin: wireOrigin(pf.request?.headers) ?? origin,
    headerOrder: headerOrder(flow),
  });
  out.failure = result.failure;
  out.authorizationCoveredByWildcard = result.authorizationCoveredByWildcard;
  return out;
}
