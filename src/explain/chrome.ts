/**
 * Chromium 156's console text for each CorsError, as printed (checked against the running browser;
 * the source is third_party/blink/renderer/platform/loader/cors/cors_error_string.cc GetErrorString).
 * Rules decide the code; this table only words it.
 */
import type { AddressSpace, CorsError, InitiatorType } from '../model/index.ts';
import { CORS_ENABLED_SCHEMES, parseUrl } from '../fetch/origin.ts';

export interface ChromeMessageInput {
  code: CorsError;
  initiator: InitiatorType;
  /** The URL the page asked for. */
  firstUrl: string;
  /** The URL of the request that failed (differs after redirects). */
  lastUrl: string;
  /** The page's serialized origin (Chromium prints the page's origin even when the request carried `null`). */
  origin: string;
  failedParameter: string;
  /** The resource's address space (Local Network Access messages). */
  addressSpace?: AddressSpace;
  /** The address space the request declared (InvalidLocalNetworkAccess). */
  targetAddressSpace?: AddressSpace;
  /**
   * Major version of the Chrome that made the flow (from a HAR or capture), when known. Chromium up
   * to 132 still suggested no-cors in fetch() messages; 156 does not. Unknown: 156's wording.
   */
  chromeMajor?: number;
}

/** The last Chromium whose source we saw with the no-cors suggestions (reference notes). */
const LAST_WITH_NO_CORS_HINT = 132;

/**
 * "fetch", "XMLHttpRequest", "script"…: Blink's Resource::ResourceTypeToString, lower-cased when its
 * second letter is lower-case ("CSS stylesheet" keeps its capitals).
 */
export function resourceKind(initiator: InitiatorType): string {
  switch (initiator) {
    case 'fetch':
      return 'fetch';
    case 'xmlhttprequest':
      return 'XMLHttpRequest';
    case 'script':
      return 'script';
    case 'image':
      return 'image';
    case 'stylesheet':
      return 'CSS stylesheet';
    case 'font':
      return 'font';
    case 'media':
      return 'video';
    case 'document':
      return 'document';
    default:
      return 'resource';
  }
}

/** Codes whose reason follows "Response to preflight request doesn't pass access control check: ". */
const PREFLIGHT_PREFIXED = new Set<CorsError>([
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
]);

/** Chromium 156 adds this to fetch() messages about a bad Access-Control-Allow-Origin value. */
const FETCH_VALID_VALUE = ' Have the server send the header with a valid value.';
const NO_CORS_HINT = " If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.";
const FETCH_VALID_VALUE_LEGACY =
  " Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.";
const XHR_CREDENTIALS = ' The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.';

/**
 * The failedParameter as the console prints it: Blink reads the header value's bytes as Latin-1,
 * and the console line shows every character outside printable ASCII as `\u` and four upper-case
 * hex digits — so a UTF-8 `é` reads `\u00C3\u00A9`, a tab `\u0009` (checked in Chromium 156;
 * cors_error_string.cc builds the hint with StringView over the raw bytes).
 */
export function consoleHint(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    out += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : `\\u${byte.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** The reason part of the message, extra sentences per initiator included. */
export function chromeReason(i: ChromeMessageInput): string {
  const hint = consoleHint(i.failedParameter);
  const fetch = i.initiator === 'fetch';
  const legacy = i.chromeMajor !== undefined && i.chromeMajor <= LAST_WITH_NO_CORS_HINT;
  const validValue = legacy ? FETCH_VALID_VALUE_LEGACY : FETCH_VALID_VALUE;
  const xhr = i.initiator === 'xmlhttprequest';
  const space = i.addressSpace ?? 'unknown';
  switch (i.code) {
    case 'DisallowedByMode':
      return 'Cross origin requests are not allowed by request mode.';
    case 'InvalidResponse':
      return 'The response is invalid.';
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return `The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.${xhr ? XHR_CREDENTIALS : ''}`;
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader':
      // Chromium 132's source appended an opaque-response hint for fetch; 156 prints none.
      return `No 'Access-Control-Allow-Origin' header is present on the requested resource.${fetch && legacy ? NO_CORS_HINT : ''}`;
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      return `The 'Access-Control-Allow-Origin' header contains multiple values '${hint}', but only one is allowed.${fetch ? validValue : ''}`;
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
      return `The 'Access-Control-Allow-Origin' header contains the invalid value '${hint}'.${fetch ? validValue : ''}`;
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      return `The 'Access-Control-Allow-Origin' header has a value '${hint}' that is not equal to the supplied origin.${fetch ? validValue : ''}`;
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return `The value of the 'Access-Control-Allow-Credentials' header in the response is '${hint}' which must be 'true' when the request's credentials mode is 'include'.${xhr ? XHR_CREDENTIALS : ''}`;
    case 'CorsDisabledScheme':
      return `Cross origin requests are only supported for protocol schemes: ${CORS_ENABLED_SCHEMES.join(', ')}.`;
    case 'PreflightInvalidStatus':
      return 'It does not have HTTP ok status.';
    case 'PreflightDisallowedRedirect':
      return 'Redirect is not allowed for a preflight request.';
    // The external-request preflight (CORS-RFC1918) is gone from Chromium; the enum keeps the
    // values. Texts from the Chromium source that last printed them.
    case 'PreflightMissingAllowExternal':
      return "No 'Access-Control-Allow-External' header was present in the preflight response for this external request (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').";
    case 'PreflightInvalidAllowExternal':
      return `The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of '${hint}',  not 'true' (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').`;
    case 'InvalidAllowMethodsPreflightResponse':
      return 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.';
    case 'InvalidAllowHeadersPreflightResponse':
      return 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.';
    case 'MethodDisallowedByPreflightResponse':
      return `Method ${hint} is not allowed by Access-Control-Allow-Methods in preflight response.`;
    case 'HeaderDisallowedByPreflightResponse':
      return `Request header field ${hint} is not allowed by Access-Control-Allow-Headers in preflight response.`;
    case 'RedirectContainsCredentials':
      // Chromium 156 reports no failedParameter here, so the quotes stay empty.
      return `Redirect location '${hint}' contains a username and password, which is disallowed for cross-origin requests.`;
    case 'InsecureLocalNetwork':
      return `The request client is not a secure context and the resource is in more-private address space \`${space}\`.`;
    case 'InvalidLocalNetworkAccess':
      // The declared space first, then the one the connection found (Chromium 156, as printed).
      return `Request had a target IP address space of \`${i.targetAddressSpace ?? 'unknown'}\` yet the resource is in address space \`${space}\`.`;
    case 'LocalNetworkAccessPermissionDenied':
      return `Permission was denied for this request to access the \`${space}\` address space.`;
    case 'NoCorsRedirectModeNotFollow':
      return 'Request mode is "no-cors" but the redirect mode is not "follow".';
  }
}

