/**
 * `cors-lens check <url> --origin <origin>`: plays the browser against a live server — the
 * preflight when one is needed, the actual request, each redirect (with the tainted origin and a
 * new preflight where Fetch asks for one) — stopping where the browser would stop, then judges
 * the recorded flow exactly as a captured one.
 */
import { corsCheck } from '../fetch/cors-check.ts';
import { methodAfterRedirect, normalizeMethod } from '../fetch/method.ts';
import { isSameOrigin, normalizeOrigin } from '../fetch/origin.ts';
import { checkPreflightResponse, preflightNeed } from '../fetch/preflight.ts';
import { headersAfterRedirect, isUnsafeRedirectTarget, REDIRECT_LIMIT, redirectHasForbiddenCredentials, taintsOrigin } from '../fetch/redirect.ts';
import { isForbiddenRequestHeader, REQUEST_BODY_HEADERS } from '../fetch/request-headers.ts';
import { locationOf } from '../correlate/headers.ts';
import type { BrowserName, Exchange, Flow, Header, Hop, PageRequest } from '../model/index.ts';
import { actualHeaders, preflightHeaders } from './browser-request.ts';
import type { Transport } from './transport.ts';

export interface CheckInput {
  url: string;
  origin: string;
  method: string;
  headers: Header[];
  credentials: boolean;
  browser: BrowserName;
  cookie?: string;
}

export { parseHeaderOption } from './check-options.ts';

/** Chromium's network error for a request CORS stopped. */
const CORS_FAILED = 'net::ERR_FAILED';

export async function runCheck(input: CheckInput, send: Transport): Promise<Flow> {
  const origin = normalizeOrigin(input.origin);
  const method = normalizeMethod(input.method);
  const request: PageRequest = {
    url: new URL(input.url).href,
    method,
    headers: input.headers.filter((h) => !isForbiddenRequestHeader(h.name, h.value)),
    mode: 'cors',
    credentials: input.credentials ? 'include' : 'same-origin',
    initiatorType: 'fetch',
    origin,
  };
  const flow: Flow = { id: 'check', request, hops: [], inferred: [], browser: { name: input.browser }, source: 'cors-lens check' };
  let url = request.url;
  let hopMethod = method;
  // A page cannot set forbidden headers: fetch() drops them silently (Fetch "headers/append").
  let headers = input.headers.filter((h) => !isForbiddenRequestHeader(h.name, h.value));
  let tainted = false;

  for (let i = 0; i <= REDIRECT_LIMIT; i++) {
    const hopOrigin = tainted ? 'null' : origin;
    const cross = hopOrigin === 'null' || !isSameOrigin(hopOrigin, url);
    const hop: Hop = { request: { url, method: hopMethod, headers: [] }, sent: false };
    flow.hops.push(hop);

    if (cross && preflightNeed(hopMethod, headers).needed) {
      const pre: Exchange = { request: { url, method: 'OPTIONS', headers: preflightHeaders(request, url, hopOrigin, hopMethod, headers) } };
      const got = await send('OPTIONS', url, pre.request.headers);
      hop.preflight = pre;
      if ('error' in got) {
        pre.error = got.error;
        flow.error = got.error;
        return flow;
      }
      pre.response = got.response;
      const r = got.response;
      const redirected = r.status >= 300 && r.status < 400;
      const outcome = checkPreflightResponse({ url, status: r.status, headers: r.headers, method: hopMethod, requestHeaders: headers, credentials: request.credentials, origin: hopOrigin });
      if (redirected || outcome.failure) {
        flow.error = CORS_FAILED;
        return flow;
      }
    }

    hop.request.headers = actualHeaders(request, url, hopOrigin, hopMethod, headers, input.credentials || !cross ? (input.cookie ?? null) : null);
    const got = await send(hopMethod, url, hop.request.headers);
    if ('error' in got) {
      hop.error = got.error;
      flow.error = got.error;
      return flow;
    }
    hop.sent = true;
    const r = got.response;
    // What Chromium follows: a redirect status with a non-empty Location (a 300 goes to the page).
    const next = locationOf(url, r.status, r.headers) ?? null;
    if (next) r.redirectURL = next;
    hop.response = r;
    if (cross && corsCheck(url, r.headers, request.credentials, hopOrigin)) {
      hop.error = CORS_FAILED;
      flow.error = CORS_FAILED;
      return flow;
    }
    if (!next) return flow;
    if (i === REDIRECT_LIMIT) break;
    // Targets the browser refuses before sending anything there (cors_url_loader.cc OnReceiveRedirect):
    // data:, file: and the like (net error), a user name or password, any other non-HTTP scheme (CORS).
    if (isUnsafeRedirectTarget(next)) {
      flow.error = 'net::ERR_UNSAFE_REDIRECT';
      return flow;
    }
    if (redirectHasForbiddenCredentials(next, 'cors', origin, cross, tainted) || !/^https?:$/.test(new URL(next).protocol)) {
      flow.error = CORS_FAILED;
      return flow;
    }
    // Fetch §4.4 HTTP-redirect fetch: method rewrite, body headers dropped, Authorization dropped
    // across origins, origin tainted.
    headers = headersAfterRedirect(headers, url, next);
    const nextMethod = methodAfterRedirect(r.status, hopMethod);
    if (nextMethod !== hopMethod) headers = headers.filter((h) => !REQUEST_BODY_HEADERS.includes(h.name.toLowerCase()));
    if (!tainted && taintsOrigin(next, url, origin)) tainted = true;
    hopMethod = nextMethod;
    url = next;
  }
  flow.error = 'net::ERR_TOO_MANY_REDIRECTS';
  return flow;
}
