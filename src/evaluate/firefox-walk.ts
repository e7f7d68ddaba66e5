/**
 * What Firefox would report for the same flow. Firefox checks in its own order, so the same
 * exchange can fail there for another reason (or not at all).
 * Firefox: netwerk/protocol/http/nsCORSListenerProxy.cpp (CheckRequestApproved,
 * nsCORSPreflightListener::CheckPreflightRequestApproved, AsyncOnChannelRedirect, UpdateChannel).
 */
import type { Flow, Header } from '../model/index.ts';
import { isOkStatus, isRedirectStatus, isToken, lowerAscii, safeHeaders, trimLws } from '../fetch/http.ts';
import { methodAfterRedirect } from '../fetch/method.ts';
import { hasCredentials, isHttpScheme, isSameOrigin, normalizeOrigin, parseUrl, schemeOf } from '../fetch/origin.ts';
import { REQUEST_BODY_HEADERS, corsUnsafeRequestHeaders } from '../fetch/request-headers.ts';
import { headersAfterRedirect, taintsOrigin } from '../fetch/redirect.ts';
import { hopUrl, redirectTarget, withInheritedFragment } from './hop-state.ts';
import type { FirefoxLine } from '../explain/firefox.ts';

export interface FirefoxReport {
  /** Console lines, in order; empty when Firefox lets the flow through. */
  lines: FirefoxLine[];
  /** The Authorization-under-`*` warning, when Firefox would print it. */
  warning: FirefoxLine | null;
  /**
   * Firefox's CORS checks passed on the flow's final response: it hands that response to the page
   * (false when a check failed, or when the flow ends before a final response Firefox would judge).
   */
  passes: boolean;
}

/** The main request failing after a failed preflight or redirect: Firefox prints this second. */
const didNotSucceed = (url: string): FirefoxLine => ({ key: 'CORSDidNotSucceed2', url });

/**
 * Firefox's duplicate check (CheckOriginHeader) visits the response's header lines under their names
 * as received and compares each with "Access-Control-Allow-Origin" case-sensitively: two lines
 * spelled otherwise (`ACCESS-CONTROL-ALLOW-ORIGIN`, or one of them lower-case) are not counted, and
 * their values, joined by ", ", fail the origin match instead (seen in firefox-esr 153).
 */
function exactlyNamedLines(headers: readonly Header[], name: string): number {
  let n = 0;
  for (const h of headers) if (h && h.name === name) n++;
  return n;
}

/**
 * A response header's value as Firefox reads it (nsHttpHeaderArray): each line trimmed, lines joined
 * by ", ", but an empty line is no value at all — it never adds ", " (MergeHeader: "merge of empty
 * header = no-op"); null when no line has the name. Chromium, as Fetch says, joins the empty ones too.
 */
function firefoxHeader(headers: readonly Header[], name: string): string | null {
  const wanted = lowerAscii(name);
  let value: string | null = null;
  for (const h of headers) {
    if (!h || typeof h.name !== 'string' || lowerAscii(h.name) !== wanted) continue;
    const v = trimLws(String(h.value ?? ''));
    if (value === null) value = v;
    else if (v !== '') value = value === '' ? v : `${value}, ${v}`;
  }
  return value;
}

/** CheckRequestApproved on one response: ACAO lines, presence, `*` with credentials, match, ACAC. */
function accessCheck(url: string, status: number, headers: Header[], withCredentials: boolean, origin: string): FirefoxLine | null {
  if (exactlyNamedLines(headers, 'Access-Control-Allow-Origin') > 1) return { key: 'CORSMultipleAllowOriginNotAllowed', url };
  const allowOrigin = firefoxHeader(headers, 'Access-Control-Allow-Origin');
  if (allowOrigin === null) return { key: 'CORSMissingAllowOrigin2', url, param: String(status) };
  if (withCredentials && allowOrigin === '*') return { key: 'CORSNotSupportingCredentials', url };
  if ((withCredentials || allowOrigin !== '*') && allowOrigin !== origin) {
    return { key: 'CORSAllowOriginNotMatchingOrigin', url, param: allowOrigin };
  }
  if (withCredentials && firefoxHeader(headers, 'Access-Control-Allow-Credentials') !== 'true') {
    return { key: 'CORSMissingAllowCredentials', url };
  }
  return null;
}

