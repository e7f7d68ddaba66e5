/**
 * What Playwright's HAR recorder (`recordHar`, packages/playwright-core/src/server/har/harTracer.ts)
 * leaves out, written into the flow as inferences — checked against Playwright 1.65 with
 * Chromium 156 (test/fixtures/har/playwright-chromium-*.har):
 * - no preflights: Playwright keeps only requests tied to a frame, and Chromium's preflights are not;
 * - no response for a failed request: Chromium sends no `Network.responseReceived` for a response
 *   the CORS check failed, so the entry has status -1, no headers, no server IP and
 *   `_failureText: "net::ERR_FAILED"`; its request headers are the provisional ones (no Origin);
 * - routes: `route.fulfill` answers in place of the server (`_wasFulfilled`); `route.abort` fails
 *   the request with net::ERR_FAILED by default (`_wasAborted`), the error CORS blocks also give;
 *   and Playwright answers the preflight of a routed request itself, allowing it (crNetworkManager.ts,
 *   seen with Chromium 156: the server got no OPTIONS).
 */
import type { Flow } from '../model/flow.ts';
import type { HarLogInfo } from '../har/read.ts';
import { isPolicyError } from '../fetch/network-error.ts';
import { isSameOrigin, normalizeOrigin } from '../fetch/origin.ts';
import { preflightNeed } from '../fetch/preflight.ts';

export function isPlaywrightHar(log: HarLogInfo): boolean {
  return /^playwright$/i.test(log.creator?.name ?? '');
}

/** What a Playwright entry says about routes. */
export interface RouteFlags {
  fulfilled?: boolean;
  aborted?: boolean;
  continued?: boolean;
}

/**
 * Adds to a flow built from a Playwright HAR what the file cannot show, and sets `sent` on a hop
 * whose response Playwright dropped when the request must have gone out. `routedPage`: some entry
 * of the flow's page went through a route, so routes were set there.
 */
export function withPlaywrightGaps(flow: Flow, routes: readonly RouteFlags[], routedPage: boolean): Flow {
  const req = flow.request;
  const crossOriginCors = req.mode === 'cors' && flow.hops.some((h) => !isSameOrigin(normalizeOrigin(req.origin), h.request.url));
  const need = preflightNeed(req.method, req.headers);
  if (crossOriginCors && need.needed) {
    const why = need.reasons.map((r) => r.subject).join(', ');
    // crNetworkManager.ts: an intercepted preflight is fulfilled by Playwright whenever the page or context has a route.
    const routed = routedPage
      ? '. Routes were set on this page, and while any route is set Playwright answers every preflight itself, allowing it: the server was likely never asked'
      : '';
    flow.inferred.push({
      field: 'preflight',
      from: `Playwright's HAR records no preflights: this request needed one (${why}), but whether it was sent or served from the preflight cache, and what it answered, is not in the file${routed}`,
    });
  }
  const last = flow.hops.at(-1)!;
  const error = last.error ?? flow.error;
  const aborted = routes.at(-1)?.aborted === true;
  if (!last.response && crossOriginCors && isPolicyError(error) && !aborted) {
    // A request that needs no preflight is refused by CORS only on its response (cors_url_loader.cc
    // OnReceiveResponse): it was on the wire.
    if (!need.needed) last.sent = true;
    flow.inferred.push({
      field: 'response',
      from: `Playwright's HAR keeps no response for a failed request (status -1, _failureText ${error}). Chromium fails a request blocked by CORS with ${error}, but which check failed is not in the file: ${
        need.needed ? 'neither the preflight nor any response was recorded' : 'the response (and its headers) arrived but was not recorded'
      }`,
    });
  }
  routes.forEach((r, i) => {
    const hop = flow.hops.length > 1 ? ` (hop ${i + 1})` : '';
    if (r.fulfilled) {
      flow.inferred.push({ field: 'response', from: `a Playwright route answered the request${hop} (route.fulfill): the response is the test's, not the server's` });
    } else if (r.aborted) {
      flow.inferred.push({
        field: 'response',
        from: `a Playwright route aborted the request${hop} (route.abort): its error${error ? ` (${error})` : ''} is the test's, not the browser's verdict`,
      });
    } else if (r.continued) {
      flow.inferred.push({ field: 'headers', from: `a Playwright route let the request through${hop} (route.continue): the headers recorded may be the route's overrides` });
    }
  });
  return flow;
}
