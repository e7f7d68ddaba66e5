/**
 * What pairing needs to know about each webRequest preflight record and each hop of a main
 * record (./pairing.ts).
 */
import type { BrowserName } from '../model/flow.ts';
import type { WebRequestRecord } from '../model/webrequest.ts';
import { originPerHop } from './headers.ts';
import { preflightFailed, type HopFacts, type PreflightFacts } from './pairing.ts';

export const hopKey = (key: string, i: number) => `${key}#${i}`;

export function preflightFacts(entry: { key: string; rec: WebRequestRecord }): PreflightFacts {
  const { rec } = entry;
  const facts: PreflightFacts = { key: entry.key, scope: String(rec.tabId), url: rec.hops[0]!.url, headers: rec.hops[0]!.requestHeaders ?? [], startedAt: rec.startedAt };
  if (rec.state !== 'pending' && rec.endedAt !== undefined) facts.endedAt = rec.endedAt;
  if (preflightFailed(rec.hops[0]!.statusCode, rec.state === 'error' ? (rec.error ?? '') : undefined)) facts.failed = true;
  return facts;
}

/**
 * Firefox fires the main request's onSendHeaders before its preflight even starts (and sends the
 * preflight of a redirect hop with the page's Origin, where the request itself carries `null`):
 * with Firefox records, the send time says nothing about pairing.
 */
function recordedByFirefox(rec: WebRequestRecord, opts: { browser?: { name: BrowserName } }): boolean {
  return opts.browser ? opts.browser.name === 'firefox' : rec.documentUrl !== undefined;
}

export function hopFacts(entry: { key: string; rec: WebRequestRecord }, opts: { browser?: { name: BrowserName } }): HopFacts[] {
  const { rec } = entry;
  const firefox = recordedByFirefox(rec, opts);
  const originHeaders = rec.hops.map((h) => h.requestHeaders?.find((x) => x.name.toLowerCase() === 'origin')?.value);
  const expected = rec.initiator ? originPerHop(rec.initiator, rec.hops.map((h) => h.url)) : [];
  return rec.hops.map((h, i) => {
    const facts: HopFacts = { key: hopKey(entry.key, i), scope: String(rec.tabId), url: h.url, method: h.method };
    // The Origin on the wire, or the one Fetch predicts; and the page's own, which Firefox puts on
    // the preflight of a redirect hop.
    const origins = [originHeaders[i], expected[i], rec.initiator].filter((o): o is string => o !== undefined);
    if (origins.length) facts.origins = [...new Set(origins)];
    if (h.statusCode !== undefined) facts.answered = true;
    if (h.sent && h.requestHeaders) facts.headerNames = new Set(h.requestHeaders.map((x) => x.name.toLowerCase()));
    const startedAt = h.startedAt ?? (i === 0 ? rec.startedAt : undefined);
    if (startedAt !== undefined) facts.startedAt = startedAt;
    if (h.sentAt !== undefined && !firefox) facts.sentAt = h.sentAt;
    const endedAt = i === rec.hops.length - 1 ? rec.endedAt : rec.hops[i + 1]!.startedAt;
    if (endedAt !== undefined) facts.endedAt = endedAt;
    return facts;
  });
}

