/**
 * Flows → HAR 1.2, written the way Chrome DevTools writes it so that DevTools, other HAR tools
 * and cors-lens itself can read it back: one entry per preflight and per hop, in the order they
 * started; preflights carry `_resourceType: "preflight"` and `_initiator: {type: "preflight", url,
 * requestId}` (the flow's id standing in for DevTools' request id); a failed request carries
 * `response._error` and, when no response arrived, status 0. Secrets are redacted unless asked.
 */
import type { Cookie, Entry, Har, Header as HarHeader, Page } from 'har-format';
import { getHeader, headerValues, type Header } from '../model/header.ts';
import type { Exchange, Flow, InitiatorType } from '../model/index.ts';
import { redactHeaders, REDACTED } from '../report/redact.ts';
import { isoTime } from '../model/time.ts';

export interface HarWriteOptions {
  /** Who wrote the file: `log.creator`. */
  creator?: { name: string; version: string };
  /** Keep Cookie, Set-Cookie and Authorization values (default: redacted). */
  includeSecrets?: boolean;
}

/** DevTools' resource type names (front_end/core/common/ResourceType.ts). */
const RESOURCE_TYPE: Record<InitiatorType, string> = {
  fetch: 'fetch',
  xmlhttprequest: 'xhr',
  script: 'script',
  image: 'image',
  stylesheet: 'stylesheet',
  font: 'font',
  media: 'media',
  document: 'document',
  beacon: 'ping',
  eventsource: 'eventsource',
  websocket: 'websocket',
  other: 'other',
};

const iso = (ms: number | undefined) => isoTime(ms) ?? isoTime(0)!;

function harHeaders(headers: readonly Header[], secrets: boolean): HarHeader[] {
  return (secrets ? headers : redactHeaders(headers)).map((h) => ({ name: h.name, value: h.value }));
}

function requestCookies(headers: readonly Header[], secrets: boolean): Cookie[] {
  return headerValues(headers, 'cookie')
    .flatMap((v) => v.split(';'))
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return { name, value: secrets ? (eq < 0 ? '' : pair.slice(eq + 1)) : REDACTED };
    });
}

function responseCookies(headers: readonly Header[], secrets: boolean): Cookie[] {
  return headerValues(headers, 'set-cookie').map((line) => {
    const pair = line.split(';', 1)[0]!;
    const eq = pair.indexOf('=');
    return { name: (eq < 0 ? pair : pair.slice(0, eq)).trim(), value: secrets ? (eq < 0 ? '' : pair.slice(eq + 1).trim()) : REDACTED };
  });
}

function queryString(url: string): HarHeader[] {
  if (!URL.canParse(url)) return [];
  const search = new URL(url).search.slice(1);
  if (!search) return [];
  return search.split('&').map((kv) => {
    const eq = kv.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    return { name: decode(eq < 0 ? kv : kv.slice(0, eq)), value: eq < 0 ? '' : decode(kv.slice(eq + 1)) };
  });
}

function entryOf(ex: Exchange, startedAt: number | undefined, error: string | undefined, secrets: boolean, extra: Record<string, unknown>, pageref: string): Entry {
  const res = ex.response;
  const entry = {
    ...extra,
    pageref,
    startedDateTime: iso(ex.startedAt ?? startedAt),
    time: 0,
    request: {
      method: ex.request.method,
      url: ex.request.url,
      httpVersion: 'HTTP/1.1',
      headers: harHeaders(ex.request.headers, secrets),
      queryString: queryString(ex.request.url),
      cookies: requestCookies(ex.request.headers, secrets),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: res?.status ?? 0,
      statusText: res?.statusText ?? '',
      httpVersion: res ? 'HTTP/1.1' : '',
      headers: harHeaders(res?.headers ?? [], secrets),
      cookies: responseCookies(res?.headers ?? [], secrets),
      content: { size: 0, mimeType: getHeader(res?.headers, 'content-type') ?? 'x-unknown' },
      redirectURL: res?.redirectURL ?? '',
      headersSize: -1,
      bodySize: -1,
      _error: error ?? null,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: 0, receive: 0, ssl: -1 },
    ...(res?.serverIPAddress ? { serverIPAddress: res.serverIPAddress } : {}),
  };
  return entry as Entry;
}

/**
 * What no browser's HAR records — the request's mode and credentials mode — written where cors-lens
 * knew them (not inferred), so that reading the file back does not have to guess (`_corsLens`).
 */
function knownModes(flow: Flow): { _corsLens?: { mode?: string; credentials?: string } } {
  const inferred = new Set(flow.inferred.map((i) => i.field));
  const known = {
    ...(inferred.has('mode') ? {} : { mode: flow.request.mode }),
    ...(inferred.has('credentials') ? {} : { credentials: flow.request.credentials }),
  };
  return Object.keys(known).length ? { _corsLens: known } : {};
}

export function flowsToHar(flows: readonly Flow[], opts: HarWriteOptions = {}): Har {
  const secrets = opts.includeSecrets === true;
  const pages = new Map<string, Page>();
  const entries: { at: number; order: number; entry: Entry }[] = [];
  let order = 0;
  for (const flow of flows) {
    const pageUrl = flow.request.topLevelUrl ?? flow.request.origin;
    let page = pages.get(pageUrl);
    if (!page) {
      page = { id: `page_${pages.size + 1}`, title: pageUrl, startedDateTime: iso(flow.startedAt), pageTimings: {} };
      pages.set(pageUrl, page);
    }
    const last = flow.hops.length - 1;
    flow.hops.forEach((hop, i) => {
      const startedAt = hop.startedAt ?? flow.startedAt;
      const error = hop.error ?? (i === last ? flow.error : undefined);
      // A request never sent shows what the page set, as DevTools' provisional headers do.
      const provisional = !hop.sent && hop.request.headers.length === 0 && i === 0 ? { ...hop, request: { ...hop.request, headers: flow.request.headers } } : hop;
      const main = entryOf(
        provisional,
        startedAt,
        error,
        secrets,
        { _resourceType: RESOURCE_TYPE[flow.request.initiatorType] ?? 'other', _initiator: { type: 'other' }, ...knownModes(flow) },
        page!.id,
      );
      entries.push({ at: startedAt ?? 0, order: order++, entry: main });
      if (hop.preflight) {
        const pre = entryOf(hop.preflight, startedAt, hop.preflight.error, secrets, {
          _resourceType: 'preflight',
          _initiator: { type: 'preflight', url: hop.request.url, requestId: flow.id },
        }, page!.id);
        entries.push({ at: hop.preflight.startedAt ?? startedAt ?? 0, order: order++, entry: pre });
      }
    });
  }
  entries.sort((a, b) => a.at - b.at || a.order - b.order);
  const browser = flows.find((f) => f.browser)?.browser;
  return {
    log: {
      version: '1.2',
      creator: opts.creator ?? { name: 'cors-lens', version: '0' },
      ...(browser ? { browser: { name: browser.name === 'chrome' ? 'Chrome' : 'Firefox', version: browser.version ?? '' } } : {}),
      pages: [...pages.values()],
      entries: entries.map((e) => e.entry),
    },
  };
}
