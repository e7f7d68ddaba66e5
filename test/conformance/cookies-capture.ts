/**
 * Cookie outcomes as Chromium reported them: every Set-Cookie line on every response (stored, or
 * listed in `responseReceivedExtraInfo.blockedCookies` with its reasons) and every cookie Chromium
 * associated with a request (`requestWillBeSentExtraInfo.associatedCookies`: sent, or withheld with
 * reasons). Audits CookieIssue warnings are attached to the cookie they name.
 */
import type { Protocol } from 'devtools-protocol';
import type { Hop, StoredCookie } from '../../src/model/index.ts';
import { parseSetCookie } from '../../src/cookies/parse.ts';
import type { CapturedRequest } from './cdp-capture.ts';
import type { RecordedCookie } from './recording.ts';

/** Name and value of a Set-Cookie line as RFC 6265bis §5.6 parses them (no `=`: the name is empty). */
export function setCookiePair(line: string): { name: string; value: string } {
  const pair = line.split(';', 1)[0] ?? '';
  const eq = pair.indexOf('=');
  return eq < 0 ? { name: '', value: pair.trim() } : { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
}

/**
 * The line expires the cookie on arrival (Max-Age ≤ 0, or no valid Max-Age and an Expires in the
 * past): Chromium accepts it as a deletion, so it is never in the jar and never reported blocked.
 */
export function deletesOnArrival(line: string, now = Date.now()): boolean {
  const p = parseSetCookie(line);
  if (!p.ok) return false;
  if (p.maxAge !== undefined) return p.maxAge <= 0;
  return p.expires !== undefined && p.expires < now;
}

export function setCookieName(line: string): string {
  return setCookiePair(line).name;
}

function setOutcomes(
  hopIndex: number,
  stage: 'preflight' | 'actual',
  hop: { response?: { headers: { name: string; value: string }[] } },
  extra: Protocol.Network.ResponseReceivedExtraInfoEvent | undefined,
  jarAfter: StoredCookie[],
  /** Names set by Set-Cookie lines that came after this response's lines (or later in it). */
  laterNamesOf: (raw: string) => Set<string>,
): RecordedCookie[] {
  const lines = (hop.response?.headers ?? []).filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
  const blocked = [...(extra?.blockedCookies ?? [])];
  return lines.map((raw) => {
    const laterNames = laterNamesOf(raw);
    const i = blocked.findIndex((b) => b.cookieLine === raw);
    const b = i >= 0 ? blocked.splice(i, 1)[0] : undefined;
    const out: RecordedCookie = {
      direction: 'set',
      name: b?.cookie?.name ?? setCookieName(raw),
      hop: hopIndex,
      stage,
      outcome: b && b.blockedReasons.length > 0 ? 'blocked' : 'allowed',
      reasons: [...(b?.blockedReasons ?? [])].sort(),
      raw,
    };
    // Chromium drops some lines without reporting them (a preflight's, Partitioned without Secure):
    // whether the cookie is in the jar afterwards tells.
    // A later line of the same flow with the same name may have overwritten it; that is no drop.
    const { name, value } = setCookiePair(raw);
    out.stored = jarAfter.some((c) => c.name === name && (c.value === value || laterNames.has(name)));
    if (out.outcome === 'allowed' && !out.stored && deletesOnArrival(raw)) out.deletes = true;
    // Which of two lines of one name put the cookie in the jar (a preflight's and the actual
    // response's, say) the jar cannot tell.
    if (out.outcome === 'allowed' && laterNames.has(name)) {
      out.overwritable = true;
      delete out.stored;
    }
    if (b?.cookie) {
      out.domain = b.cookie.domain;
      out.path = b.cookie.path;
    }
    return out;
  });
}

function sendOutcomes(hopIndex: number, stage: 'preflight' | 'actual', extra: Protocol.Network.RequestWillBeSentExtraInfoEvent | undefined): RecordedCookie[] {
  return (extra?.associatedCookies ?? []).map((a) => ({
    direction: 'send' as const,
    name: a.cookie.name,
    hop: hopIndex,
    stage,
    outcome: a.blockedReasons.length > 0 ? ('blocked' as const) : ('allowed' as const),
    reasons: [...a.blockedReasons].sort(),
    domain: a.cookie.domain,
    path: a.cookie.path,
  }));
}

function attachWarnings(cookies: RecordedCookie[], hops: Hop[], issues: Protocol.Audits.InspectorIssue[], ids: Set<string>): void {
  for (const issue of issues) {
    const d = issue.details.cookieIssueDetails;
    if (!d || !d.request?.requestId || !ids.has(d.request.requestId) || d.cookieWarningReasons.length === 0) continue;
    const direction = d.operation === 'SetCookie' ? 'set' : 'send';
    const name = d.cookie?.name ?? (d.rawCookieLine ? setCookieName(d.rawCookieLine) : undefined);
    const target = cookies.find(
      (c) =>
        c.direction === direction &&
        c.name === name &&
        (d.cookieUrl === undefined || (c.stage === 'preflight' ? hops[c.hop]?.preflight : hops[c.hop])?.request.url === d.cookieUrl),
    );
    if (!target) continue;
    target.warnings = [...new Set([...(target.warnings ?? []), ...d.cookieWarningReasons])].sort();
  }
}

export function cookiesFromCapture(
  main: CapturedRequest,
  preflights: CapturedRequest[],
  hops: Hop[],
  issues: Protocol.Audits.InspectorIssue[],
  jarAfter: StoredCookie[],
): RecordedCookie[] {
  const out: RecordedCookie[] = [];
  // Every Set-Cookie line of the flow, in order, to tell which later lines share a name.
  const allLines = hops.flatMap((h) =>
    [...(h.preflight?.response?.headers ?? []), ...(h.response?.headers ?? [])].filter((x) => x.name.toLowerCase() === 'set-cookie').map((x) => x.value),
  );
  const laterNamesOf = (raw: string) => new Set(allLines.slice(allLines.indexOf(raw) + 1).map(setCookieName));
  hops.forEach((hop, i) => {
    if (hop.preflight) {
      const p = preflights.find((x) => x.willBeSent[0]?.request.url === hop.preflight!.request.url);
      out.push(...sendOutcomes(i, 'preflight', p?.extraRequests[0]));
      out.push(...setOutcomes(i, 'preflight', hop.preflight, p?.extraResponses[0], jarAfter, laterNamesOf));
    }
    if (hop.sent) {
      out.push(...sendOutcomes(i, 'actual', main.extraRequests[i]));
      out.push(...setOutcomes(i, 'actual', hop, main.extraResponses[i], jarAfter, laterNamesOf));
    }
  });
  attachWarnings(out, hops, issues, new Set([main.requestId, ...preflights.map((p) => p.requestId)]));
  return out;
}
