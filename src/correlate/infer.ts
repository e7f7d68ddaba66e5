/**
 * Rebuilds the request as the page made it (PageRequest) from what a capture shows — webRequest
 * records or HAR entries. Neither records the request's mode, credentials mode or the API that
 * made it, so each is inferred from evidence, and every inference is written down with its
 * evidence in `flow.inferred`.
 */
import { getHeader, hasHeader, type Header } from '../model/header.ts';
import type { CredentialsMode, Inference, InitiatorType, PageRequest, RequestMode } from '../model/flow.ts';
import { originOf as fetchOriginOf } from '../fetch/origin.ts';
import { addressSpaceOf } from '../fetch/address-space.ts';
import { authorHeaders } from './headers.ts';

/** A URL's origin, or null when opaque or unparsable. */
function originOf(url: string | undefined): string | null {
  const o = url === undefined ? 'null' : fetchOriginOf(url);
  return o === 'null' ? null : o;
}

/** What a capture tells about one request (its first hop) and where it came from. */
export interface RequestEvidence {
  url: string;
  method: string;
  /** Headers of the first hop as sent, when the request went on the wire. */
  sentHeaders?: readonly Header[];
  /**
   * Headers known although the request was never sent: DevTools' provisional headers (the page's
   * own headers plus User-Agent, Referer and client hints) in a HAR.
   */
  provisionalHeaders?: readonly Header[];
  /** Headers of the first preflight, if one was seen. */
  preflightHeaders?: readonly Header[];
  /** Lower-case header names from that preflight's Access-Control-Request-Headers. */
  preflightNames: ReadonlySet<string>;
  /** A Cookie header (or HAR request cookies) went with some hop. */
  cookiesSent: boolean;
  /** The URLs of the hops known to have carried cookies. */
  cookieUrls?: readonly string[];
  /** The capture's resource type, normalized (see resourceKind). */
  kind: ResourceKind;
  /** Where `kind` came from, for the inference notes ("webRequest type xmlhttprequest"). */
  kindEvidence: string;
  /** The page origin as the capture reports it (webRequest `initiator`), and where from. */
  initiator?: { origin: string; from: string };
  /** URL of the page that made the request, when known (HAR page title, Referer). */
  documentUrl?: { url: string; from: string };
  topLevelUrl?: { url: string; from: string };
  /**
   * The document that made the request and the IP it was served from: its address space is the
   * page's, for Local Network Access (used only when its origin is the request's).
   */
  document?: { url: string; ip: string; from: string };
  hasBody?: boolean;
  /** The mode and credentials mode, where the capture recorded them (cors-lens's own HARs): not inferred. */
  known?: { mode?: RequestMode; credentials?: CredentialsMode };
}

/**
 * Resource kinds both captures can name. `fetch-or-xhr` is webRequest's `xmlhttprequest`, which
 * Chrome and Firefox use alike for fetch() and XMLHttpRequest.
 */
export type ResourceKind =
  | 'fetch'
  | 'xmlhttprequest'
  | 'fetch-or-xhr'
  | 'document'
  | 'script'
  | 'image'
  | 'stylesheet'
  | 'font'
  | 'media'
  | 'beacon'
  | 'eventsource'
  | 'websocket'
  | 'other';

const MODES: readonly RequestMode[] = ['cors', 'no-cors', 'same-origin', 'navigate', 'websocket'];

export interface Inferred {
  request: PageRequest;
  inferred: Inference[];
}

export function inferPageRequest(ev: RequestEvidence): Inferred {
  const inferred: Inference[] = [];
  const note = (field: Inference['field'], from: string) => inferred.push({ field, from });
  const wire = ev.sentHeaders ?? ev.provisionalHeaders ?? [];

  const origin = inferOrigin(ev, wire, note);
  const crossOrigin = originOf(ev.url) !== origin;
  const mode = ev.known?.mode ?? inferMode(ev, wire, crossOrigin, note);
  const credentials = ev.known?.credentials ?? inferCredentials(ev, mode, crossOrigin, origin, note);
  const initiatorType = inferInitiatorType(ev, note);
  const headers = inferAuthorHeaders(ev, note);

  const request: PageRequest = { url: ev.url, method: ev.method, headers, mode, credentials, initiatorType, origin };
  if (ev.topLevelUrl) {
    request.topLevelUrl = ev.topLevelUrl.url;
    note('topLevelUrl', ev.topLevelUrl.from);
  }
  // Chromium takes the page's address space from the IP its document came from
  // (services/network/public/cpp/ip_address_space_util.cc); a navigation is not checked.
  const space = ev.document && mode !== 'navigate' && originOf(ev.document.url) === origin ? addressSpaceOf(ev.document.ip) : null;
  if (space) {
    request.initiatorAddressSpace = space;
    note('initiatorAddressSpace', `${ev.document!.from}: ${ev.document!.url} came from ${ev.document!.ip} (${space})`);
  }
  const hasBody = ev.hasBody ?? (hasHeader(wire, 'content-type') || Number(getHeader(wire, 'content-length') ?? 0) > 0);
  if (hasBody) request.hasBody = true;
  return { request, inferred };
}