/** Firefox's tokenizer keeps empty items out and checks each item is a token. */
function items(value: string | null): string[] {
  return (value ?? '').split(',').map(trimLws).filter((v) => v !== '');
}

interface PreflightJudgement {
  line: FirefoxLine | null;
  warning: FirefoxLine | null;
}

function preflightCheck(url: string, method: string, unsafe: string[], status: number, headers: Header[], withCredentials: boolean, origin: string): PreflightJudgement {
  const access = accessCheck(url, status, headers, withCredentials, origin);
  if (access) return { line: access, warning: null };
  if (!isOkStatus(status)) return { line: { key: 'CORSPreflightDidNotSucceed3', url, param: String(status) }, warning: null };
  let found = method === 'GET' || method === 'HEAD' || method === 'POST';
  for (const m of items(firefoxHeader(headers, 'Access-Control-Allow-Methods'))) {
    if (!isToken(m)) return { line: { key: 'CORSInvalidAllowMethod', url, param: m }, warning: null };
    found ||= (m === '*' && !withCredentials) || m === method;
  }
  if (!found) return { line: { key: 'CORSMethodNotFound', url }, warning: null };
  const allowed: string[] = [];
  let wildcard = false;
  let listsAuthorization = false;
  for (const h of items(firefoxHeader(headers, 'Access-Control-Allow-Headers'))) {
    if (!isToken(h)) return { line: { key: 'CORSInvalidAllowHeader', url, param: h }, warning: null };
    if (h === '*' && !withCredentials) wildcard = true;
    else allowed.push(lowerAscii(h));
    if (lowerAscii(h) === 'authorization') listsAuthorization = true;
  }
  let warning: FirefoxLine | null = null;
  for (const name of [...unsafe].sort()) {
    if (wildcard && name !== 'authorization') continue;
    // network.cors_preflight.authorization_covered_by_wildcard (on by default): warn, let it through.
    if (wildcard && !listsAuthorization) {
      warning = { key: 'CORSAllowHeaderFromPreflightDeprecation', url };
      continue;
    }
    if (!allowed.includes(name)) return { line: { key: 'CORSMissingAllowHeaderFromPreflight2', url, param: name }, warning };
  }
  return { line: null, warning };
}

