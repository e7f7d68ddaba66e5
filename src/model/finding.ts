import type { BrowserName } from './flow.ts';

/**
 * Chromium's `network::mojom::CorsError` values, by name, as the Chrome DevTools Protocol reports
 * them in `Network.CorsErrorStatus.corsError` (services/network/public/mojom/cors.mojom). These are
 * our finding codes for failures; store the names, never the enum numbers (they were renumbered).
 *
 * Values no rule of the evaluator produces, because no HTTP exchange the tool sees can cause them:
 * InvalidResponse (Chromium's loader refusing a response object it could not build — a failure
 * inside the browser, not a header value); PreflightMissingAllowExternal and
 * PreflightInvalidAllowExternal (the retired Private Network Access experiment's
 * `Access-Control-Allow-External`, never checked by Chromium 156). Each keeps its messages and fix
 * so that a capture naming it is still explained. InvalidLocalNetworkAccess has a rule, but needs
 * the page's declared `targetAddressSpace`, which webRequest and HARs do not record (flow.ts).
 */
export const CORS_ERRORS = [
  'DisallowedByMode',
  'InvalidResponse',
  'WildcardOriginNotAllowed',
  'MissingAllowOriginHeader',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
  'InvalidAllowCredentials',
  'CorsDisabledScheme',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'RedirectContainsCredentials',
  'InsecureLocalNetwork',
  'InvalidLocalNetworkAccess',
  'NoCorsRedirectModeNotFollow',
  'LocalNetworkAccessPermissionDenied',
] as const;
export type CorsError = (typeof CORS_ERRORS)[number];

/**
 * Findings that do not block the request but that a developer should hear about. These are ours:
 * Chromium has no enum for them.
 */
export const WARNING_CODES = [
  /** Access-Control-Allow-Origin echoes the request's Origin while credentials are allowed. */
  'ReflectedOriginWithCredentials',
  /** Access-Control-Allow-Origin: null is granted (sandboxed frames, file: and data: pages share it). */
  'AllowOriginNull',
  /** A per-origin Access-Control-Allow-Origin without `Vary: Origin` can be served to another origin by a cache. */
  'MissingVaryOrigin',
  /** `Access-Control-Allow-Origin: *` on a response that sets cookies. */
  'WildcardOriginWithSetCookie',
  /** `Access-Control-Allow-Headers: *` does not cover Authorization (Chromium's deprecation, Firefox's warning). */
  'AuthorizationCoveredByWildcard',
  /** A response is readable but a header the page may want is hidden from JavaScript. */
  'ExposeHeadersWildcardWithCredentials',
  /** The preflight was allowed but its result will not be cached long (Access-Control-Max-Age). */
  'PreflightMaxAgeCapped',
  /**
   * A request in mode `same-origin` was redirected to another origin: Chromium stops it as an unsafe
   * load (net::ERR_ABORTED, a console security error), not with a CorsError.
   */
  'SameOriginModeRedirected',
  /**
   * The page's XMLHttpRequest tried to set a forbidden request header (Cookie, Origin, User-Agent,
   * Sec-…, Proxy-…): Chromium drops it and logs `Refused to set unsafe header "<name>"`.
   */
  'UnsafeRequestHeaderRefused',
  /**
   * Judged for Firefox: Firefox lets the response through, but Chromium blocks the same exchange
   * (it reads the response's headers otherwise); the finding carries Chrome's error and its fix.
   */
  'BlockedInChromeOnly',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** Where in a flow a finding applies: which hop, and whether its preflight or its actual response. */
export interface FindingLocation {
  /** Index into flow.hops. */
  hop: number;
  stage: 'preflight' | 'actual';
  /** URL of that exchange. */
  url: string;
}

export type ServerKind = 'express' | 'nginx' | 'apache' | 'flask' | 'django';

/** What the server must send instead. */
export interface Fix {
  /** One sentence: which header, on which response, with which value. */
  summary: string;
  /** The response that must change. */
  on: 'preflight' | 'actual' | 'redirect' | 'request';
  /** The header to add or change, when the fix is a header. */
  header?: string;
  /** The value it must have. */
  value?: string;
  /** Ready-to-paste configuration for common servers. */
  snippets: Partial<Record<ServerKind, string>>;
}

export interface Finding {
  code: CorsError | WarningCode;
  severity: 'error' | 'warning';
  /** Chromium's `failedParameter`: the offending value, method or header name ('' when none). */
  failedParameter: string;
  location: FindingLocation;
  /** Exact console text of each browser; null when that browser prints nothing for this finding. */
  messages: Record<BrowserName, string | null>;
  /** The reason in plain language, for people who do not know the Fetch standard. */
  why: string;
  fix: Fix | null;
  /** Optional link for further reading (MDN). */
  learnMore?: string;
}

/**
 * The verdict on a flow:
 * - `allowed`: cross-origin in cors mode and every check passed; JavaScript can read the response.
 * - `blocked`: CORS blocked it; `error` says why.
 * - `not-cors`: the CORS check did not apply (same-origin, no-cors, navigation).
 * - `failed`: a network failure that is not CORS (DNS, refused, TLS, too many redirects, aborted).
 * - `pending`: still in flight (live capture only).
 */
export type Verdict = 'allowed' | 'blocked' | 'not-cors' | 'failed' | 'pending';
