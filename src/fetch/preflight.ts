/**
 * The preflight: when one is needed, and whether its response lets the actual request through.
 * Fetch "CORS-preflight fetch"; Chromium: services/network/cors/preflight_controller.cc
 * (CheckPreflightAccess, CreatePreflightResult, CheckPreflightResult) and preflight_result.cc.
 */
import type { CredentialsMode, Header, PreflightReason } from '../model/index.ts';
import { asPreflightFailure, corsCheck, type CheckFailure } from './cors-check.ts';
import { isOkStatus, isToken, lowerAscii, normalizedHeader, trimLws } from './http.ts';
import { isCorsSafelistedMethod } from './method.ts';
import { corsUnsafeRequestHeaders } from './request-headers.ts';

export interface PreflightNeed {
  needed: boolean;
  reasons: PreflightReason[];
  /** CORS-unsafe header names in the order they are checked. */
  unsafeHeaders: string[];
}

/** Does a request with this method and these author headers need a preflight (once it is cross-origin)? */
export function preflightNeed(method: string, headers: readonly Header[]): PreflightNeed {
  const reasons: PreflightReason[] = [];
  if (!isCorsSafelistedMethod(method)) {
    reasons.push({ kind: 'method', subject: method, detail: `${method} is not GET, HEAD or POST.` });
  }
  const unsafe = corsUnsafeRequestHeaders(headers);
  reasons.push(...unsafe.reasons);
  return { needed: reasons.length > 0, reasons, unsafeHeaders: unsafe.names };
}

/**
 * Parses an Access-Control-Allow-Methods/-Headers value: comma-separated, white space around
 * items ignored, empty items skipped, every item a token; null when an item is not a token.
 * Chromium: preflight_result.cc ParseAccessControlAllowList (net::HttpUtil::ValuesIterator + IsToken).
 */
export function parseAllowList(value: string | null): string[] | null {
  if (value === null) return [];
  const out: string[] = [];
  for (const raw of value.split(',')) {
    const item = trimLws(raw);
    if (item === '') continue;
    if (!isToken(item)) return null;
    out.push(item);
  }
  return out;
}

export interface PreflightInput {
  url: string;
  status: number;
  headers: readonly Header[];
  /** The actual request's method and author headers. */
  method: string;
  requestHeaders: readonly Header[];
  credentials: CredentialsMode;
  /** The Origin the preflight carried (`null` once tainted). */
  origin: string;
  /** The order Chromium checks the request headers in (blink-header-order.ts); default: by name. */
  headerOrder?: readonly string[];
}

export interface PreflightOutcome {
  failure: CheckFailure | null;
  /** `*` in Access-Control-Allow-Headers let Authorization through (Chromium's deprecation). */
  authorizationCoveredByWildcard: boolean;
}

/**
 * Judges a preflight response that was not a redirect, in Chromium's order: the CORS check (its
 * failure wins even over a bad status), the ok status, then parsing Access-Control-Allow-Methods and
 * -Headers, then the method, then each unsafe header in the order Chromium holds them.
 */
export function checkPreflightResponse(p: PreflightInput): PreflightOutcome {
  const access = corsCheck(p.url, p.headers, p.credentials, p.origin);
  if (access) return { failure: asPreflightFailure(access), authorizationCoveredByWildcard: false };
  if (!isOkStatus(p.status)) {
    return { failure: { code: 'PreflightInvalidStatus', failedParameter: '' }, authorizationCoveredByWildcard: false };
  }
  const methods = parseAllowList(normalizedHeader(p.headers, 'Access-Control-Allow-Methods'));
  if (!methods) {
    return {
      failure: { code: 'InvalidAllowMethodsPreflightResponse', failedParameter: '' },
      authorizationCoveredByWildcard: false,
    };
  }
  const allowHeaders = parseAllowList(normalizedHeader(p.headers, 'Access-Control-Allow-Headers'));
  if (!allowHeaders) {
    return {
      failure: { code: 'InvalidAllowHeadersPreflightResponse', failedParameter: '' },
      authorizationCoveredByWildcard: false,
    };
  }
  const include = p.credentials === 'include';
  // Method: byte-case-sensitive (Chromium 156 ships the spec-conformant comparison; `patch` is
  // not allowed by `PATCH`). `*` counts only without credentials.
  const methodAllowed =
    methods.includes(p.method) || isCorsSafelistedMethod(p.method) || (!include && methods.includes('*'));
  if (!methodAllowed) {
    return {
      failure: { code: 'MethodDisallowedByPreflightResponse', failedParameter: p.method },
      authorizationCoveredByWildcard: false,
    };
  }
  const allowed = new Set(allowHeaders.map(lowerAscii));
  const unsafe = corsUnsafeRequestHeaders(p.requestHeaders, 'chromium', p.headerOrder).names;
  if (!include && allowed.has('*')) {
    // The Fetch standard says `*` never covers Authorization; Chromium 156 still lets it through
    // and only reports a deprecation issue (AuthorizationCoveredByWildcard). Checked in Chromium 156.
    const covered = unsafe.includes('authorization') && !allowed.has('authorization');
    return { failure: null, authorizationCoveredByWildcard: covered };
  }
  for (const name of unsafe) {
    if (!allowed.has(name)) {
      return {
        failure: { code: 'HeaderDisallowedByPreflightResponse', failedParameter: name },
        authorizationCoveredByWildcard: false,
      };
    }
  }
  return { failure: null, authorizationCoveredByWildcard: false };
}

/** Access-Control-Max-Age as Chromium caches it: default 5 s, capped at 2 hours; null when unparseable. */
export function preflightMaxAge(headers: readonly Header[]): { seconds: number; capped: boolean; given: number | null } {
  const raw = normalizedHeader(headers, 'Access-Control-Max-Age');
  if (raw === null || !/^-?\d+$/.test(raw)) return { seconds: 5, capped: false, given: null };
  const given = Number(raw);
  if (given < 0) return { seconds: 0, capped: false, given };
  return given >= 7200 ? { seconds: 7200, capped: given > 7200, given } : { seconds: given, capped: false, given };
}
