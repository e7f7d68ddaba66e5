import type { Header } from '../model/header.ts';
import type { WebRequestEvent, WebRequestHop, WebRequestRecord } from '../model/webrequest.ts';

/** Longest header value kept in a record; longer values are cut and say so (never silently). */
export const MAX_HEADER_VALUE_LENGTH = 16 * 1024;
/** Most headers kept per hop and direction; the rest are summarised in one marker header. */
export const MAX_HEADERS_PER_HOP = 256;
export const TRUNCATION_MARK = ' … [cors-lens: truncated; ';

/** Copies headers, cutting pathological sizes so that one hostile response cannot exhaust storage. */
export function boundHeaders(headers: readonly Header[] | undefined): Header[] | undefined {
  if (!headers) return undefined;
  const out: Header[] = [];
  for (const h of headers.slice(0, MAX_HEADERS_PER_HOP)) {
    const name = String(h.name ?? '');
    let value = String(h.value ?? '');
    if (value.length > MAX_HEADER_VALUE_LENGTH) {
      value = `${value.slice(0, MAX_HEADER_VALUE_LENGTH)}${TRUNCATION_MARK}${value.length} characters in all]`;
    }
    out.push({ name, value });
  }
  if (headers.length > MAX_HEADERS_PER_HOP) {
    out.push({ name: 'x-cors-lens-truncated', value: `${headers.length - MAX_HEADERS_PER_HOP} more headers not kept` });
  }
  return out;
}

function newRecord(ev: WebRequestEvent): WebRequestRecord {
  const rec: WebRequestRecord = {
    requestId: ev.requestId,
    tabId: ev.tabId,
    type: ev.type,
    startedAt: ev.timeStamp,
    hops: [{ url: ev.url, method: ev.method, sent: false, startedAt: ev.timeStamp }],
    state: 'pending',
    revision: 0,
  };
  if (ev.frameId !== undefined) rec.frameId = ev.frameId;
  const initiator = ev.initiator ?? originOf(ev.originUrl ?? ev.documentUrl);
  if (initiator !== undefined) rec.initiator = initiator;
  if (ev.documentUrl !== undefined) rec.documentUrl = ev.documentUrl;
  return rec;
}

function originOf(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  return new URL(url).origin;
}

/**
 * Folds one webRequest event into the record of its requestId and returns the new record
 * (the previous one is not changed). Events may arrive for a record that was never started
 * (the extension started mid-request, or a worker restart lost nothing but the first event):
 * such a record starts from whatever event comes first.
 */
export function applyWebRequestEvent(prev: WebRequestRecord | undefined, ev: WebRequestEvent): WebRequestRecord {
  const rec: WebRequestRecord = prev
    ? { ...prev, hops: prev.hops.slice(), revision: prev.revision + 1 }
    : newRecord(ev);
  if (!prev && ev.event !== 'beforeRequest') rec.revision = 1;

  // The hop this event belongs to: the last one whose URL matches — an event that arrives late or
  // twice still lands on its own hop; a redirect appends a new hop.
  let index = rec.hops.length - 1;
  if (rec.hops[index]!.url !== ev.url) {
    const earlier = rec.hops.findLastIndex((h) => h.url === ev.url);
    // A beforeRequest for another URL starts a hop, unless it repeats one already seen (same start).
    const repeated = earlier >= 0 && (ev.event !== 'beforeRequest' || rec.hops[earlier]!.startedAt === ev.timeStamp);
    if (repeated) index = earlier;
    else if (ev.event === 'beforeRequest') {
      rec.hops.push({ url: ev.url, method: ev.method, sent: false, startedAt: ev.timeStamp });
      index = rec.hops.length - 1;
    }
  }
  let hop: WebRequestHop = { ...rec.hops[index]! };

  switch (ev.event) {
    case 'beforeRequest':
      hop.method = ev.method;
      hop.startedAt = ev.timeStamp;
      break;
    case 'sendHeaders': {
      const headers = boundHeaders(ev.requestHeaders);
      if (headers) hop.requestHeaders = headers;
      hop.sent = true;
      hop.sentAt = ev.timeStamp;
      break;
    }
    case 'headersReceived':
    case 'responseStarted':
    case 'completed':
    case 'beforeRedirect': {
      if (ev.statusCode !== undefined) hop.statusCode = ev.statusCode;
      if (ev.statusLine !== undefined) hop.statusLine = ev.statusLine;
      const headers = boundHeaders(ev.responseHeaders);
      if (headers) hop.responseHeaders = headers;
      if (ev.ip !== undefined) hop.ip = ev.ip;
      if (ev.fromCache !== undefined) hop.fromCache = ev.fromCache;
      if (ev.event === 'beforeRedirect' && ev.redirectUrl !== undefined) {
        hop.redirectUrl = ev.redirectUrl;
        rec.hops[index] = hop;
        // Its next hop is already there: this redirect came twice, or after that hop's onBeforeRequest.
        if (rec.hops[index + 1]?.url === ev.redirectUrl) return rec;
        // The next hop starts now; Chrome fires onBeforeRequest for it, Firefox may not.
        rec.hops.push({
          url: ev.redirectUrl,
          method: redirectMethod(hop.method, ev.statusCode),
          sent: false,
          startedAt: ev.timeStamp,
        });
        return rec;
      }
      if (ev.event === 'completed') {
        rec.state = 'complete';
        rec.endedAt = ev.timeStamp;
      }
      break;
    }
    case 'errorOccurred':
      rec.state = 'error';
      if (ev.error !== undefined) rec.error = ev.error;
      // Chrome reports the IP of a request that failed after connecting (a Local Network Access refusal).
      if (ev.ip !== undefined) hop.ip = ev.ip;
      rec.endedAt = ev.timeStamp;
      break;
  }
  rec.hops[index] = hop;
  return rec;
}

/** Fetch §4.4 HTTP-redirect fetch, step 12: 301/302 turn POST into GET; 303 turns all but GET/HEAD into GET. */
export function redirectMethod(method: string, status: number | undefined): string {
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  if (status === 303 && method !== 'GET' && method !== 'HEAD') return 'GET';
  return method;
}

/** A record is a CORS preflight when it is an OPTIONS request carrying Access-Control-Request-Method. */
export function isPreflightRecord(rec: WebRequestRecord): boolean {
  const first = rec.hops[0];
  if (!first || first.method !== 'OPTIONS') return false;
  return (first.requestHeaders ?? []).some((h) => h.name.toLowerCase() === 'access-control-request-method');
}
