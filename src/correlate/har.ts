/**
 * HAR entries → flows. Exports differ:
 * - Chrome DevTools lists each preflight as an entry of its own (`_resourceType: "preflight"`,
 *   `_initiator: {type: "preflight", url, requestId}`), each redirect hop as an entry linked by
 *   `redirectURL`; a simple request blocked by CORS keeps its real status with
 *   `response._error: "net::ERR_FAILED"`, one whose preflight failed has status 0 and provisional
 *   request headers (what the page set, never sent).
 * - Firefox lists preflights as OPTIONS entries carrying Access-Control-Request-Method.
 * - Playwright records no preflights, and no response for a failed request (status -1 and
 *   `_failureText`); its pages are tabs, its entries name their frame (./har-playwright.ts says
 *   what that leaves out, ./har-documents.ts how each exporter names the page).
 * Preflights pair with hops by content (./pairing.ts), as for live capture.
 */
import { serverAddressSpace } from './address-space.ts';
import { methodAfterRedirect } from '../fetch/method.ts';
import { getHeader, hasHeader, type Header } from '../model/header.ts';
import type { Exchange, Hop, WireResponse } from '../model/exchange.ts';
import type { BrowserName, CredentialsMode, Flow, RequestMode } from '../model/flow.ts';
import type { HarEntryRef, HarLogInfo } from '../har/read.ts';
import { browserOfHar } from './har-browser.ts';
import { credentialsFromCookiesSentLater } from './har-credentials.ts';
import { documentEvidence, type DocumentEvidence } from './har-documents.ts';
import { isPlaywrightHar, withPlaywrightGaps, type RouteFlags } from './har-playwright.ts';
import { isPreflightRequest, originPerHop, redirectURLOf, requestedHeaderNames, requestedMethod } from './headers.ts';
import { inferPageRequest, kindOfDevToolsType, preflightOnlyNotes, type RequestEvidence, type ResourceKind } from './infer.ts';
import { compareFlows } from './ordered-flows.ts';
import { pairPreflights, preflightFailed, type HopFacts, type PreflightFacts } from './pairing.ts';
import { cacheEntriesOf, findPreflightCacheHit, PreflightCache } from './preflight-cache.ts';
import { ownValue } from '../model/own-key.ts';

export interface HarFlowOptions {
  /** Names the file in `flow.source`. */
  source?: string;
  /** Prepended to flow ids (`e12` → `2:e12`), to keep ids unique across files. */
  idPrefix?: string;
}

/** One entry, normalized. */
interface Item {
  index: number;
  url: string;
  method: string;
  headers: Header[];
  status: number;
  response?: WireResponse;
  error?: string;
  startedAt: number;
  /** Unknown when the exporter wrote no duration (Firefox writes 0 for requests it never completed). */
  endedAt?: number;
  scope: string;
  resourceType?: string;
  /** What cors-lens's own HARs record and no browser's does (`_corsLens`). */
  known?: { mode?: RequestMode; credentials?: CredentialsMode };
  preflight: boolean;
  cookies: boolean;
  hasBody: boolean;
  /** The server's IP, also for an entry that failed after connecting (Chrome writes it when known). */
  ip?: string;
  /** Playwright: the frame that made the request. */
  frame?: string;
  isDocument: boolean;
  committed: boolean;
  routes: RouteFlags;
}

