/**
 * Turns the walk's decision into a Finding: location, both browsers' messages, the plain reason
 * and the fix. The texts come from src/explain; nothing here decides a verdict.
 */
import type { Finding, Flow, InitiatorType, WarningCode } from '../model/index.ts';
import { normalizedHeader, safeHeaders } from '../fetch/http.ts';
import { isCorsSafelistedMethod } from '../fetch/method.ts';
import { normalizeOrigin } from '../fetch/origin.ts';
import { corsUnsafeRequestHeaders } from '../fetch/request-headers.ts';
import { detectAuthGateway } from '../explain/auth-gateway.ts';
import { chromeMessage } from '../explain/chrome.ts';
import { firefoxMessage } from '../explain/firefox.ts';
import { fixFor } from '../explain/fixes.ts';
import { learnMoreUrl } from '../explain/short.ts';
import type { CorsPolicy } from '../explain/snippets.ts';
import { why } from '../explain/why.ts';
import type { FirefoxReport } from './firefox-walk.ts';
import { hopUrl, redirectTarget, wireOrigin } from './hop-state.ts';
import type { CorsFailure, Walk } from './walk.ts';

const INITIATORS: readonly InitiatorType[] = ['fetch', 'xmlhttprequest', 'script', 'image', 'stylesheet', 'font', 'media', 'document', 'beacon', 'eventsource', 'websocket', 'other'];

export function initiatorOf(flow: Flow): InitiatorType {
  return INITIATORS.includes(flow.request.initiatorType) ? flow.request.initiatorType : 'other';
}