type Note = (field: Inference['field'], from: string) => void;

function inferOrigin(ev: RequestEvidence, wire: readonly Header[], note: Note): string {
  const originHeader = getHeader(wire, 'origin');
  if (ev.initiator) {
    note('origin', ev.initiator.from);
    return ev.initiator.origin;
  }
  if (originHeader !== null && originHeader !== 'null') {
    note('origin', 'the Origin header of the first request');
    return originHeader;
  }
  const referer = originOf(getHeader(wire, 'referer') ?? undefined);
  if (referer) {
    note('origin', 'the origin of the Referer header');
    return referer;
  }
  const doc = originOf(ev.documentUrl?.url);
  if (doc) {
    note('origin', ev.documentUrl!.from);
    return doc;
  }
  note('origin', 'nothing names the page; assumed an opaque origin ("null")');
  return 'null';
}

function inferMode(ev: RequestEvidence, wire: readonly Header[], crossOrigin: boolean, note: Note): RequestMode {
  const secFetchMode = getHeader(ev.sentHeaders ?? ev.provisionalHeaders, 'sec-fetch-mode');
  if (secFetchMode !== null && (MODES as readonly string[]).includes(secFetchMode)) {
    note('mode', `Sec-Fetch-Mode: ${secFetchMode}`);
    return secFetchMode as RequestMode;
  }
  if (ev.kind === 'document') {
    note('mode', `${ev.kindEvidence}: a document is navigated to`);
    return 'navigate';
  }
  if (ev.kind === 'websocket') {
    note('mode', ev.kindEvidence);
    return 'websocket';
  }
  if (ev.preflightHeaders) {
    note('mode', 'a CORS preflight was sent for it');
    return 'cors';
  }
  const simpleMethod = ev.method === 'GET' || ev.method === 'HEAD';
  const sawOrigin = hasHeader(ev.sentHeaders, 'origin');
  // Fetch §3.1 "append a request `Origin` header": a GET/HEAD carries Origin only in cors mode.
  if (ev.sentHeaders && crossOrigin && simpleMethod) {
    if (sawOrigin) {
      note('mode', 'a cross-origin GET/HEAD that carried an Origin header');
      return 'cors';
    }
    note('mode', 'a cross-origin GET/HEAD sent without an Origin header');
    return 'no-cors';
  }
  if (ev.kind === 'xmlhttprequest' || ev.kind === 'eventsource') {
    note('mode', `${ev.kindEvidence}: always cors mode`);
    return 'cors';
  }
  if (ev.kind === 'fetch' || ev.kind === 'fetch-or-xhr') {
    note('mode', `${ev.kindEvidence}: fetch's default mode (nothing on the wire tells otherwise)`);
    return 'cors';
  }
  note('mode', `${ev.kindEvidence}: elements without a crossorigin attribute load in no-cors mode`);
  return 'no-cors';
}