function itemOf({ index, entry }: HarEntryRef): Item {
  const req = entry.request;
  const res = entry.response;
  const startedAt = Date.parse(entry.startedDateTime);
  const headers = req.headers.map((h) => ({ name: h.name, value: h.value }));
  const item: Item = {
    index,
    url: req.url,
    method: req.method,
    headers,
    status: res.status,
    startedAt,
    scope: entry.pageref ?? '',
    preflight: entry._resourceType === 'preflight' || entry._initiator?.type === 'preflight' || isPreflightRequest(req.method, headers),
    cookies: hasHeader(headers, 'cookie') || (req.cookies?.length ?? 0) > 0,
    hasBody: Boolean(req.postData) || (req.bodySize ?? 0) > 0,
    isDocument: false,
    committed: false,
    routes: {},
  };
  if (typeof entry._frameref === 'string' && entry._frameref) item.frame = entry._frameref;
  if (entry._wasFulfilled) item.routes.fulfilled = true;
  if (entry._wasAborted) item.routes.aborted = true;
  if (entry._wasContinued) item.routes.continued = true;
  if (typeof entry.time === 'number' && entry.time > 0) item.endedAt = startedAt + entry.time;
  if (entry.serverIPAddress) item.ip = entry.serverIPAddress.replace(/^\[|\]$/g, '');
  if (typeof entry._resourceType === 'string') item.resourceType = entry._resourceType;
  if (entry._corsLens && (entry._corsLens.mode || entry._corsLens.credentials)) item.known = { ...entry._corsLens };
  // Chrome writes status 0 and Playwright -1 for "no response".
  if (res.status > 0) {
    const response: WireResponse = { status: res.status, headers: res.headers.map((h) => ({ name: h.name, value: h.value })) };
    if (res.statusText) response.statusText = res.statusText;
    const redirect = redirectURLOf(req.url, res.status, res.redirectURL, response.headers);
    if (redirect) response.redirectURL = redirect;
    if (item.ip) response.serverIPAddress = item.ip;
    item.response = response;
  }
  const error = res._error ?? res._failureText;
  if (typeof error === 'string' && error) item.error = error;
  item.isDocument = !item.preflight && kindOf(item).kind === 'document';
  item.committed = item.isDocument && item.response !== undefined && !item.response.redirectURL;
  return item;
}

/**
 * Chromium's exports start the next hop's entry when the redirect's ends (the recordings: within
 * 1 ms); Firefox's start it later (24–63 ms there, more while a preflight runs), so only theirs is
 * left unbounded. Beyond this, a same-URL entry is another request and the next hop is missing.
 */
const NEXT_HOP_GAP_MS = 100;

/**
 * Links each redirect response to the entry of the next hop: same page, the redirect's URL, started
 * no earlier (and, in a Chromium HAR, right when the redirect ended).
 */
function chainsOf(items: Item[], browser: BrowserName | undefined): Item[][] {
  const byUrl = new Map<string, Item[]>();
  for (const it of items) {
    let list = byUrl.get(it.url);
    if (!list) byUrl.set(it.url, (list = []));
    list.push(it);
  }
  const next = new Map<Item, Item>();
  const claimed = new Set<Item>();
  for (const it of items) {
    const target = it.response?.redirectURL;
    if (!target) continue;
    const method = methodAfterRedirect(it.status, it.method);
    const candidates = (byUrl.get(target) ?? []).filter(
      (c) =>
        c !== it &&
        !claimed.has(c) &&
        c.scope === it.scope &&
        c.startedAt + 2 >= it.startedAt &&
        (browser === 'firefox' || it.endedAt === undefined || c.startedAt <= it.endedAt + NEXT_HOP_GAP_MS),
    );
    const pick = candidates.find((c) => c.method === method) ?? candidates[0];
    if (!pick) continue;
    next.set(it, pick);
    claimed.add(pick);
  }
  const chains: Item[][] = [];
  for (const it of items) {
    if (claimed.has(it)) continue;
    const chain = [it];
    for (let n = next.get(it); n && chain.length <= 64 && !chain.includes(n); n = next.get(n)) chain.push(n);
    chains.push(chain);
  }
  return chains;
}

function exchangeOf(it: Item): Exchange {
  const ex: Exchange = { request: { url: it.url, method: it.method, headers: it.headers }, startedAt: it.startedAt };
  if (it.response) ex.response = it.response;
  if (it.error) ex.error = it.error;
  const space = serverAddressSpace(it.ip, it.url);
  if (space) ex.addressSpace = space;
  return ex;
}

