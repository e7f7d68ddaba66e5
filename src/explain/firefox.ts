/**
 * Firefox's console text for each CORS message key, exactly as security.properties words it
 * (mozilla dom/locales/en-US/chrome/security/security.properties; curly quotes are part of the
 * text). `%1$S` is the URL, `%2$S` the argument; a missing argument prints as "(null)".
 */

/** Keys of Firefox's security.properties CORS messages. */
export type FirefoxKey =
  | 'CORSDidNotSucceed2'
  | 'CORSExternalRedirectNotAllowed'
  | 'CORSRequestNotHttp'
  | 'CORSMissingAllowOrigin2'
  | 'CORSMultipleAllowOriginNotAllowed'
  | 'CORSAllowOriginNotMatchingOrigin'
  | 'CORSNotSupportingCredentials'
  | 'CORSMethodNotFound'
  | 'CORSMissingAllowCredentials'
  | 'CORSPreflightDidNotSucceed3'
  | 'CORSInvalidAllowMethod'
  | 'CORSInvalidAllowHeader'
  | 'CORSMissingAllowHeaderFromPreflight2'
  | 'CORSAllowHeaderFromPreflightDeprecation'
  /** Not a CORS message: dom.properties, printed when a same-origin-mode fetch leaves the origin. */
  | 'CheckSameOriginError';

export interface FirefoxLine {
  key: FirefoxKey;
  url: string;
  /** The %2$S argument, when the message has one. `undefined` prints as "(null)". */
  param?: string;
}

const BLOCKED = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at %1$S. ';

export const FIREFOX_TEMPLATES: Record<FirefoxKey, string> = {
  CORSDidNotSucceed2: `${BLOCKED}(Reason: CORS request did not succeed). Status code: %2$S.`,
  CORSExternalRedirectNotAllowed: `${BLOCKED}(Reason: CORS request external redirect not allowed).`,
  CORSRequestNotHttp: `${BLOCKED}(Reason: CORS request not http).`,
  CORSMissingAllowOrigin2: `${BLOCKED}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: %2$S.`,
  CORSMultipleAllowOriginNotAllowed: `${BLOCKED}(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
  CORSAllowOriginNotMatchingOrigin: `${BLOCKED}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘%2$S’).`,
  CORSNotSupportingCredentials:
    'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘%1$S’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
  CORSMethodNotFound: `${BLOCKED}(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
  CORSMissingAllowCredentials: `${BLOCKED}(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
  CORSPreflightDidNotSucceed3: `${BLOCKED}(Reason: CORS preflight response did not succeed). Status code: %2$S.`,
  CORSInvalidAllowMethod: `${BLOCKED}(Reason: invalid token ‘%2$S’ in CORS header ‘Access-Control-Allow-Methods’).`,
  CORSInvalidAllowHeader: `${BLOCKED}(Reason: invalid token ‘%2$S’ in CORS header ‘Access-Control-Allow-Headers’).`,
  CORSMissingAllowHeaderFromPreflight2: `${BLOCKED}(Reason: header ‘%2$S’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
  CheckSameOriginError: 'Security Error: Content at %1$S may not load data from %2$S.',
  CORSAllowHeaderFromPreflightDeprecation:
    'Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at %1$S soon. (Reason: When the `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered. To include the `Authorization` header, it must be explicitly listed in CORS header `Access-Control-Allow-Headers`).',
};

/** Fills a template. Replacement is done in one pass so a URL holding "%2$S" stays as it is. */
export function firefoxLine(line: FirefoxLine): string {
  return FIREFOX_TEMPLATES[line.key].replace(/%([12])\$S/g, (_m, n: string) =>
    n === '1' ? line.url : (line.param ?? '(null)'),
  );
}

/** Several console lines (a failed preflight prints its reason, then "did not succeed") joined by "\n". */
export function firefoxMessage(lines: readonly FirefoxLine[]): string | null {
  return lines.length === 0 ? null : lines.map(firefoxLine).join('\n');
}

/** MDN's page for each Firefox reason (Web/HTTP/Guides/CORS/Errors/<Reason>). */
export const MDN_FIREFOX_REASON: Partial<Record<FirefoxKey, string>> = {
  CORSDidNotSucceed2: 'CORSDidNotSucceed',
  CORSExternalRedirectNotAllowed: 'CORSExternalRedirectNotAllowed',
  CORSRequestNotHttp: 'CORSRequestNotHttp',
  CORSMissingAllowOrigin2: 'CORSMissingAllowOrigin',
  CORSMultipleAllowOriginNotAllowed: 'CORSMultipleAllowOriginNotAllowed',
  CORSAllowOriginNotMatchingOrigin: 'CORSAllowOriginNotMatchingOrigin',
  CORSNotSupportingCredentials: 'CORSNotSupportingCredentials',
  CORSMethodNotFound: 'CORSMethodNotFound',
  CORSMissingAllowCredentials: 'CORSMIssingAllowCredentials',
  CORSPreflightDidNotSucceed3: 'CORSPreflightDidNotSucceed',
  CORSInvalidAllowMethod: 'CORSInvalidAllowMethod',
  CORSInvalidAllowHeader: 'CORSInvalidAllowHeader',
  CORSMissingAllowHeaderFromPreflight2: 'CORSMissingAllowHeaderFromPreflight',
};
