/**
 * Cookie outcomes of a flow: for every hop, the cookies its preflight and actual request carried
 * or had withheld (direction `send`), and what became of each Set-Cookie line of their responses
 * (direction `set`), with Chromium's reason names. The jar is carried hop by hop: a cookie set by
 * a redirect is sent on the next hop. Nothing here throws, whatever the flow or jar holds.
 */
import type { CookieOutcome, EvaluationContext, Exchange, Flow, Header, Hop, StoredCookie } from '../model/index.ts';
import { headerValues, getHeader } from '../model/index.ts';
import { credentialedHops, requestCookieContext, type Browser } from './context.ts';
import { sanitizeJar, storeCookie, withoutExpired } from './jar.ts';
import { setCookieLines } from './parse.ts';
import { judgeSetCookie } from './set.ts';
import { judgeSends, preflightSends, type SendInput } from './send.ts';

export { chromiumView, inChromiumOrder, OWN_REASONS, SET_COOKIE_BLOCKED_REASONS, COOKIE_BLOCKED_REASONS } from './reasons.ts';
export type { ChromiumView } from './reasons.ts';
export { chromeDevToolsText, firefoxMessage } from './browser-texts.ts';

interface Run {
  outcomes: CookieOutcome[];
  jar: StoredCookie[];
}

function setCookieLinesOf(exchange: Exchange): string[] {
  return headerValues(exchange.response?.headers, 'set-cookie').flatMap(setCookieLines);
}

function dateOf(headers: readonly Header[] | undefined): number | undefined {
  const d = getHeader(headers, 'date');
  const t = d === null ? NaN : Date.parse(d);
  return Number.isFinite(t) ? t : undefined;
}

function run(flow: Flow, ctx: EvaluationContext, corsAllowed: boolean): Run {
  const browser: Browser = ctx?.browser === 'firefox' ? 'firefox' : 'chrome';
  const thirdPartyCookies: EvaluationContext['thirdPartyCookies'] = ctx?.thirdPartyCookies === 'blocked' ? 'blocked' : 'allowed';
  const now = typeof ctx?.now === 'number' && Number.isFinite(ctx.now) ? ctx.now : undefined;
  let jar = withoutExpired(sanitizeJar(ctx?.cookieJar), now);
  const hops: Hop[] = Array.isArray(flow?.hops) ? flow.hops.filter((h) => !!h && typeof h === 'object') : [];
  const safeFlow: Flow = { ...flow, hops };
  const credentialed = credentialedHops(safeFlow);
  const credentialsMode = String(flow.request?.credentials ?? 'same-origin');
  const lastWithResponse = hops.reduce((last, h, i) => (h.response ? i : last), -1);
  const outcomes: CookieOutcome[] = [];
  let crossedSites = false;

  hops.forEach((hop, i) => {
    const url = String(hop.request?.url ?? '');
    const method = String(hop.request?.method ?? flow.request?.method ?? 'GET');
    const reqCtx = requestCookieContext(safeFlow, url, method, credentialed[i] ?? false, browser);
    const cookieValues = headerValues(hop.request?.headers, 'cookie');
    const sendInput: SendInput = {
      hop: i,
      ctx: reqCtx,
      jar,
      cookieHeader: cookieValues.length > 0 ? cookieValues.join('; ') : null,
      browser,
      thirdPartyCookies,
      now,
      credentialsMode,
      afterCrossSiteRedirect: crossedSites,
    };
    const actualSends = judgeSends(sendInput);
    const common = { hop: i, ctx: reqCtx, browser, thirdPartyCookies, now, credentialsMode };

    if (hop.preflight) {
      outcomes.push(...preflightSends(actualSends, sendInput));
      for (const line of setCookieLinesOf(hop.preflight)) {
        const d = judgeSetCookie({ ...common, line, stage: 'preflight', jar, serverDate: undefined, corsAllowed: true });
        outcomes.push(d.outcome);
      }
    }
    if (hop.sent !== false || hop.response) outcomes.push(...actualSends);
    if (hop.response) {
      const serverDate = dateOf(hop.response.headers);
      const allowed = i === lastWithResponse ? corsAllowed : true;
      for (const line of setCookieLinesOf(hop)) {
        const d = judgeSetCookie({ ...common, line, stage: 'actual', jar, serverDate, corsAllowed: allowed });
        outcomes.push(d.outcome);
        if (d.change) jar = storeCookie(jar, d.change.cookie, d.change.deletes);
      }
    }
    if (reqCtx.thirdParty) crossedSites = true;
  });
  return { outcomes, jar };
}

/** Outcome of every Set-Cookie on every hop (direction 'set') and of every cookie sent or withheld on every hop (direction 'send'). */
export function cookieOutcomes(flow: Flow, ctx: EvaluationContext, opts: { corsAllowed: boolean }): CookieOutcome[] {
  try {
    return run(flow, ctx, opts?.corsAllowed !== false).outcomes;
  } catch {
    // A flow shaped unlike the model (hostile input): no cookie outcomes rather than a crash.
    return [];
  }
}

/** The jar after this flow: ctx.cookieJar plus what the flow's Set-Cookie lines stored (and minus what they deleted/expired). */
export function nextJar(jar: readonly StoredCookie[], flow: Flow, ctx: EvaluationContext): StoredCookie[] {
  try {
    return run(flow, { ...ctx, cookieJar: jar }, true).jar;
  } catch {
    return sanitizeJar(jar);
  }
}