function inferCredentials(ev: RequestEvidence, mode: RequestMode, crossOrigin: boolean, origin: string, note: Note): CredentialsMode {
  if (mode === 'navigate' || mode === 'websocket') {
    note('credentials', `${mode} requests always include credentials`);
    return 'include';
  }
  if (ev.cookiesSent && crossOrigin) {
    note('credentials', 'cookies were sent to another origin');
    return 'include';
  }
  // Fetch §4.5 HTTP-network-or-cache fetch: same-origin credentials stop at the first cross-origin hop.
  const redirected = ev.cookieUrls?.find((u) => originOf(u) !== origin);
  if (redirected !== undefined) {
    note('credentials', `cookies were sent to another origin after a redirect (${redirected})`);
    return 'include';
  }
  if (mode === 'no-cors' && (ev.kind !== 'fetch' && ev.kind !== 'fetch-or-xhr')) {
    note('credentials', `${ev.kindEvidence} in no-cors mode: elements send credentials`);
    return 'include';
  }
  if (ev.cookiesSent) {
    note('credentials', 'cookies were sent to the same origin (same-origin and include look alike here)');
    return 'same-origin';
  }
  note('credentials', 'no cookies were sent; assumed the default (same-origin). A request with credentials: "include" and an empty cookie jar looks the same');
  return 'same-origin';
}

const INITIATOR_OF_KIND: Record<ResourceKind, InitiatorType> = {
  fetch: 'fetch',
  xmlhttprequest: 'xmlhttprequest',
  'fetch-or-xhr': 'fetch',
  document: 'document',
  script: 'script',
  image: 'image',
  stylesheet: 'stylesheet',
  font: 'font',
  media: 'media',
  beacon: 'beacon',
  eventsource: 'eventsource',
  websocket: 'websocket',
  other: 'other',
};

function inferInitiatorType(ev: RequestEvidence, note: Note): InitiatorType {
  if (ev.kind === 'fetch-or-xhr') {
    note('initiatorType', `${ev.kindEvidence}: fetch() and XMLHttpRequest look alike there; assumed fetch`);
  } else {
    note('initiatorType', ev.kindEvidence);
  }
  return INITIATOR_OF_KIND[ev.kind];
}

function inferAuthorHeaders(ev: RequestEvidence, note: Note): Header[] {
  if (ev.sentHeaders) {
    note('headers', 'the headers sent, minus those the browser adds');
    return authorHeaders(ev.sentHeaders, ev.preflightNames);
  }
  if (ev.provisionalHeaders) {
    note('headers', 'the provisional headers of a request never sent, minus those the browser adds');
    return authorHeaders(ev.provisionalHeaders, ev.preflightNames);
  }
  if (ev.preflightNames.size > 0) {
    note('headers', "the preflight's Access-Control-Request-Headers (names only: the request was never sent, its values are unknown)");
    return [...ev.preflightNames].map((name) => ({ name, value: '' }));
  }
  note('headers', 'the request was never sent and no preflight names its headers: none known');
  return [];
}

/** webRequest's ResourceType (Chrome and Firefox) as a ResourceKind. */
export function kindOfWebRequestType(type: string): ResourceKind {
  switch (type) {
    case 'xmlhttprequest':
      return 'fetch-or-xhr';
    case 'main_frame':
    case 'sub_frame':
    case 'object':
      return 'document';
    case 'script':
    case 'image':
    case 'stylesheet':
    case 'font':
    case 'media':
    case 'websocket':
    case 'beacon':
      return type;
    case 'imageset':
      return 'image';
    case 'ping':
      return 'beacon';
    default:
      return 'other';
  }
}

/** Chrome's HAR `_resourceType` (DevTools' resource type names) as a ResourceKind. */
export function kindOfDevToolsType(type: string | undefined): ResourceKind | null {
  switch (type) {
    case 'fetch':
      return 'fetch';
    case 'xhr':
      return 'xmlhttprequest';
    case 'document':
      return 'document';
    case 'script':
    case 'image':
    case 'stylesheet':
    case 'font':
    case 'media':
    case 'websocket':
    case 'eventsource':
      return type;
    case 'ping':
      return 'beacon';
    case 'other':
    case 'manifest':
    case 'texttrack':
    case 'signed-exchange':
      return 'other';
    default:
      return null;
  }
}

/**
 * The notes of a flow built from its preflight alone (the request itself was not captured): its
 * cookies and headers were not seen, which is not the same as not sent.
 */
export function preflightOnlyNotes(inferred: readonly Inference[], seen: string): Inference[] {
  return inferred.map((i) => {
    if (i.field === 'credentials') return { field: i.field, from: `${seen}, not the request: its cookies are unknown; assumed the default (same-origin)` };
    if (i.field === 'headers') return { field: i.field, from: `${seen}: the names in its Access-Control-Request-Headers; their values are unknown` };
    return i;
  });
}
