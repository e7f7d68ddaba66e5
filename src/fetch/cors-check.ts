/**
 * The CORS check on one response: Access-Control-Allow-Origin and Access-Control-Allow-Credentials.
 * Fetch "CORS check"; Chromium: services/network/public/cpp/cors/cors.cc CheckAccess, whose
 * order of tests decides which failure is reported.
 */
import type { CorsError, CredentialsMode, Header } from '../model/index.ts';
import { normalizedHeader } from './http.ts';
import { isHttpScheme } from './origin.ts';

export interface CheckFailure {
  code: CorsError;
  failedParameter: string;
}

/**
 * Chromium builds a GURL from the header to tell an invalid value from a mismatch; WHATWG URL
 * parsing accepts and rejects the same strings for the values that reach this test (no space or
 * comma, not `null`): both need a scheme and, for special schemes, a host.
 */
function parsesAsUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the CORS check on a response. `origin` is the serialized origin the request carried
 * (`null` once tainted). Returns null when access is allowed.
 */
export function corsCheck(
  responseUrl: string,
  headers: readonly Header[] | undefined,
  credentials: CredentialsMode,
  origin: string,
): CheckFailure | null {
  const allowOrigin = normalizedHeader(headers, 'Access-Control-Allow-Origin');
  const allowCredentials = normalizedHeader(headers, 'Access-Control-Allow-Credentials');
  const include = credentials === 'include';
  if (allowOrigin === '*') {
    if (!include) return null;
    // Chromium applies the wildcard-with-credentials rule to HTTP(S) responses only (crbug.com/315152).
    if (isHttpScheme(responseUrl)) return { code: 'WildcardOriginNotAllowed', failedParameter: '' };
  } else if (allowOrigin === null) {
    return { code: 'MissingAllowOriginHeader', failedParameter: '' };
  } else if (allowOrigin !== origin) {
    // Several lines arrive joined by ", "; a space or a comma means more than one value.
    if (/[ ,]/.test(allowOrigin)) return { code: 'MultipleAllowOriginValues', failedParameter: allowOrigin };
    // `null` is a valid value that simply did not match (the request's origin was not opaque).
    if (allowOrigin === 'null') return { code: 'AllowOriginMismatch', failedParameter: allowOrigin };
    if (!parsesAsUrl(allowOrigin)) return { code: 'InvalidAllowOriginValue', failedParameter: allowOrigin };
    return { code: 'AllowOriginMismatch', failedParameter: allowOrigin };
  }
  // Exactly `true`, case-sensitively. Fetch §3.2.3.
  if (include && allowCredentials !== 'true') {
    return { code: 'InvalidAllowCredentials', failedParameter: allowCredentials ?? '' };
  }
  return null;
}

const PREFLIGHT_CODES: Partial<Record<CorsError, CorsError>> = {
  WildcardOriginNotAllowed: 'PreflightWildcardOriginNotAllowed',
  MissingAllowOriginHeader: 'PreflightMissingAllowOriginHeader',
  MultipleAllowOriginValues: 'PreflightMultipleAllowOriginValues',
  InvalidAllowOriginValue: 'PreflightInvalidAllowOriginValue',
  AllowOriginMismatch: 'PreflightAllowOriginMismatch',
  InvalidAllowCredentials: 'PreflightInvalidAllowCredentials',
};

/** The preflight's name for a CORS-check failure (`MissingAllowOriginHeader` → `PreflightMissingAllowOriginHeader`). */
export function asPreflightFailure(f: CheckFailure): CheckFailure {
  return { code: PREFLIGHT_CODES[f.code] ?? f.code, failedParameter: f.failedParameter };
}
