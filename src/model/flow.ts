import type { Header } from './header.ts';
import type { AddressSpace, Hop } from './exchange.ts';

/** Fetch's request mode. `navigate` and `websocket` are never judged by the CORS check. */
export type RequestMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate' | 'websocket';

/** Fetch's credentials mode. XHR's withCredentials=true is `include`, false is `same-origin`. */
export type CredentialsMode = 'omit' | 'same-origin' | 'include';

/**
 * What made the request. It chooses the wording of Chrome's message ("Access to fetch at …",
 * "Access to XMLHttpRequest at …", "Access to script at …").
 */
export type InitiatorType =
  | 'fetch'
  | 'xmlhttprequest'
  | 'script'
  | 'image'
  | 'stylesheet'
  | 'font'
  | 'media'
  | 'document'
  | 'beacon'
  | 'eventsource'
  | 'websocket'
  | 'other';

export type BrowserName = 'chrome' | 'firefox';

/** The request as the page's code made it, before the browser added anything. */
export interface PageRequest {
  /** The URL the page asked for — the first hop's URL. */
  url: string;
  /** The method as the page wrote it, after Fetch's normalization (see fetch/method.ts). */
  method: string;
  /** Headers the page's code set (author headers); never the ones the browser adds. */
  headers: Header[];
  mode: RequestMode;
  credentials: CredentialsMode;
  initiatorType: InitiatorType;
  /** Serialized origin of the page that made the request, e.g. `https://app.site-a.test:8443`. */
  origin: string;
  /**
   * URL of the top-level document, for "site for cookies". Defaults to `origin` when unknown
   * (the request came from a top-level page).
   */
  topLevelUrl?: string;
  /** The request had a body (POST/PUT…); relevant when a 301/302/303 rewrites the method. */
  hasBody?: boolean;
  /**
   * Fetch's redirect mode (default `follow`; XHR always follows). `error` fails a redirect as a
   * network error; `manual` hands the page an opaque-redirect response; `no-cors` with anything but
   * `follow` is refused before the network (CorsError NoCorsRedirectModeNotFollow).
   */
  redirect?: 'follow' | 'error' | 'manual';
  /**
   * The page's own address space (from its document's server IP, or CDP
   * `clientSecurityState.initiatorIPAddressSpace`), for Local Network Access. Unknown: no LNA check.
   */
  initiatorAddressSpace?: AddressSpace;
  /**
   * The address space the page declared it expects the server in: fetch()'s `targetAddressSpace`
   * option (Chromium 156; `unknown` declares nothing). Neither webRequest nor a HAR records it: set
   * it by hand, or infer it when Chromium's error names it ("Request had a target IP address space
   * of `local` yet …", see explain/chrome.ts parseInvalidLocalNetworkAccess). Unknown: no check.
   */
  targetAddressSpace?: AddressSpace;
}

/**
 * Fields of PageRequest that were not recorded but inferred, with the evidence used — and
 * (`preflight`, `response`) what the capture could not record about the exchanges, and what was
 * assumed in its place (Playwright's HAR keeps no preflights, and no response for a failed request).
 */
export interface Inference {
  field: 'mode' | 'credentials' | 'initiatorType' | 'headers' | 'origin' | 'method' | 'topLevelUrl' | 'initiatorAddressSpace' | 'preflight' | 'response';
  from: string;
}

/**
 * A flow: everything the browser did for one request the page made — the preflight(s), the actual
 * request and each redirect hop — in order. The evaluator judges a flow.
 */
export interface Flow {
  id: string;
  request: PageRequest;
  /** At least one hop. hops[0].request.url is request.url; each next hop follows a redirect. */
  hops: Hop[];
  /** The network error that ended the flow as the browser reported it, if it did not complete. */
  error?: string;
  /** Which browser recorded the flow, when known; used to choose message wording. */
  browser?: { name: BrowserName; version?: string };
  /** Where the flow came from, for people: `live`, a HAR file name, a test name. */
  source?: string;
  /** Inspected tab, for live capture. */
  tabId?: number;
  startedAt?: number;
  inferred: Inference[];
  /**
   * Set by correlation when no preflight was seen for a hop that needed one: the flow whose
   * preflight the browser's preflight cache reused.
   */
  preflightCacheHit?: { flowId: string; maxAgeSeconds: number | null };
}
