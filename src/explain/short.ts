/** One-line reasons for lists ("Blocked: no Access-Control-Allow-Origin on the preflight"). */
import type { CorsError } from '../model/index.ts';

export const SHORT: Record<CorsError, string> = {
  DisallowedByMode: "mode 'same-origin' for a cross-origin URL",
  InvalidResponse: 'invalid response',
  WildcardOriginNotAllowed: 'Access-Control-Allow-Origin is * but the request has credentials',
  MissingAllowOriginHeader: 'no Access-Control-Allow-Origin',
  MultipleAllowOriginValues: 'several values in Access-Control-Allow-Origin',
  InvalidAllowOriginValue: 'invalid Access-Control-Allow-Origin',
  AllowOriginMismatch: 'Access-Control-Allow-Origin does not match the origin',
  InvalidAllowCredentials: 'Access-Control-Allow-Credentials is not true',
  CorsDisabledScheme: 'not an http(s) URL',
  PreflightInvalidStatus: 'the preflight got an error status',
  PreflightDisallowedRedirect: 'the preflight was redirected',
  PreflightWildcardOriginNotAllowed: 'Access-Control-Allow-Origin is * on the preflight but the request has credentials',
  PreflightMissingAllowOriginHeader: 'no Access-Control-Allow-Origin on the preflight',
  PreflightMultipleAllowOriginValues: 'several values in Access-Control-Allow-Origin on the preflight',
  PreflightInvalidAllowOriginValue: 'invalid Access-Control-Allow-Origin on the preflight',
  PreflightAllowOriginMismatch: 'Access-Control-Allow-Origin on the preflight does not match the origin',
  PreflightInvalidAllowCredentials: 'Access-Control-Allow-Credentials on the preflight is not true',
  PreflightMissingAllowExternal: 'no Access-Control-Allow-External on the preflight',
  PreflightInvalidAllowExternal: 'invalid Access-Control-Allow-External on the preflight',
  InvalidAllowMethodsPreflightResponse: 'unparseable Access-Control-Allow-Methods',
  InvalidAllowHeadersPreflightResponse: 'unparseable Access-Control-Allow-Headers',
  MethodDisallowedByPreflightResponse: 'method not in Access-Control-Allow-Methods',
  HeaderDisallowedByPreflightResponse: 'request header not in Access-Control-Allow-Headers',
  RedirectContainsCredentials: 'redirect to a URL with a user name and password',
  InsecureLocalNetwork: 'insecure page reaching a more private network',
  InvalidLocalNetworkAccess: 'unexpected address space',
  NoCorsRedirectModeNotFollow: "no-cors request with redirect mode other than 'follow'",
  LocalNetworkAccessPermissionDenied: 'local network access denied',
};

/** MDN pages for further reading. */
export const LEARN_MORE: Partial<Record<CorsError, string>> = {
  MissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  PreflightMissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  MultipleAllowOriginValues: 'CORSMultipleAllowOriginNotAllowed',
  PreflightMultipleAllowOriginValues: 'CORSMultipleAllowOriginNotAllowed',
  AllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  PreflightAllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  InvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  PreflightInvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  WildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  PreflightWildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  InvalidAllowCredentials: 'CORSMIssingAllowCredentials',
  PreflightInvalidAllowCredentials: 'CORSMIssingAllowCredentials',
  PreflightInvalidStatus: 'CORSPreflightDidNotSucceed',
  PreflightDisallowedRedirect: 'CORSExternalRedirectNotAllowed',
  InvalidAllowMethodsPreflightResponse: 'CORSInvalidAllowMethod',
  InvalidAllowHeadersPreflightResponse: 'CORSInvalidAllowHeader',
  MethodDisallowedByPreflightResponse: 'CORSMethodNotFound',
  HeaderDisallowedByPreflightResponse: 'CORSMissingAllowHeaderFromPreflight',
  CorsDisabledScheme: 'CORSRequestNotHttp',
  RedirectContainsCredentials: 'CORSDidNotSucceed',
};

export function learnMoreUrl(code: CorsError): string {
  if (code === 'InsecureLocalNetwork' || code === 'LocalNetworkAccessPermissionDenied' || code === 'InvalidLocalNetworkAccess') {
    return 'https://developer.chrome.com/blog/local-network-access';
  }
  const page = LEARN_MORE[code];
  return page
    ? `https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/${page}`
    : 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS';
}
