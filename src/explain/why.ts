/**
 * Plain-language reasons, one per finding code, for people who do not know the Fetch standard.
 * Like DevTools' descriptions/cors*.md: texts with placeholders, kept apart from the rules.
 */
import type { AddressSpace, CorsError, WarningCode } from '../model/index.ts';
import { CHROME_AUTHORIZATION_WILDCARD_ISSUE } from './chrome.ts';
import { code } from './code-spans.ts';

export interface WhyInput {
  failedParameter: string;
  /** The Origin the failing request carried (`null` after a cross-origin redirect). */
  origin: string;
  /** The page's origin. */
  pageOrigin: string;
  stage: 'preflight' | 'actual';
  credentials: boolean;
  method: string;
  addressSpace?: AddressSpace;
  /** The failure happened on a hop reached by a redirect. */
  redirected: boolean;
}

const which = (i: WhyInput) => (i.stage === 'preflight' ? 'The preflight (OPTIONS) response' : 'The response');
const taintedNote = (i: WhyInput) =>
  i.origin === 'null' && i.pageOrigin !== 'null'
    ? ` The request carried \`Origin: null\` because an earlier redirect went to another origin; after such a redirect the browser hides the page's origin.`
    : '';

type WhyText = (i: WhyInput) => string;

/** A value from the capture, as a code span (an empty one said in words). */
const val = (v: string) => (v === '' ? 'an empty value' : code(v));
const sentenceStart = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The why of a BlockedInChromeOnly warning; the evaluator appends Chrome's own why. */
export const BLOCKED_IN_CHROME_ONLY_WHY =
  'Firefox lets this response through, but Chrome blocks the same exchange: the two read these response headers differently (Chrome’s reason is in its message). Fix it so that it works in both.';

