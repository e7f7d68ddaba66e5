/**
 * Follows a flow hop by hop as Chromium's CORS loader does and stops at the first failure: the
 * CORS flag, Origin and tainting, Local Network Access, the preflight, the CORS check on every
 * response, and the redirect rules. Chromium: services/network/cors/cors_url_loader.cc
 * (StartRequest, OnReceiveRedirect, FollowRedirect, OnReceiveResponse).
 */
import type { AddressSpace, CorsError, Flow, Header, Hop, WireResponse } from '../model/index.ts';
import { corsCheck } from '../fetch/cors-check.ts';
import { safeHeaders } from '../fetch/http.ts';
import { isMorePrivate } from '../fetch/address-space.ts';
import { methodAfterRedirect } from '../fetch/method.ts';
import { isLocalNetworkError, isNetworkFailure } from '../fetch/network-error.ts';
import {
  isCorsEnabledScheme,
  isPotentiallyTrustworthy,
  isSameOrigin,
  normalizeOrigin,
  schemeOf,
} from '../fetch/origin.ts';
import { REDIRECT_LIMIT, headersAfterRedirect, isUnsafeRedirectTarget, redirectHasForbiddenCredentials, taintsOrigin } from '../fetch/redirect.ts';
import { REQUEST_BODY_HEADERS } from '../fetch/request-headers.ts';
import type { Tainting } from '../fetch/response-headers.ts';
import { hopUrl, redirectTarget, targetAddressSpace, wireOrigin, withInheritedFragment, type HopState } from './hop-state.ts';
import { judgePreflight } from './preflight-stage.ts';

export interface CorsFailure {
  code: CorsError;
  failedParameter: string;
  hop: number;
  stage: 'preflight' | 'actual';
  /** The URL Chromium names in its message (the request URL at that moment). */
  url: string;
  /** For Local Network Access messages: the resource's address space. */
  addressSpace?: AddressSpace;
  /** For InvalidLocalNetworkAccess: the address space the page declared (fetch's targetAddressSpace). */
  targetAddressSpace?: AddressSpace;
}

export interface Walk {
  outcome: 'allowed' | 'blocked' | 'not-cors' | 'failed' | 'pending';
  failure: CorsFailure | null;
  /** The network error that ended the flow, when the outcome is `failed`. */
  networkError: { error: string; hop: number; stage: 'preflight' | 'actual'; url: string } | null;
  originPerHop: (string | null)[];
  methodPerHop: string[];
  /** Per hop: the preflight the browser needed (and whether it was seen). */
  preflightPerHop: { needed: boolean; seen: boolean }[];
  /** Index of the hop whose response the page got (or would have got). */
  finalHop: number;
  finalResponse: WireResponse | null;
  tainting: Tainting;
  /** Origin the final response was checked against. */
  finalOrigin: string;
  authorizationCoveredByWildcardAt: number | null;
  /** A same-origin-mode request was redirected to another origin at this hop (Blink stops it). */
  sameOriginModeRedirectedAt: number | null;
  notes: string[];
}

/** The Origin header Chromium puts on a hop (null: none). cors_url_loader.cc StartRequest. */
function originHeader(flow: Flow, s: HopState): string | null {
  if (flow.request.mode === 'navigate') return null;
  if (s.corsFlag || (s.method !== 'GET' && s.method !== 'HEAD')) return s.tainted ? 'null' : normalizeOrigin(flow.request.origin);
  return null;
}

