/**
 * Judging flows: one flow, or a sequence of flows carrying the cookie jar (see ./index.ts for the rest).
 * `evaluate` never throws: whatever a flow holds, it returns a verdict.
 */
import type { CookieOutcome, Evaluation, EvaluationContext, Finding, Flow, StoredCookie } from '../model/index.ts';
import { cookieOutcomes, nextJar } from '../cookies/index.ts';
import { safeHeaders } from '../fetch/http.ts';
import { nothingReadable, readability } from '../fetch/response-headers.ts';
import { classify } from './classify.ts';
import { errorFinding } from './findings.ts';
import { BLOCKED_IN_CHROME_ONLY_WHY } from '../explain/why.ts';
import { firefoxWalk } from './firefox-walk.ts';
import { sanitizeFlow } from './sanitize.ts';
import { summarize } from './summary.ts';
import { walk } from './walk.ts';
import { collectWarnings } from './warnings.ts';
import { reflectionWarnings } from './reflection.ts';

function lastResponseHeaders(flow: Flow) {
  for (let i = flow.hops.length - 1; i >= 0; i--) {
    const r = flow.hops[i]?.response;
    if (r) return safeHeaders(r.headers);
  }
  return [];
}

function cookiesOf(flow: Flow, ctx: EvaluationContext, corsAllowed: boolean): CookieOutcome[] {
  try {
    return cookieOutcomes(flow, ctx, { corsAllowed });
  } catch {
    return []; // a cookie bug must not take the CORS verdict down with it
  }
}

/** Judges one flow. */
export function judge(raw: Flow, ctx: EvaluationContext): Evaluation {
  const flow = sanitizeFlow(raw);
  const w = walk(flow);
  const firefox = firefoxWalk(flow);
  const chromeError: Finding | null = w.outcome === 'blocked' && w.failure ? errorFinding(flow, w, w.failure, firefox) : null;
  // Judged for Firefox, where Firefox's checks pass on the final response that Chromium blocks
  // (it reads header lines otherwise): Firefox's verdict, with Chrome's error kept as a warning.
  const firefoxOnly = ctx.browser === 'firefox' && chromeError !== null && firefox.passes && firefox.lines.length === 0;
  const verdict = firefoxOnly ? 'allowed' : w.outcome;
  const readable =
    verdict === 'allowed' || verdict === 'not-cors'
      ? firefoxOnly
        ? readability(lastResponseHeaders(flow), 'cors', flow.request.credentials)
        : readability(safeHeaders(w.finalResponse?.headers), w.tainting, flow.request.credentials)
      : nothingReadable(lastResponseHeaders(flow));
  const error: Finding | null = firefoxOnly ? null : chromeError;
  const warnings = collectWarnings(flow, w, firefox, readable, ctx.browser);
  if (firefoxOnly) {
    warnings.unshift({
      ...chromeError,
      code: 'BlockedInChromeOnly',
      severity: 'warning',
      messages: { chrome: chromeError.messages.chrome, firefox: null },
      why: `${BLOCKED_IN_CHROME_ONLY_WHY} Chrome: ${chromeError.why}`,
    });
  }
  const evaluation: Evaluation = {
    flowId: flow.id,
    verdict,
    error,
    warnings,
    classification: classify(flow, w),
    readableResponseHeaders: readable.names,
    readable: readable.readable,
    hiddenResponseHeaders: readable.hidden,
    cookies: cookiesOf(flow, ctx, verdict === 'allowed' || verdict === 'not-cors'),
    summary: '',
  };
  evaluation.summary = summarize(flow, w, evaluation);
  return evaluation;
}

function fallback(raw: unknown, e: unknown): Evaluation {
  const id = raw && typeof raw === 'object' && typeof (raw as Flow).id === 'string' ? (raw as Flow).id : '';
  return {
    flowId: id,
    verdict: 'failed',
    error: null,
    warnings: [],
    classification: {
      crossOrigin: false,
      sameSite: false,
      needsPreflight: false,
      preflightReasons: [],
      requestHeadersForPreflight: '',
      originPerHop: [],
    },
    readableResponseHeaders: [],
    readable: [],
    hiddenResponseHeaders: [],
    cookies: [],
    summary: `cors-lens could not evaluate this flow (${e instanceof Error ? e.message : String(e)}); please report it with the flow attached.`,
  };
}

export function evaluate(flow: Flow, ctx: EvaluationContext): Evaluation {
  try {
    return judge(flow, ctx);
  } catch (e) {
    return fallback(flow, e);
  }
}

/** Evaluates flows in order, carrying the cookie jar from one flow's Set-Cookie to the next (via src/cookies). */
export function evaluateAll(flows: readonly Flow[], ctx: EvaluationContext): Evaluation[] {
  let jar: StoredCookie[] = [...(ctx.cookieJar ?? [])];
  const out: Evaluation[] = [];
  for (const flow of flows) {
    const here = { ...ctx, cookieJar: jar };
    out.push(evaluate(flow, here));
    try {
      jar = nextJar(jar, sanitizeFlow(flow), here);
    } catch {
      // keep the jar as it was: one bad Set-Cookie must not stop the rest
    }
  }
  return reflectionWarnings(flows, out);
}
