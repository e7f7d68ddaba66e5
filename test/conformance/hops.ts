/**
 * Chromium's Network events for one request → the model's hops: per URL of the redirect chain, the
 * preflight exchange (if any) and the actual exchange, with request headers as Chromium put them on
 * the wire (`requestWillBeSentExtraInfo`) and responses as they came back (`responseReceivedExtraInfo`,
 * verbatim `headersText` for HTTP/1.1). Nothing is guessed: a hop Chromium never sent has `sent: false`
 * and only the headers Blink reported before sending it. Where an ExtraInfo event is missing, the
 * lab server's log of what it received stands in.
 */
import type { Protocol } from 'devtools-protocol';
import type { Exchange, Header, Hop, WireResponse } from '../../src/model/index.ts';
import type { CapturedRequest } from './cdp-capture.ts';
import type { ServerLogEntry } from './recording.ts';

/** CDP header objects join duplicates with `\n`; split them back into lines. */
export function headersFromObject(obj: Protocol.Network.Headers | undefined): Header[] {
  const out: Header[] = [];
  for (const [name, value] of Object.entries(obj ?? {})) {
    for (const v of String(value).split('\n')) out.push({ name, value: v });
  }
  return out;
}

const isLws = (c: string | undefined) => c === ' ' || c === '\t';
const trimLws = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * An HTTP/1.x response head → status, reason and header lines in wire order (duplicates kept), read
 * the way Chromium reads it (net/http/http_util.cc AssembleRawHeaders, HeadersIterator): lines end
 * at CR or LF, a line starting with white space continues the previous header's value (joined by one
 * space), white space around names and values is trimmed (SP and HTAB only), and a line without a
 * colon or whose name is not a token is skipped. DevTools' `headersText` is the head verbatim; the
 * flow holds the headers as Chromium parsed them, as webRequest and HAR give them.
 */
export function parseHeadersText(text: string): { status: number; statusText: string; headers: Header[] } | null {
  // A 1xx head (103 Early Hints) may come first: the final head is the last one.
  const heads = text.replace(/\0/g, '').split(/\r?\n\r?\n/).filter((h) => h.trim() !== '');
  const head = heads[heads.length - 1] ?? '';
  const statusEnd = head.search(/[\r\n]/);
  const statusLine = statusEnd < 0 ? head : head.slice(0, statusEnd);
  const m = /^HTTP\/\d(?:\.\d)? +(\d{3})(?: +(.*?))? *$/.exec(statusLine);
  if (!m) return null;
  const lines: string[] = [];
  let continuable = false;
  for (const line of (statusEnd < 0 ? '' : head.slice(statusEnd)).split(/[\r\n]+/)) {
    if (line === '') continue;
    if (continuable && isLws(line[0])) {
      lines[lines.length - 1] += ` ${line.replace(/^[ \t]+/, '')}`;
      continue;
    }
    lines.push(line);
    const colon = line.indexOf(':');
    continuable = colon > 0 && !isLws(line[0]);
  }
  const headers: Header[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0 || isLws(line[0])) continue;
    const name = trimLws(line.slice(0, colon));
    if (!TOKEN.test(name)) continue;
    headers.push({ name, value: trimLws(line.slice(colon + 1)) });
  }
  return { status: Number(m[1]), statusText: m[2] ?? '', headers };
}

function responseFrom(
  extra: Protocol.Network.ResponseReceivedExtraInfoEvent | undefined,
  fallback: Protocol.Network.Response | undefined,
  requestUrl: string,
): WireResponse | undefined {
  let response: WireResponse | undefined;
  const parsed = extra?.headersText ? parseHeadersText(extra.headersText) : null;
  if (parsed) response = { status: parsed.status, statusText: parsed.statusText, headers: parsed.headers };
  else if (extra) response = { status: extra.statusCode, headers: headersFromObject(extra.headers) };
  else if (fallback) response = { status: fallback.status, statusText: fallback.statusText, headers: headersFromObject(fallback.headers) };
  if (!response) return undefined;
  if (fallback?.remoteIPAddress) response.serverIPAddress = fallback.remoteIPAddress;
  // Chromium follows 301/302/303/307/308 to the first Location line that is not empty (IsRedirect).
  const location = response.headers.find((h) => h.name.toLowerCase() === 'location' && h.value !== '')?.value;
  if ([301, 302, 303, 307, 308].includes(response.status) && location !== undefined) {
    // The Location as the browser resolves it against the request URL (Fetch "location URL").
    try {
      response.redirectURL = new URL(location, requestUrl).href;
    } catch {
      /* an unparseable Location stays visible in the headers */
    }
  }
  return response;
}

function fromServerLog(log: ServerLogEntry[], url: string, method: string, preflight: boolean, used: Set<ServerLogEntry>): ServerLogEntry | undefined {
  const hit = log.find((e) => !used.has(e) && e.url === url && e.preflight === preflight && (preflight || e.method === method));
  if (hit) used.add(hit);
  return hit;
}

function preflightExchange(p: CapturedRequest, log: ServerLogEntry[], used: Set<ServerLogEntry>): Exchange {
  const first = p.willBeSent[0]!;
  const url = first.request.url;
  const logged = fromServerLog(log, url, 'OPTIONS', true, used);
  const extraReq = p.extraRequests[0];
  const headers = extraReq
    ? headersFromObject(extraReq.headers)
    : logged
      ? logged.headers.map(([name, value]) => ({ name, value }))
      : headersFromObject(first.request.headers);
  const ex: Exchange = { request: { url, method: first.request.method, headers } };
  const response = responseFrom(p.extraResponses[0], p.responses[0]?.response, url);
  if (response) ex.response = response;
  if (p.failed) ex.error = p.failed.errorText;
  return ex;
}

/** Builds the hops of `main` (and attaches its preflights by URL, in order). */
export function hopsFromCapture(main: CapturedRequest, preflights: CapturedRequest[], serverLog: ServerLogEntry[]): Hop[] {
  const used = new Set<ServerLogEntry>();
  const pending = [...preflights];
  const hops: Hop[] = [];
  main.willBeSent.forEach((wbs, i) => {
    const url = wbs.request.url;
    const method = wbs.request.method;
    const pfIndex = pending.findIndex((p) => p.willBeSent[0]?.request.url === url);
    const preflight = pfIndex >= 0 ? preflightExchange(pending.splice(pfIndex, 1)[0]!, serverLog, used) : undefined;
    const extraReq = main.extraRequests[i];
    const logged = fromServerLog(serverLog, url, method, false, used);
    const sent = extraReq !== undefined || logged !== undefined;
    const headers = extraReq
      ? headersFromObject(extraReq.headers)
      : logged
        ? logged.headers.map(([name, value]) => ({ name, value }))
        : headersFromObject(wbs.request.headers);
    const hop: Hop = { request: { url, method, headers }, sent };
    if (preflight) hop.preflight = preflight;
    const isLast = i === main.willBeSent.length - 1;
    // A redirect's response arrives with the next hop's requestWillBeSent; the last hop's in responseReceived.
    const fallback = isLast ? main.responses[0]?.response : main.willBeSent[i + 1]?.redirectResponse;
    const response = sent ? responseFrom(main.extraResponses[i], fallback, url) : undefined;
    if (response) hop.response = response;
    if (isLast && main.failed) hop.error = main.failed.errorText;
    hops.push(hop);
  });
  return hops;
}