/** The resource kind of an entry: Chrome's `_resourceType`, else Sec-Fetch-Dest, else the Accept header. */
function kindOf(head: Item): { kind: ResourceKind; evidence: string } {
  const fromDevTools = kindOfDevToolsType(head.resourceType);
  if (fromDevTools) return { kind: fromDevTools, evidence: `HAR _resourceType ${head.resourceType}` };
  const dest = getHeader(head.headers, 'sec-fetch-dest');
  const byDest: Record<string, ResourceKind> = {
    empty: 'fetch-or-xhr',
    document: 'document',
    iframe: 'document',
    script: 'script',
    image: 'image',
    style: 'stylesheet',
    font: 'font',
    audio: 'media',
    video: 'media',
    track: 'media',
  };
  const byDestKind = dest === null ? undefined : ownValue(byDest, dest);
  if (byDestKind) return { kind: byDestKind, evidence: `Sec-Fetch-Dest: ${dest}` };
  const accept = getHeader(head.headers, 'accept') ?? '';
  if (/^text\/html/.test(accept)) return { kind: 'document', evidence: 'Accept: text/html… (what browsers send for documents)' };
  return { kind: 'fetch-or-xhr', evidence: 'no resource type in the HAR' };
}

function flowOfChain(chain: Item[], preflightOf: Map<Item, Item>, ctx: FlowCtx): Flow {
  const head = chain[0]!;
  const hops: Hop[] = chain.map((it, i) => {
    const hop: Hop = { ...exchangeOf(it), sent: it.response !== undefined };
    const p = preflightOf.get(it);
    if (p) hop.preflight = exchangeOf(p);
    if (i < chain.length - 1) delete hop.error;
    return hop;
  });
  const firstPreflight = chain.map((it) => preflightOf.get(it)).find((p) => p !== undefined);
  const { kind, evidence: kindEvidence } = kindOf(head);
  const evidence: RequestEvidence = {
    url: head.url,
    method: head.method,
    preflightNames: requestedHeaderNames(firstPreflight?.headers),
    cookiesSent: chain.some((it) => it.cookies),
    cookieUrls: chain.filter((it) => it.cookies).map((it) => it.url),
    kind,
    kindEvidence,
    hasBody: head.hasBody,
  };
  if (head.known) evidence.known = head.known;
  if (head.response) evidence.sentHeaders = head.headers;
  else if (head.headers.length) evidence.provisionalHeaders = head.headers;
  if (firstPreflight) evidence.preflightHeaders = firstPreflight.headers;
  const docs = ctx.documents.get(head) ?? {};
  if (docs.documentUrl) evidence.documentUrl = docs.documentUrl;
  if (docs.topLevelUrl) evidence.topLevelUrl = docs.topLevelUrl;
  if (docs.document) evidence.document = docs.document;
  const { request, inferred } = inferPageRequest(evidence);
  const flow: Flow = { id: `${ctx.idPrefix}e${head.index}`, request, hops, inferred, startedAt: head.startedAt };
  const error = chain.at(-1)!.error;
  if (error) flow.error = error;
  if (ctx.browser) flow.browser = ctx.browser;
  if (ctx.source) flow.source = ctx.source;
  return ctx.playwright ? withPlaywrightGaps(flow, chain.map((it) => it.routes), ctx.routedScopes.has(head.scope)) : flow;
}

interface FlowCtx {
  idPrefix: string;
  documents: Map<Item, DocumentEvidence>;
  playwright: boolean;
  /** Pages (pagerefs) with an entry a Playwright route handled. */
  routedScopes: Set<string>;
  source?: string;
  browser?: { name: BrowserName; version?: string };
}

