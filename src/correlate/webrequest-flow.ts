/**
 * One webRequest record (a main request, every hop of it) plus the preflights paired with its
 * hops → one Flow.
 */
import { hasHeader } from '../model/header.ts';
import type { Exchange, Hop, WireResponse } from '../model/exchange.ts';
import type { BrowserName, Flow } from '../model/flow.ts';
import type { WebRequestHop, WebRequestRecord } from '../model/webrequest.ts';
import { serverAddressSpace } from './address-space.ts';
import { locationOf, requestedHeaderNames } from './headers.ts';
import type { DevtoolsHint } from './devtools-hints.ts';
import { inferPageRequest, kindOfWebRequestType, preflightOnlyNotes, type RequestEvidence } from './infer.ts';

export interface FlowContext {
  browser?: { name: BrowserName; version?: string };
  source?: string;
  /** URL of the tab's top-level document when the request started, if known. */
  topLevelUrl?: string;
  /** The document of the request's frame when it started, and the IP it came from. */
  document?: { url: string; ip: string };
  /** What the DevTools network panel said about the request (./devtools-hints.ts). */
  hint?: DevtoolsHint;
}

export const flowIdOf = (rec: Pick<WebRequestRecord, 'tabId' | 'requestId'>) => `wr:${rec.tabId}:${rec.requestId}`;

function statusText(statusLine: string | undefined): string | undefined {
  // "HTTP/1.1 204 No Content" → "No Content"
  const m = statusLine?.match(/^\S+\s+\d{3}\s?(.*)$/);
  return m ? m[1] : undefined;
}

function responseOf(h: WebRequestHop): WireResponse | undefined {
  if (h.statusCode === undefined) return undefined;
  const res: WireResponse = { status: h.statusCode, headers: h.responseHeaders ?? [] };
  const text = statusText(h.statusLine);
  if (text) res.statusText = text;
  const redirect = h.redirectUrl ?? locationOf(h.url, h.statusCode, h.responseHeaders);
  if (redirect) res.redirectURL = redirect;
  if (h.ip) res.serverIPAddress = h.ip;
  if (h.fromCache !== undefined) res.fromCache = h.fromCache;
  return res;
}

/** The server's address space, from the IP webRequest reported or the URL (./address-space.ts). */
function withAddressSpace<T extends Exchange>(ex: T, h: WebRequestHop): T {
  const space = serverAddressSpace(h.ip, h.url);
  if (space) ex.addressSpace = space;
  return ex;
}

/** A preflight record as the Exchange of a hop. */
export function preflightExchange(p: WebRequestRecord): Exchange {
  const h = p.hops[0]!;
  const ex: Exchange = { request: { url: h.url, method: h.method, headers: h.requestHeaders ?? [] }, startedAt: p.startedAt };
  const res = responseOf(h);
  if (res) ex.response = res;
  if (p.error) ex.error = p.error;
  return withAddressSpace(ex, h);
}

/** Builds the flow of a main record. `preflights[i]` is the preflight paired with hop i, if any. */
export function flowOfRecord(rec: WebRequestRecord, preflights: readonly (WebRequestRecord | undefined)[], ctx: FlowContext): Flow {
  const last = rec.hops.length - 1;
  const hops: Hop[] = rec.hops.map((h, i) => {
    const hop: Hop = { request: { url: h.url, method: h.method, headers: h.requestHeaders ?? [] }, sent: h.sent };
    const res = responseOf(h);
    if (res) hop.response = res;
    if (i === last && rec.error) hop.error = rec.error;
    const startedAt = h.startedAt ?? (i === 0 ? rec.startedAt : undefined);
    if (startedAt !== undefined) hop.startedAt = startedAt;
    const p = preflights[i];
    if (p) {
      hop.preflight = preflightExchange(p);
      // Firefox reports onSendHeaders for a request whose preflight then fails: it never left.
      if (p.error && !res) hop.sent = false;
    }
    return withAddressSpace(hop, h);
  });
  const first = rec.hops[0]!;
  const firstPreflight = preflights.find((p) => p !== undefined);
  const evidence: RequestEvidence = {
    url: first.url,
    method: first.method,
    preflightNames: requestedHeaderNames(firstPreflight?.hops[0]?.requestHeaders),
    cookiesSent: rec.hops.some((h) => hasHeader(h.requestHeaders, 'cookie')),
    cookieUrls: rec.hops.filter((h) => hasHeader(h.requestHeaders, 'cookie')).map((h) => h.url),
    kind: kindOfWebRequestType(rec.type),
    kindEvidence: `webRequest type ${rec.type}`,
  };
  if (first.sent && first.requestHeaders) evidence.sentHeaders = first.requestHeaders;
  if (firstPreflight) evidence.preflightHeaders = firstPreflight.hops[0]?.requestHeaders ?? [];
  if (rec.initiator) evidence.initiator = { origin: rec.initiator, from: 'the webRequest initiator' };
  if (rec.documentUrl) evidence.documentUrl = { url: rec.documentUrl, from: 'the webRequest documentUrl' };
  if (ctx.topLevelUrl) evidence.topLevelUrl = { url: ctx.topLevelUrl, from: "the tab's last top-level document before the request" };
  if (ctx.document) evidence.document = { ...ctx.document, from: "the frame's document when the request started" };
  if (ctx.hint?.kind) {
    evidence.kind = ctx.hint.kind.kind;
    evidence.kindEvidence = ctx.hint.kind.from;
  }
  if (ctx.hint?.cookies) evidence.cookiesSent = true;
  const { request, inferred } = inferPageRequest(evidence);
  const flow: Flow = { id: flowIdOf(rec), request, hops, inferred, tabId: rec.tabId, startedAt: rec.startedAt };
  if (rec.error) flow.error = rec.error;
  if (ctx.browser) flow.browser = ctx.browser;
  if (ctx.source) flow.source = ctx.source;
  return flow;
}

/**
 * A preflight whose request was never seen (capture started late, or the store dropped it): a flow
 * of its own, whose request is what the preflight asked about.
 */
export function flowOfOrphanPreflight(p: WebRequestRecord, ctx: FlowContext): Flow {
  const first = p.hops[0]!;
  const headers = first.requestHeaders ?? [];
  const method = headers.find((h) => h.name.toLowerCase() === 'access-control-request-method')?.value.trim() ?? 'GET';
  const rec: WebRequestRecord = {
    ...p,
    hops: [{ url: first.url, method, sent: false }],
    state: p.state,
  };
  delete rec.error;
  const flow = flowOfRecord(rec, [p], ctx);
  flow.inferred = preflightOnlyNotes(flow.inferred, 'only the preflight was seen');
  flow.inferred.push({ field: 'method', from: "only the preflight was seen: its Access-Control-Request-Method" });
  return flow;
}