export const WHY: Record<CorsError | WarningCode, WhyText> = {
  MissingAllowOriginHeader: (i) =>
    `${which(i)} has no Access-Control-Allow-Origin header, so the browser may not give it to the page at ${i.pageOrigin}. The server (or a proxy in front of it) must say which origin may read it.${taintedNote(i)}`,
  PreflightMissingAllowOriginHeader: (i) =>
    `Before sending this ${i.method} request the browser asked the server for permission with an OPTIONS preflight. The preflight's answer had no Access-Control-Allow-Origin header, so the real request was never sent.${taintedNote(i)}`,
  MultipleAllowOriginValues: (i) =>
    `${which(i)} lists more than one origin (${val(i.failedParameter)}). Only one origin may be named; often the header is added twice, by the application and by a proxy or CDN.`,
  PreflightMultipleAllowOriginValues: (i) =>
    `The preflight response lists more than one origin (${val(i.failedParameter)}). Only one origin may be named; often the header is added twice, by the application and by a proxy or CDN.`,
  InvalidAllowOriginValue: (i) =>
    `${sentenceStart(val(i.failedParameter))} is not an origin. Access-Control-Allow-Origin takes exactly one origin (scheme, host and port, with no path and no wildcard pattern), \`*\`, or \`null\`.`,
  PreflightInvalidAllowOriginValue: (i) =>
    `The preflight response names ${val(i.failedParameter)}, which is not an origin. Access-Control-Allow-Origin takes exactly one origin (scheme, host and port, with no path and no wildcard pattern), \`*\`, or \`null\`.`,
  AllowOriginMismatch: (i) =>
    `${which(i)} allows ${val(i.failedParameter)}, but the request came from ${val(i.origin)}. The two must match exactly — scheme, host, port, no trailing slash.${taintedNote(i)}`,
  PreflightAllowOriginMismatch: (i) =>
    `The preflight response allows ${val(i.failedParameter)}, but the request came from ${val(i.origin)}. The two must match exactly — scheme, host, port, no trailing slash.${taintedNote(i)}`,
  WildcardOriginNotAllowed: () =>
    'The request was sent with credentials (cookies or HTTP authentication), and for such requests `Access-Control-Allow-Origin: *` is not enough: the server must name the origin.',
  PreflightWildcardOriginNotAllowed: () =>
    'The request is sent with credentials (cookies or HTTP authentication), and for such requests the preflight answer `Access-Control-Allow-Origin: *` is not enough: the server must name the origin.',
  InvalidAllowCredentials: (i) =>
    `The request was sent with credentials, so the response must also carry \`Access-Control-Allow-Credentials: true\` (exactly, lower-case); it had ${i.failedParameter === '' ? 'none' : val(i.failedParameter)}.`,
  PreflightInvalidAllowCredentials: (i) =>
    `The request is sent with credentials, so the preflight response must carry \`Access-Control-Allow-Credentials: true\` (exactly, lower-case); it had ${i.failedParameter === '' ? 'none' : val(i.failedParameter)}.`,
  CorsDisabledScheme: () =>
    'Cross-origin requests only work over http and https (and a few browser-internal schemes). This request went to, or was redirected to, another scheme.',
  DisallowedByMode: () =>
    "The request was made with mode 'same-origin' but its URL is on another origin, so the browser refused to make it.",
  InvalidResponse: () => 'The response was not a valid HTTP response.',
  PreflightInvalidStatus: () =>
    'The preflight (OPTIONS) request got an error status instead of 200–299. Servers often send OPTIONS through authentication or routing that rejects it; a preflight never carries cookies or Authorization, so it must be answered without them.',
  PreflightDisallowedRedirect: () =>
    'The preflight (OPTIONS) request was answered with a redirect, and browsers never follow redirects on preflights. Typical causes: a missing or extra trailing slash, an http→https redirect, or a login page.',
  PreflightMissingAllowExternal: () =>
    'An old Chromium experiment required Access-Control-Allow-External on preflights to private networks; current Chromium no longer sends these preflights.',
  PreflightInvalidAllowExternal: () =>
    'An old Chromium experiment required `Access-Control-Allow-External: true` on preflights to private networks; current Chromium no longer sends these preflights.',
  InvalidAllowMethodsPreflightResponse: () =>
    'The preflight response has an Access-Control-Allow-Methods header the browser cannot read: it must be a comma-separated list of method names (tokens), without quotes, slashes or other separators.',
  InvalidAllowHeadersPreflightResponse: () =>
    'The preflight response has an Access-Control-Allow-Headers header the browser cannot read: it must be a comma-separated list of header names (tokens), without quotes, semicolons or other separators.',
  MethodDisallowedByPreflightResponse: (i) =>
    `The preflight response does not list ${val(i.failedParameter)} in Access-Control-Allow-Methods. Method names are compared case-sensitively (\`patch\` is not \`PATCH\`)${i.credentials ? ', and `*` does not count for requests with credentials' : ''}.`,
  HeaderDisallowedByPreflightResponse: (i) =>
    `The page sets the request header ${val(i.failedParameter)}, and the preflight response does not list it in Access-Control-Allow-Headers${i.credentials ? ' (`*` does not count for requests with credentials)' : ''}.`,
  RedirectContainsCredentials: () =>
    'A redirect pointed to a URL with a user name or password in it (https://user:pass@host/…). Browsers refuse to follow such redirects for cross-origin requests.',
  InsecureLocalNetwork: (i) =>
    `The page was loaded over plain http from a less private network and asked for a resource in the more private \`${i.addressSpace ?? 'local'}\` address space. Chromium only lets secure (https) pages reach local networks.`,
  InvalidLocalNetworkAccess: (i) =>
    `The page declared which address space it expected to reach (fetch()'s targetAddressSpace), and the server turned out to be in another one${i.addressSpace ? `, \`${i.addressSpace}\`` : ''}. Chromium refuses the connection before sending anything. Firefox has no such option and would make the request.`,
  LocalNetworkAccessPermissionDenied: (i) =>
    `The page asked for a resource in the more private \`${i.addressSpace ?? 'local'}\` address space, and the permission to access the local network was denied (or could not be asked for, as in headless browsers).`,
  NoCorsRedirectModeNotFollow: () => "A request in mode 'no-cors' must follow redirects; it was made with another redirect mode.",
  ReflectedOriginWithCredentials: () =>
    'The server echoes whatever Origin it receives into Access-Control-Allow-Origin and allows credentials. Any website can then read this API with the visitor’s cookies. Allow a fixed list of origins instead.',
  AllowOriginNull: () =>
    '`Access-Control-Allow-Origin: null` lets in every sandboxed iframe, file: page and data: URL — and requests that were redirected across origins. Anyone can create such a context, so this is close to allowing everyone.',
  MissingVaryOrigin: () =>
    'The response names one origin in Access-Control-Allow-Origin but has no `Vary: Origin`. A shared or browser cache may then serve it to a page on another origin, which will be blocked.',
  WildcardOriginWithSetCookie: () =>
    'The response sets a cookie and allows every origin with `*`. `*` only works for requests without credentials, and such requests neither send nor store the cookies the server expects.',
  AuthorizationCoveredByWildcard: () =>
    'The preflight allows request headers with `*`, and the page sends Authorization. The Fetch standard says `*` does not cover Authorization; ' +
    `Chromium still lets it through and reports a deprecation in the DevTools Issues panel ("${CHROME_AUTHORIZATION_WILDCARD_ISSUE}"); ` +
    'Firefox prints a warning. List Authorization explicitly.',
  ExposeHeadersWildcardWithCredentials: () =>
    '`Access-Control-Expose-Headers: *` does not work for requests with credentials: the page can only read the headers named explicitly.',
  SameOriginModeRedirected: () =>
    "The request was made with mode 'same-origin' and the server redirected it to another origin. Chromium stops such a load as unsafe (net::ERR_ABORTED) instead of reporting a CORS error.",
  UnsafeRequestHeaderRefused: (i) =>
    `The page's XMLHttpRequest tried to set ${val(i.failedParameter)}, a header only the browser may set. The browser dropped it (the request went without it) and logged a console error; fetch() drops such headers silently.`,
  BlockedInChromeOnly: () => BLOCKED_IN_CHROME_ONLY_WHY,
  PreflightMaxAgeCapped: () =>
    'Access-Control-Max-Age asks browsers to cache the preflight result longer than they will: Chromium caps it at 2 hours (7200 s), Firefox at 24 hours.',
};

export function why(code: CorsError | WarningCode, input: WhyInput): string {
  return WHY[code](input);
}
