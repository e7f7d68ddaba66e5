import type { CookieOutcome, EvaluationContext, Flow, StoredCookie } from '../model/index.ts';

/** Outcome of every Set-Cookie on every hop (direction 'set') and of every cookie sent or withheld on every hop (direction 'send'). */
export function cookieOutcomes(flow: Flow, ctx: EvaluationContext, opts: { corsAllowed: boolean }): CookieOutcome[] {
  void flow;
  void ctx;
  void opts;
  return []; // filled in by the following commits
}

/** The jar after this flow: ctx.cookieJar plus what the flow's Set-Cookie lines stored (and minus what they deleted/expired). */
export function nextJar(jar: readonly StoredCookie[], flow: Flow, ctx: EvaluationContext): StoredCookie[] {
  void flow;
  void ctx;
  return [...jar];
}