export function walk(flow: Flow): Walk {
  const req = flow.request;
  const pageOrigin = normalizeOrigin(req.origin);
  const hops: Hop[] = flow.hops;
  const w: Walk = {
    outcome: 'pending',
    failure: null,
    networkError: null,
    originPerHop: [],
    methodPerHop: [],
    preflightPerHop: [],
    finalHop: 0,
    finalResponse: null,
    tainting: 'basic',
    finalOrigin: pageOrigin,
    authorizationCoveredByWildcardAt: null,
    sameOriginModeRedirectedAt: null,
    notes: [],
  };
  const corsMode = req.mode === 'cors' || req.mode === 'same-origin';
  const s: HopState = {
    url: hopUrl(hops[0], req.url),
    method: req.method,
    headers: safeHeaders(req.headers),
    corsFlag: false,
    tainted: false,
    redirects: 0,
  };
  const block = (code: CorsError, failedParameter: string, hop: number, stage: 'preflight' | 'actual', url: string, extra: Partial<CorsFailure> = {}): Walk => {
    w.outcome = 'blocked';
    w.failure = { code, failedParameter, hop, stage, url, ...extra };
    return w;
  };
  const fail = (error: string, hop: number, stage: 'preflight' | 'actual', url: string): Walk => {
    w.outcome = 'failed';
    w.networkError = { error, hop, stage, url };
    return w;
  };
  const endWithoutResponse = (hop: Hop | undefined, i: number): Walk => {
    const error = hop?.error ?? flow.error;
    if (error === undefined || error === '') return w; // still in flight
    return fail(error, i, 'actual', s.url);
  };

  if (req.mode === 'navigate' || req.mode === 'websocket') w.notes.push(`A ${req.mode} request is not subject to the CORS check.`);
  // Blink refuses this combination before any request (checked in Chromium 156) — but only for
  // another origin: a same-origin (or data:) URL takes main fetch's basic path first, and a manual
  // redirect there gives the page an opaque-redirect response (random seed 20261203).
  if (req.mode === 'no-cors' && req.redirect !== undefined && req.redirect !== 'follow' && !isSameOrigin(pageOrigin, s.url) && schemeOf(s.url) !== 'data') {
    w.originPerHop.push(null);
    w.methodPerHop.push(s.method);
    w.preflightPerHop.push({ needed: false, seen: false });
    return block('NoCorsRedirectModeNotFollow', '', 0, 'actual', s.url);
  }

  // `virtual`: the flow ends at a redirect whose target the browser refused before any request, so
  // the next hop is not in flow.hops; findings then point at the redirect that led there.
  for (let i = 0, virtual = false; i < Math.max(hops.length, 1) || virtual; i++) {
    const hop = hops[i];
    const at = virtual ? i - 1 : i;
    virtual = false;
    w.finalHop = at;
    // The CORS flag, once set, stays set for the rest of the flow (SetCorsFlagIfNeeded).
    // data: URLs are fetched by Blink itself with basic tainting (fetch_manager.cc PerformDataFetch).
    if (!s.corsFlag && corsMode && !isSameOrigin(pageOrigin, s.url) && schemeOf(s.url) !== 'data') s.corsFlag = true;
    // A virtual hop (the target of a final redirect) is not recorded per hop.
    const real = at === i;
    if (real) {
      w.originPerHop.push(originHeader(flow, s));
      w.methodPerHop.push(s.method);
    }
    // The Origin the check compares with: what went on the wire, else what Chromium would send.
    const checkOrigin = wireOrigin(hop?.request?.headers) ?? (s.tainted ? 'null' : pageOrigin);
    const noPreflight = () => {
      if (real) w.preflightPerHop.push({ needed: false, seen: false });
    };

    if (s.corsFlag && !isCorsEnabledScheme(s.url)) {
      noPreflight();
      return block('CorsDisabledScheme', '', at, 'actual', s.url);
    }
    if (s.corsFlag && req.mode === 'same-origin') {
      if (i === 0) {
        noPreflight();
        return block('DisallowedByMode', '', i, 'actual', s.url);
      }
      // After a redirect Blink stops the load itself ("Unsafe attempt to load URL …"), with
      // net::ERR_ABORTED and no CorsError (Chromium 156). The target hop never happens.
      w.sameOriginModeRedirectedAt = at;
      if (real) {
        w.originPerHop.pop();
        w.methodPerHop.pop();
      }
      return fail('net::ERR_ABORTED', at, 'actual', s.url);
    }
    if (!hop) {
      noPreflight();
      return endWithoutResponse(hop, at);
    }

    // Local Network Access: checked when the connection is made, before anything is sent — so an
    // exchange that got an answer proves access was granted (or LNA was off in that browser).
    const client = req.initiatorAddressSpace;
    const target = targetAddressSpace(hop);
    const answered = !!hop.response || !!hop.preflight?.response;
    // Live, a refused request reports no IP (Chromium 156): its error alone says LNA refused it.
    const refusedByLna = !answered && isLocalNetworkError(hop.error ?? flow.error);
    // fetch()'s targetAddressSpace: a connection to another space than the one declared is refused
    // first, whatever the page's own space or context (checked in Chromium 156: a loopback page
    // declaring `local` or `public` to a loopback server; declaring `loopback` passes this check).
    const declared = req.targetAddressSpace;
    if (req.mode !== 'navigate' && declared && target && declared !== target && !answered) {
      if (!(hop.error ?? flow.error)) return w; // still connecting
      w.preflightPerHop.push({ needed: false, seen: !!hop.preflight });
      return block('InvalidLocalNetworkAccess', '', i, 'actual', s.url, { addressSpace: target, targetAddressSpace: declared });
    }
    if (req.mode !== 'navigate' && ((client && target && isMorePrivate(target, client) && !answered) || refusedByLna)) {
      if (!(hop.error ?? flow.error)) return w; // still connecting
      const code = isPotentiallyTrustworthy(pageOrigin) ? 'LocalNetworkAccessPermissionDenied' : 'InsecureLocalNetwork';
      w.preflightPerHop.push({ needed: false, seen: !!hop.preflight });
      // Without an IP the space is unknown; `local` (a private network) is the common case.
      return block(code, '', i, 'actual', s.url, { addressSpace: target ?? 'local' });
    }

    const pf = judgePreflight(flow, hop, s, checkOrigin, i);
    w.preflightPerHop.push({ needed: pf.needed, seen: !!hop.preflight });
    if (pf.note) w.notes.push(pf.note);
    if (pf.authorizationCoveredByWildcard && w.authorizationCoveredByWildcardAt === null) w.authorizationCoveredByWildcardAt = i;
    if (pf.failure) return block(pf.failure.code, pf.failure.failedParameter, i, 'preflight', s.url);
    if (pf.networkError) return fail(pf.networkError, i, 'preflight', s.url);
    if (pf.pending) return w;

    const response = hop.response;
    if (!response) return endWithoutResponse(hop, i);
    const headers = safeHeaders(response.headers);
    const location = redirectTarget(response, s.url);

    if (location !== null) {
      // OnReceiveRedirect: the CORS check on the redirect response comes first.
      if (s.corsFlag && corsMode) {
        const access = corsCheck(s.url, headers, req.credentials, checkOrigin);
        if (access) return block(access.code, access.failedParameter, i, 'actual', s.url);
      }
      if (req.redirect === 'manual') {
        // The page gets an opaque-redirect response: nothing readable, nothing followed.
        w.finalResponse = response;
        w.finalOrigin = checkOrigin;
        w.tainting = 'opaque';
        w.outcome = 'not-cors';
        w.notes.push('redirect: "manual" — the page gets an opaque-redirect response (status 0).');
        return w;
      }
      if (s.redirects++ === REDIRECT_LIMIT) return fail('net::ERR_TOO_MANY_REDIRECTS', i, 'actual', s.url);
      if (isUnsafeRedirectTarget(location)) return fail('net::ERR_UNSAFE_REDIRECT', i, 'actual', s.url);
      if (redirectHasForbiddenCredentials(location, req.mode, pageOrigin, s.corsFlag, s.tainted)) {
        return block('RedirectContainsCredentials', '', i, 'actual', s.url);
      }
      // redirect: "error" — a network error once the redirect passed the CORS check (Chromium 156).
      if (req.redirect === 'error') return fail(hop.error && hop.error !== '' ? hop.error : 'net::ERR_FAILED', i, 'actual', s.url);
      if (taintsOrigin(location, s.url, pageOrigin)) s.tainted = true;
      s.headers = headersAfterRedirect(s.headers, s.url, location);
      const method = methodAfterRedirect(Number(response.status), s.method);
      if (method !== s.method) s.headers = s.headers.filter((h: Header) => !REQUEST_BODY_HEADERS.includes(h.name.toLowerCase()));
      s.method = method;
      s.url = hopUrl(hops[i + 1], withInheritedFragment(location, s.url));
      // The flow stops at the redirect: look at the target once more (a refused scheme or mode).
      if (hops[i + 1] === undefined) virtual = true;
      continue;
    }

    // The final response.
    w.finalResponse = response;
    w.finalOrigin = checkOrigin;
    if (s.corsFlag && corsMode) {
      const access = corsCheck(s.url, headers, req.credentials, checkOrigin);
      if (access) return block(access.code, access.failedParameter, i, 'actual', s.url);
      w.tainting = 'cors';
      w.outcome = 'allowed';
    } else {
      const crossOrigin = s.tainted || !isSameOrigin(pageOrigin, s.url);
      w.tainting = req.mode === 'no-cors' && crossOrigin ? 'opaque' : 'basic';
      w.outcome = 'not-cors';
    }
    // Every check passed, yet the browser reports an error: the response never reached the page
    // (aborted, a broken body, or another policy such as ORB or CORP). That is not a CORS block.
    const error = hop.error ?? flow.error;
    // Opaque Response Blocking: for a no-cors response it will not hand over (empty, JSON, HTML…)
    // Chromium injects an empty response and cancels the load, which DevTools and webRequest report
    // as net::ERR_ABORTED. The page still gets its opaque response (checked in Chromium 156;
    // services/network/orb, ORB "v0.1" behaviour).
    if (error === 'net::ERR_ABORTED' && w.tainting === 'opaque') {
      w.notes.push('Chromium cut this opaque response short (Opaque Response Blocking, reported as net::ERR_ABORTED); the page gets an opaque response either way.');
      return w;
    }
    if (error) {
      if (!isNetworkFailure(error)) w.notes.push(`The browser reported ${error} although every CORS check passes: another policy stopped the response.`);
      return fail(error, i, 'actual', s.url);
    }
    return w;
  }
  return w;
}