export function firefoxWalk(flow: Flow): FirefoxReport {
  const req = flow.request;
  const report: FirefoxReport = { lines: [], warning: null, passes: false };
  const pageOrigin = normalizeOrigin(req.origin);
  const firstUrl = hopUrl(flow.hops[0], req.url);
  // A same-origin-mode request to another origin never starts (checked in firefox-esr 153).
  if (req.mode === 'same-origin' && !isSameOrigin(pageOrigin, firstUrl)) {
    // The URL as its parser serializes it (é in a query percent-encoded), never shortened.
    return { ...report, lines: [{ key: 'CheckSameOriginError', url: req.topLevelUrl ?? `${pageOrigin}/`, param: parseUrl(firstUrl)?.href ?? firstUrl }] };
  }
  if (req.mode !== 'cors') return report;
  const withCredentials = req.credentials === 'include';
  let url = hopUrl(flow.hops[0], req.url);
  let method = req.method;
  let headers = safeHeaders(req.headers);
  let crossSite = false;
  let tainted = false;
  let preflighted = false;
  for (let i = 0; i < flow.hops.length; i++) {
    const hop = flow.hops[i]!;
    url = hopUrl(hop, url);
    if (!crossSite && !isSameOrigin(pageOrigin, url)) crossSite = true;
    if (!crossSite) {
      const location = redirectTarget(hop.response, url);
      if (!location) return report;
      // Even a same-origin redirect rewrites the request: Authorization goes when the next hop is another origin, a 303 makes a GET.
      headers = headersAfterRedirect(headers, url, location);
      const next = methodAfterRedirect(Number(hop.response!.status), method);
      if (next !== method) headers = headers.filter((h) => !REQUEST_BODY_HEADERS.includes(h.name.toLowerCase()));
      method = next;
      url = withInheritedFragment(location, url);
      continue;
    }
    if (!isHttpScheme(url)) return { ...report, lines: [{ key: 'CORSRequestNotHttp', url }] };
    // Firefox's own Origin: null once tainted on the request itself, but a preflight always
    // carries the page's origin (it is a new channel of the loading principal; firefox-esr 153).
    const origin = tainted ? 'null' : pageOrigin;
    const unsafe = corsUnsafeRequestHeaders(headers, 'firefox').names;
    // Once a request needed a preflight, Firefox preflights every later hop too (even a GET after 303).
    preflighted ||= !['get', 'post', 'head'].includes(method.toLowerCase()) || unsafe.length > 0;
    if (preflighted && hop.preflight?.response) {
      const pf = hop.preflight.response;
      const pfHeaders = safeHeaders(pf.headers);
      if (redirectTarget(pf, url) !== null) {
        // The CORS check on the redirect comes first; else the preflight refuses to follow it. With
        // redirect: "error" the preflight does not try to follow, and prints one line less
        // (firefox-esr 153; random seed 20261207, scenarios found-preflight-redirect-*mode-error).
        const follows = req.redirect !== 'error';
        const access = accessCheck(url, Number(pf.status), pfHeaders, withCredentials, pageOrigin);
        if (access) return { ...report, lines: follows ? [access, didNotSucceed(url), didNotSucceed(url)] : [access, didNotSucceed(url)] };
        const preflightFailed: FirefoxLine = { key: 'CORSPreflightDidNotSucceed3', url, param: String(Number(pf.status)) };
        return { ...report, lines: follows ? [{ key: 'CORSExternalRedirectNotAllowed', url }, preflightFailed, didNotSucceed(url)] : [preflightFailed, didNotSucceed(url)] };
      }
      const judged = preflightCheck(url, method, unsafe, Number(pf.status), pfHeaders, withCredentials, pageOrigin);
      report.warning ??= judged.warning;
      if (judged.line) return { ...report, lines: [judged.line, didNotSucceed(url)] };
    }
    const response = hop.response;
    if (!response) return report;
    const respHeaders = safeHeaders(response.headers);
    const location = redirectTarget(response, url);
    // A followed redirect that fails prints the request's failure too. Firefox takes a redirect
    // status with a Location line, even an empty one (the same URL), as a redirect; redirect:
    // "manual" and "error" follow nothing and print only the reason (firefox-esr 153; random seed 20261206).
    const hasLocationLine = respHeaders.some((h) => lowerAscii(h.name) === 'location');
    const followed = (location !== null || (isRedirectStatus(Number(response.status)) && hasLocationLine)) && req.redirect !== 'manual' && req.redirect !== 'error';
    // Firefox refuses to follow a redirect to a data: URL before any CORS check of the redirect
    // itself: the request's failure is all it prints (firefox-esr 153; random seed 20261129).
    if (followed && location !== null && schemeOf(location) === 'data') return { ...report, lines: [didNotSucceed(url)] };
    const access = accessCheck(url, Number(response.status), respHeaders, withCredentials, origin);
    if (access) return { ...report, lines: followed ? [access, didNotSucceed(url)] : [access] };
    // The final response passed (or, with redirect: "manual", the page gets an opaque redirect).
    if ((!location && !followed) || req.redirect === 'manual') return { ...report, passes: true };
    // An empty Location: Firefox asks for the same URL again, until it gives up (not judged here).
    if (!location) return report;
    if (req.redirect === 'error') return report;
    // A redirect to a URL with userinfo is refused without a reason of its own.
    if (hasCredentials(location)) return { ...report, lines: [didNotSucceed(url)] };
    if (taintsOrigin(location, url, pageOrigin)) tainted = true;
    headers = headersAfterRedirect(headers, url, location);
    const next = methodAfterRedirect(Number(response.status), method);
    if (next !== method) headers = headers.filter((h) => !REQUEST_BODY_HEADERS.includes(h.name.toLowerCase()));
    // A redirect to another scheme: the target's reason, then the redirecting request's.
    if (!isHttpScheme(location)) return { ...report, lines: [{ key: 'CORSRequestNotHttp', url: location }, didNotSucceed(url)] };
    method = next;
    url = withInheritedFragment(location, url);
  }
  return report;
}
