/** The one-line summary shown in lists. */
import type { Evaluation, Flow } from '../model/index.ts';
import { isPolicyError } from '../fetch/network-error.ts';
import { isSameOrigin, normalizeOrigin } from '../fetch/origin.ts';
import { SHORT } from '../explain/short.ts';
import type { Walk } from './walk.ts';

/**
 * Firefox prints "Cross-Origin Request Blocked … (Reason: CORS request did not succeed)" for any
 * network failure of a cross-origin request (checked in firefox-esr 153), which misleads people.
 */
function firefoxWording(flow: Flow, w: Walk): string {
  const url = w.networkError?.url ?? flow.request.url;
  const crossOrigin = flow.request.mode === 'cors' && !isSameOrigin(normalizeOrigin(flow.request.origin), url);
  const net = w.networkError?.error ?? '';
  return crossOrigin && !net.startsWith('NS_') && !w.notes.some((n) => n.includes('another policy'))
    ? ' (Firefox words such a failure as “CORS request did not succeed”.)'
    : '';
}

/** The hop needed a preflight that the capture does not hold, and no cached one stood in. */
function preflightUnseen(flow: Flow, w: Walk, hop: number): boolean {
  const pf = w.preflightPerHop[hop];
  return !!pf && pf.needed && !pf.seen && !flow.preflightCacheHit && !flow.hops[hop]?.response;
}

/**
 * A cross-origin request ended by the error browsers give a CORS block (net::ERR_FAILED), with no
 * response captured: Playwright's HAR keeps none for a failed request, so the headers that would
 * say why are missing.
 */
function responseUnseen(flow: Flow, w: Walk): boolean {
  const e = w.networkError;
  if (!e || e.stage !== 'actual' || !isPolicyError(e.error) || flow.hops[e.hop]?.response) return false;
  return flow.request.mode === 'cors' && !isSameOrigin(normalizeOrigin(flow.request.origin), e.url);
}

export function summarize(flow: Flow, w: Walk, e: Evaluation): string {
  const target = `${flow.request.method} ${flow.request.url}`;
  switch (e.verdict) {
    case 'allowed':
      return `Allowed: ${target}${e.classification.needsPreflight ? ' (preflighted)' : ''} passed the CORS checks.`;
    case 'blocked': {
      const f = w.failure!;
      const short = SHORT[f.code];
      const where = f.stage === 'preflight' ? 'on the preflight' : f.hop > 0 ? `on the response after redirect ${f.hop}` : 'on the response';
      return short.includes('preflight') ? `Blocked: ${short}.` : `Blocked: ${short} (${where}).`;
    }
    case 'not-cors':
      if (flow.request.mode === 'no-cors' && w.tainting === 'opaque') return `Not checked by CORS: no-cors request, the page gets an opaque response.`;
      if (flow.request.redirect === 'manual' && w.tainting === 'opaque') return `Not checked further: redirect "manual", the page gets an opaque-redirect response.`;
      if (flow.request.mode === 'navigate' || flow.request.mode === 'websocket') return `Not checked by CORS: ${flow.request.mode} request.`;
      return `Not checked by CORS: same-origin request.`;
    case 'failed':
      if (!w.networkError) return `Failed: ${w.notes.at(-1) ?? 'the request did not complete.'}`;
      // Without the preflight the capture cannot tell a CORS refusal from a network failure.
      if (preflightUnseen(flow, w, w.networkError.hop)) {
        return `Failed: ${w.networkError.error}. The request needed a preflight, but none was captured, so whether CORS refused it cannot be told.${firefoxWording(flow, w)}`;
      }
      if (responseUnseen(flow, w)) {
        return `Failed: ${w.networkError.error}, and no response was captured. Browsers end a request blocked by CORS this way, so whether and why CORS refused it cannot be told.`;
      }
      return `Failed: ${w.networkError.error} — not a CORS block.${w.notes.length ? ` ${w.notes.at(-1)}` : ''}${firefoxWording(flow, w)}`;
    case 'pending':
      return w.notes.length ? `In flight: ${w.notes.at(-1)}` : 'No response recorded: the request was still in flight, or it failed without the capture recording an error.';
  }
}
