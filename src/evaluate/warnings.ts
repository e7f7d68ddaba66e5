/**
 * Findings that do not block the flow but that a developer should hear about. Each is decided from
 * this flow alone; reflection of any origin needs several flows (see evaluateAll).
 */
import type { EvaluationContext, Finding, Flow, Header } from '../model/index.ts';
import { lowerAscii, normalizedHeader, safeHeaders } from '../fetch/http.ts';
import { preflightMaxAge } from '../fetch/preflight.ts';
import type { Readability } from '../fetch/response-headers.ts';
import { parseExposeHeaders } from '../fetch/response-headers.ts';
import { isForbiddenRequestHeader } from '../fetch/request-headers.ts';
import { chromeRefusedHeaderMessage, chromeUnsafeLoadMessage } from '../explain/chrome.ts';
import { firefoxLine } from '../explain/firefox.ts';
import type { FirefoxReport } from './firefox-walk.ts';
import { warningFinding } from './findings.ts';
import { reflectionEvidence } from './reflection.ts';
import type { Walk } from './walk.ts';

const hasVaryOrigin = (headers: Header[]): boolean => {
  const vary = normalizedHeader(headers, 'Vary');
  return vary !== null && vary.split(',').some((v) => ['origin', '*'].includes(lowerAscii(v.trim())));
};

/** The hop whose preflight Firefox warned about: the last one at that URL. */
function firefoxHop(flow: Flow, url: string, fallback: number): number {
  for (let i = flow.hops.length - 1; i >= 0; i--) if (flow.hops[i]?.preflight && flow.hops[i]?.request?.url === url) return i;
  return fallback;
}

export function collectWarnings(flow: Flow, w: Walk, firefox: FirefoxReport, readable: Readability, browser: EvaluationContext['browser'] = 'chrome'): Finding[] {
  const out: Finding[] = [];
  const urlOf = (i: number) => flow.hops[i]?.request?.url ?? flow.request.url;

  // Chromium raises its deprecation only with a response it hands to the page: the hop whose
  // preflight let Authorization through by `*` must be the final one, and its response must pass
  // (cors_url_loader.cc OnReceiveResponse; checked against Chromium 156). Firefox warns when it
  // checks the preflight, whatever the actual response then does (nsCORSListenerProxy.cpp
  // CheckPreflightRequestHeaders; firefox-walk.ts): each browser's finding follows its own rule.
  const wildcardAt = w.authorizationCoveredByWildcardAt;
  const chromeWarns = wildcardAt !== null && wildcardAt === w.finalHop && w.finalResponse !== null && w.failure === null;
  const firefoxWarns = firefox.warning !== null;
  if (browser === 'firefox' ? firefoxWarns : chromeWarns) {
    const hop = browser === 'firefox' ? firefoxHop(flow, firefox.warning!.url, wildcardAt ?? w.finalHop) : wildcardAt!;
    out.push(
      warningFinding(flow, w, {
        code: 'AuthorizationCoveredByWildcard',
        hop,
        stage: 'preflight',
        url: urlOf(hop),
        failedParameter: 'authorization',
        messages: {
          // Chromium prints nothing on the console here: it raises a DevTools issue (see `why`).
          chrome: null,
          firefox: firefox.warning ? firefoxLine(firefox.warning) : null,
        },
      }),
    );
  }

  // XMLHttpRequest logs each forbidden header the page tried to set, one line per call; fetch()
  // drops them silently (checked against Chromium 156). Firefox logs nothing.
  if (flow.request.initiatorType === 'xmlhttprequest') {
    for (const h of safeHeaders(flow.request.headers)) {
      if (!isForbiddenRequestHeader(h.name, h.value, 'chromium')) continue;
      out.push(
        warningFinding(flow, w, {
          code: 'UnsafeRequestHeaderRefused',
          hop: 0,
          stage: 'actual',
          url: urlOf(0),
          failedParameter: h.name,
          messages: { chrome: chromeRefusedHeaderMessage(h.name), firefox: null },
        }),
      );
    }
  }

  if (w.sameOriginModeRedirectedAt !== null) {
    const i = w.sameOriginModeRedirectedAt;
    const target = w.networkError?.url ?? urlOf(i);
    out.push(
      warningFinding(flow, w, {
        code: 'SameOriginModeRedirected',
        hop: i,
        stage: 'actual',
        url: target,
        messages: { chrome: chromeUnsafeLoadMessage(target, flow.request.topLevelUrl ?? `${flow.request.origin}/`), firefox: null },
      }),
    );
  }

  // Preflights whose Access-Control-Max-Age exceeds Chromium's 2-hour cap.
  flow.hops.forEach((hop, i) => {
    const pf = hop.preflight?.response;
    if (!pf) return;
    const age = preflightMaxAge(safeHeaders(pf.headers));
    if (age.capped) {
      out.push(warningFinding(flow, w, { code: 'PreflightMaxAgeCapped', hop: i, stage: 'preflight', url: urlOf(i), failedParameter: String(age.given) }));
    }
  });

  // `*` on any response that sets cookies.
  flow.hops.forEach((hop, i) => {
    const headers = safeHeaders(hop.response?.headers);
    if (normalizedHeader(headers, 'Access-Control-Allow-Origin') === '*' && normalizedHeader(headers, 'Set-Cookie') !== null) {
      out.push(warningFinding(flow, w, { code: 'WildcardOriginWithSetCookie', hop: i, stage: 'actual', url: urlOf(i) }));
    }
  });

  if (w.outcome === 'allowed' && w.finalResponse) {
    const i = w.finalHop;
    const headers = safeHeaders(w.finalResponse.headers);
    const allowOrigin = normalizedHeader(headers, 'Access-Control-Allow-Origin');
    if (allowOrigin === 'null') {
      out.push(warningFinding(flow, w, { code: 'AllowOriginNull', hop: i, stage: 'actual', url: urlOf(i), failedParameter: 'null' }));
      // Granting `null` with credentials: no allow-list names `null` on purpose; the server echoes
      // whatever arrives. The one sound single-flow sign of reflection.
      if (flow.request.credentials === 'include' && w.finalOrigin === 'null') {
        const f = warningFinding(flow, w, { code: 'ReflectedOriginWithCredentials', hop: i, stage: 'actual', url: urlOf(i), failedParameter: 'null' });
        out.push({ ...f, why: `${f.why} Evidence: ${reflectionEvidence('null')}.` });
      }
    }
    if (allowOrigin !== null && allowOrigin !== '*' && !hasVaryOrigin(headers)) {
      out.push(warningFinding(flow, w, { code: 'MissingVaryOrigin', hop: i, stage: 'actual', url: urlOf(i), failedParameter: allowOrigin }));
    }
    const exposed = parseExposeHeaders(normalizedHeader(headers, 'Access-Control-Expose-Headers'));
    if (flow.request.credentials === 'include' && exposed.has('*')) {
      const hidden = readable.hidden.filter((h) => h.reason === 'wildcard-with-credentials').map((h) => h.name);
      out.push(warningFinding(flow, w, { code: 'ExposeHeadersWildcardWithCredentials', hop: i, stage: 'actual', url: urlOf(i), failedParameter: '*', expose: hidden }));
    }
  }
  return out;
}