/**
 * Blink's KURL::ElidedString of the request's URL, for the lines fetch() prints before any request
 * is made: the URL as the URL parser serializes it (`café` in a query becomes `caf%C3%A9`), and
 * when over 1024 characters, its first 511 and last 510 around "...".
 */
function elided(url: string): string {
  const serialized = parseUrl(url)?.href ?? url;
  return serialized.length <= 1024 ? serialized : `${serialized.slice(0, 511)}...${serialized.slice(-510)}`;
}

/** The whole console line Chromium 156 prints for a CORS failure. */
export function chromeMessage(i: ChromeMessageInput): string {
  // Blink stops these before the network: fetch() prints its own "Fetch API cannot load" line.
  if (i.code === 'DisallowedByMode' && i.initiator === 'fetch' && i.firstUrl === i.lastUrl) {
    return `Fetch API cannot load ${elided(i.lastUrl)}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${i.origin}.`;
  }
  if (i.code === 'NoCorsRedirectModeNotFollow') {
    return `Fetch API cannot load ${elided(i.lastUrl)}. ${chromeReason(i)}`;
  }
  const redirected = i.firstUrl !== i.lastUrl ? `(redirected from '${i.firstUrl}') ` : '';
  const prefix = PREFLIGHT_PREFIXED.has(i.code) ? "Response to preflight request doesn't pass access control check: " : '';
  return `Access to ${resourceKind(i.initiator)} at '${i.lastUrl}' ${redirected}from origin '${i.origin}' has been blocked by CORS policy: ${prefix}${chromeReason(i)}`;
}

/**
 * Chromium reports `*` covering Authorization as a DevTools issue (Issues panel, deprecation
 * `AuthorizationCoveredByWildcard`), not on the console. Text: devtools-frontend's deprecation table.
 */
export const CHROME_AUTHORIZATION_WILDCARD_ISSUE =
  'Authorization will not be covered by the wildcard symbol (*) in CORS `Access-Control-Allow-Headers` handling.';

/** XMLHttpRequest.setRequestHeader with a forbidden name (xml_http_request.cc setRequestHeader): the name as the page wrote it. */
export function chromeRefusedHeaderMessage(name: string): string {
  return `Refused to set unsafe header "${name}"`;
}

/**
 * Blink's console security error when a `same-origin`-mode request is redirected to another origin
 * (it ends with a newline in Chromium 156's text). The frame URL is the page's document URL.
 */

export function chromeUnsafeLoadMessage(url: string, frameUrl: string): string {
  return `Unsafe attempt to load URL ${url} from frame with URL ${frameUrl}. Domains, protocols and ports must match.\n`;
}

/**
 * The spaces Chromium's InvalidLocalNetworkAccess line names (declared, then found), so that a
 * capture that saw the console can fill in the request's targetAddressSpace; null if it is not one.
 */
export function parseInvalidLocalNetworkAccess(line: string): { targetAddressSpace: AddressSpace; addressSpace: AddressSpace } | null {
  const m = /Request had a target IP address space of `(loopback|local|public)` yet the resource is in address space `(loopback|local|public)`\./.exec(line);
  return m ? { targetAddressSpace: m[1] as AddressSpace, addressSpace: m[2] as AddressSpace } : null;
}