/** Major version of the Chrome that recorded the flow, when the flow says. */
function chromeMajor(flow: Flow): number | undefined {
  if (flow.browser?.name !== 'chrome') return undefined;
  const m = /^(\d+)/.exec(flow.browser.version ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The CORS headers the server should send for this flow to pass. */
export function policyFor(flow: Flow, w: Walk, origin: string): CorsPolicy {
  const credentials = flow.request.credentials === 'include';
  const methods = [...new Set(w.methodPerHop.filter((m) => !isCorsSafelistedMethod(m)))];
  const headers = corsUnsafeRequestHeaders(safeHeaders(flow.request.headers)).names;
  // After a cross-origin redirect the request says `null`; without credentials `*` is the safe answer.
  const allow = origin === 'null' && !credentials ? '*' : origin;
  return { origin: allow, credentials, methods, headers: [...new Set(headers)].sort(), expose: [] };
}

/**
 * The Origin the failing request carried: what the capture saw on the wire (a preflight's own,
 * which in Firefox stays the page's after a redirect), else what Chromium would send.
 */
function sentOrigin(flow: Flow, w: Walk, hop: number, stage: 'preflight' | 'actual', pageOrigin: string): string {
  const h = flow.hops[hop];
  const seen = stage === 'preflight' ? wireOrigin(h?.preflight?.request?.headers) : wireOrigin(h?.request?.headers);
  return seen ?? w.originPerHop[hop] ?? pageOrigin;
}

/** Whether the failing exchange was a redirect response (its fix goes on the 3xx). */
function failedOnRedirect(flow: Flow, f: CorsFailure): boolean {
  if (f.stage !== 'actual') return false;
  const hop = flow.hops[f.hop];
  return !!hop && redirectTarget(hop.response, f.url) !== null;
}

/** The unparseable Access-Control-Allow-Methods/-Headers value of the failing preflight, for its fix. */
function listValue(flow: Flow, f: CorsFailure): string | null {
  const header = f.code === 'InvalidAllowMethodsPreflightResponse' ? 'Access-Control-Allow-Methods' : f.code === 'InvalidAllowHeadersPreflightResponse' ? 'Access-Control-Allow-Headers' : null;
  return header ? normalizedHeader(safeHeaders(flow.hops[f.hop]?.preflight?.response?.headers), header) : null;
}

/** The status a failing preflight got and the method it asked about, for its fix. */
function preflightFacts(flow: Flow, hop: number, method: string): { preflightStatus?: number; requestMethod: string } {
  const status = Number(flow.hops[hop]?.preflight?.response?.status);
  return { ...(Number.isFinite(status) && status > 0 ? { preflightStatus: status } : {}), requestMethod: method };
}

export function errorFinding(flow: Flow, w: Walk, f: CorsFailure, firefox: FirefoxReport): Finding {
  const pageOrigin = normalizeOrigin(flow.request.origin);
  const origin = sentOrigin(flow, w, f.hop, f.stage, pageOrigin);
  const firstUrl = hopUrl(flow.hops[0], flow.request.url);
  const method = w.methodPerHop[f.hop] ?? flow.request.method;
  const gateway = f.stage === 'preflight' ? detectAuthGateway(flow.hops[f.hop]?.preflight?.response) : null;
  const policy = policyFor(flow, w, origin);
  const whyText = why(f.code, {
    failedParameter: f.failedParameter,
    origin,
    pageOrigin,
    stage: f.stage,
    credentials: flow.request.credentials === 'include',
    method,
    addressSpace: f.addressSpace,
    redirected: f.hop > 0,
  });
  const fix = fixFor({
    code: f.code,
    failedParameter: f.failedParameter,
    stage: f.stage,
    redirectResponse: failedOnRedirect(flow, f),
    method: f.stage === 'preflight' ? 'OPTIONS' : method,
    url: f.url,
    origin,
    pageOrigin,
    policy,
    gateway,
    sentValue: listValue(flow, f),
    ...(f.addressSpace ? { addressSpace: f.addressSpace } : {}),
    ...(f.targetAddressSpace ? { targetAddressSpace: f.targetAddressSpace } : {}),
    ...(f.stage === 'preflight' ? preflightFacts(flow, f.hop, method) : {}),
  });
  return {
    code: f.code,
    severity: 'error',
    failedParameter: f.failedParameter,
    location: { hop: f.hop, stage: f.stage, url: f.url },
    messages: {
      chrome: chromeMessage({
        code: f.code,
        initiator: initiatorOf(flow),
        firstUrl,
        lastUrl: f.url,
        origin: pageOrigin,
        failedParameter: f.failedParameter,
        addressSpace: f.addressSpace,
        ...(f.targetAddressSpace ? { targetAddressSpace: f.targetAddressSpace } : {}),
        chromeMajor: chromeMajor(flow),
      }),
      firefox: firefoxMessage(firefox.lines),
    },
    why: gateway ? `${whyText} This looks like an authentication gateway: ${gateway.evidence.join('; ')}.` : whyText,
    fix,
    learnMore: learnMoreUrl(f.code),
  };
}

export interface WarningInput {
  code: WarningCode;
  hop: number;
  stage: 'preflight' | 'actual';
  url: string;
  failedParameter?: string;
  messages?: { chrome: string | null; firefox: string | null };
  expose?: string[];
}

export function warningFinding(flow: Flow, w: Walk, x: WarningInput): Finding {
  const pageOrigin = normalizeOrigin(flow.request.origin);
  const origin = sentOrigin(flow, w, x.hop, x.stage, pageOrigin);
  const method = w.methodPerHop[x.hop] ?? flow.request.method;
  const policy = { ...policyFor(flow, w, origin), expose: x.expose ?? [] };
  const input = {
    failedParameter: x.failedParameter ?? '',
    origin,
    pageOrigin,
    stage: x.stage,
    credentials: flow.request.credentials === 'include',
    method,
    redirected: x.hop > 0,
  };
  return {
    code: x.code,
    severity: 'warning',
    failedParameter: x.failedParameter ?? '',
    location: { hop: x.hop, stage: x.stage, url: x.url },
    messages: x.messages ?? { chrome: null, firefox: null },
    why: why(x.code, input),
    fix: fixFor({
      code: x.code,
      failedParameter: x.failedParameter ?? '',
      stage: x.stage,
      redirectResponse: false,
      method: x.stage === 'preflight' ? 'OPTIONS' : method,
      url: x.url,
      origin,
      pageOrigin,
      policy,
      gateway: null,
    }),
  };
}