/** Every flow of a HAR, in the order the page made the requests. */
export function flowsFromHar(har: { log: HarLogInfo; entries: readonly HarEntryRef[] }, opts: HarFlowOptions = {}): Flow[] {
  const items = har.entries.map(itemOf).sort((a, b) => a.startedAt - b.startedAt || a.index - b.index);
  const preflights = items.filter((it) => it.preflight);
  const browser = browserOfHar(har.log, items[0]?.headers);
  const chains = chainsOf(items.filter((it) => !it.preflight), browser?.name);
  const ctx: FlowCtx = {
    idPrefix: opts.idPrefix ?? '',
    documents: documentEvidence(items, har.log.pages),
    playwright: isPlaywrightHar(har.log),
    routedScopes: new Set(items.filter((it) => it.routes.fulfilled || it.routes.aborted || it.routes.continued).map((it) => it.scope)),
  };
  if (opts.source) ctx.source = opts.source;
  if (browser) ctx.browser = browser;

  // Pair preflights with hops, group by group (page, URL, method).
  const groups = new Map<string, { p: PreflightFacts[]; h: HopFacts[] }>();
  const group = (scope: string, url: string, method: string) => {
    const k = `${scope}\n${method}\n${url}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { p: [], h: [] }));
    return g;
  };
  const byKey = new Map<string, Item>();
  for (const p of preflights) {
    byKey.set(`p${p.index}`, p);
    group(p.scope, p.url, requestedMethod(p.headers) ?? '').p.push({
      key: `p${p.index}`,
      scope: p.scope,
      url: p.url,
      headers: p.headers,
      startedAt: p.startedAt,
      ...(p.endedAt !== undefined ? { endedAt: p.endedAt } : {}),
      ...(preflightFailed(p.response?.status, p.error) || !p.response ? { failed: true } : {}),
    });
  }
  for (const chain of chains) {
    const origin = getHeader(chain[0]!.headers, 'origin');
    const expected = origin && origin !== 'null' ? originPerHop(origin, chain.map((it) => it.url)) : [];
    chain.forEach((it, i) => {
      byKey.set(`h${it.index}`, it);
      const sent = it.response ? getHeader(it.headers, 'origin') : null;
      const facts: HopFacts = { key: `h${it.index}`, scope: it.scope, url: it.url, method: it.method, startedAt: it.startedAt };
      if (it.response) facts.answered = true;
      // Firefox's entry `time` leaves out the wait for the preflight: it says nothing about pairing.
      if (it.endedAt !== undefined && ctx.browser?.name !== 'firefox') facts.endedAt = it.endedAt;
      // Firefox sends the page's Origin on the preflight of a redirect hop, `null` on the request.
      const origins = [sent, expected[i], origin].filter((o): o is string => typeof o === 'string' && o !== '');
      if (origins.length) facts.origins = [...new Set(origins)];
      facts.headerNames = new Set(it.headers.map((h) => h.name.toLowerCase()));
      group(it.scope, it.url, it.method).h.push(facts);
    });
  }
  const preflightOf = new Map<Item, Item>();
  const paired = new Set<Item>();
  for (const g of groups.values()) {
    if (!g.p.length) continue;
    for (const [p, h] of pairPreflights(g.p, g.h)) {
      preflightOf.set(byKey.get(h)!, byKey.get(p)!);
      paired.add(byKey.get(p)!);
    }
  }

  const flows = chains.map((chain) => flowOfChain(chain, preflightOf, ctx));
  for (const p of preflights) {
    if (paired.has(p)) continue;
    // A preflight whose request is not in the file: a flow of its own, for what it asked about.
    const asked: Item = { ...p, method: requestedMethod(p.headers) ?? 'GET', headers: [], preflight: false, cookies: false, hasBody: false };
    delete asked.response;
    delete asked.error;
    ctx.documents.set(asked, ctx.documents.get(p) ?? {});
    const flow = flowOfChain([asked], new Map([[asked, p]]), ctx);
    flow.inferred = preflightOnlyNotes(flow.inferred, 'only the preflight is in the HAR');
    flow.inferred.push({ field: 'method', from: "only the preflight is in the HAR: its Access-Control-Request-Method" });
    flows.push(flow);
  }
  flows.sort(compareFlows);
  return withPreflightCacheHits(credentialsFromCookiesSentLater(flows), ctx.browser?.name ?? 'chrome');
}

/** Marks the flows served by an earlier flow's cached preflight (as the live Correlator does). */
export function withPreflightCacheHits(flows: Flow[], browser: BrowserName): Flow[] {
  const cache = new PreflightCache(browser);
  for (const flow of flows) for (const e of cacheEntriesOf(flow)) cache.add(e);
  return flows.map((flow) => {
    const hit = findPreflightCacheHit(flow, cache);
    return hit ? { ...flow, preflightCacheHit: hit } : flow;
  });
}
