import type { Finding, Verdict } from './finding.ts';

/** Why a request was or was not preflighted. */
export interface PreflightReason {
  kind:
    | 'method' // a non-safelisted method
    | 'header' // a non-safelisted header name
    | 'header-value' // a safelisted name with an unsafe value
    | 'total-size' // safelisted values over 1024 bytes together
    | 'authorization' // Authorization is never safelisted
    | 'redirect'; // preflighted again after a redirect
  /** The method or header name concerned. */
  subject: string;
  /** Plain-language detail: "Content-Type application/json is not one of …". */
  detail: string;
}

export interface Classification {
  crossOrigin: boolean;
  /** Site relation of the page and the first request URL (schemeful). */
  sameSite: boolean;
  needsPreflight: boolean;
  preflightReasons: PreflightReason[];
  /** Access-Control-Request-Headers as the browser sends it (sorted, lower-case), or ''. */
  requestHeadersForPreflight: string;
  /** The `Origin` header value the browser sends at each hop (null: none sent). */
  originPerHop: (string | null)[];
}

export type HiddenHeaderReason =
  | 'not-safelisted' // not a CORS-safelisted response-header name and not exposed
  | 'wildcard-with-credentials' // exposed only by `*`, which credentials mode include ignores
  | 'never-readable' // Set-Cookie / Set-Cookie2
  | 'opaque'; // a no-cors (opaque) or blocked response: nothing is readable

export interface ReadableHeader {
  name: string;
  reason: 'safelisted' | 'exposed' | 'exposed-by-wildcard' | 'same-origin';
}

export interface HiddenHeader {
  name: string;
  reason: HiddenHeaderReason;
  /**
   * What else hid it, in words: an Access-Control-Expose-Headers the browser could not parse (the
   * whole list is then void, so nothing it names is exposed) says what was wrong with it.
   */
  detail?: string;
}

/** Chrome DevTools Protocol `SetCookieBlockedReason` / `CookieBlockedReason` names, or our warnings. */
export type CookieReason = string;

export interface CookieOutcome {
  name: string;
  /** `set`: a Set-Cookie on a response; `send`: a cookie attached to or withheld from a request. */
  direction: 'set' | 'send';
  outcome: 'allowed' | 'blocked' | 'warning';
  reasons: CookieReason[];
  /** Which hop, and for `set` whether it came on the preflight (never stored from there) or the actual response. */
  hop: number;
  stage: 'preflight' | 'actual';
  domain?: string;
  path?: string;
  /** The raw Set-Cookie line or cookie pair. Redact before export. */
  raw?: string;
  /** Plain-language explanation of the reasons. */
  why: string;
}

export interface Evaluation {
  flowId: string;
  verdict: Verdict;
  error: Finding | null;
  warnings: Finding[];
  classification: Classification;
  /** Lower-case names JavaScript can read, as `response.headers.keys()` lists them (sorted, unique). */
  readableResponseHeaders: string[];
  readable: ReadableHeader[];
  hiddenResponseHeaders: HiddenHeader[];
  cookies: CookieOutcome[];
  /** Short human summary for lists ("Blocked: no Access-Control-Allow-Origin on the preflight"). */
  summary: string;
}

/** What the evaluator assumes about the browser and the user's settings. */
export interface EvaluationContext {
  browser: 'chrome' | 'firefox';
  /** A desktop user's default is `allowed`; headless Chromium and Incognito block them. */
  thirdPartyCookies: 'allowed' | 'blocked';
  /** Cookies known to be in the jar before this flow (from earlier Set-Cookie); see cookies/jar.ts. */
  cookieJar?: readonly StoredCookie[];
  /** Current time in ms since the epoch, for cookie expiry; pass it in, the core reads no clock. */
  now?: number;
}

export interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax' | 'none' | 'unspecified';
  partitioned: boolean;
  /** Top-level site the cookie is partitioned under, when partitioned. */
  partitionKey?: string;
  expiresAt?: number;
  createdAt?: number;
}
