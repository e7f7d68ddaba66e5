/**
 * One scenario run → its Recording: Chromium's verdict as CDP reported it, the console lines and
 * issues of this request, readable headers as the page saw them, cookie outcomes and hops.
 */
import type { Protocol } from 'devtools-protocol';
import type { PageRequestSpec, PageResult } from '../lab/page-runner.ts';
import type { AddressSpace, Hop, StoredCookie } from '../../src/model/index.ts';
import { sameUrlSansFragment, type Captured, type CapturedRequest } from './cdp-capture.ts';
import { cookiesFromCapture } from './cookies-capture.ts';
import { hopsFromCapture } from './hops.ts';
import type { ConsoleLine, Recording, ServerLogEntry } from './recording.ts';
import type { Scenario } from './scenario.ts';

export interface RecordingInput {
  scenario: Scenario;
  spec: PageRequestSpec;
  pageUrl: string;
  pageOrigin: string;
  version: string;
  thirdPartyCookies: 'allowed' | 'blocked';
  cookieJar: StoredCookie[];
  cookieJarAfter: StoredCookie[];
  now: number;
  result: PageResult;
  captured: Captured;
  /** Undefined when Blink refused the request before the network (a CorsIssue names only its URL). */
  main: CapturedRequest | undefined;
  serverLog: ServerLogEntry[];
  /** Address space of a lab URL as the resolver and `--ip-address-space-overrides` make it. */
  labAddressSpace(url: string): AddressSpace;
}

/** CDP's IPAddressSpace → the model's. */
export function addressSpaceOf(s: Protocol.Network.IPAddressSpace | string | undefined): AddressSpace | undefined {
  if (s === 'Loopback') return 'loopback';
  if (s === 'Local' || s === 'Private') return 'local';
  if (s === 'Public') return 'public';
  return undefined;
}

function corsIssues(captured: Captured): Protocol.Audits.CorsIssueDetails[] {
  return captured.issues.map((i) => i.details.corsIssueDetails).filter((d): d is Protocol.Audits.CorsIssueDetails => d !== undefined);
}

/**
 * Chromium's verdict: `blocked` iff it reported a corsErrorStatus; otherwise, when the page got a
 * response, `allowed` if it passed a CORS check and `not-cors` if none applied (same-origin,
 * opaque, opaque-redirect); otherwise `failed` (a network error that is not CORS).
 */
function verdictOf(input: RecordingInput, corsError: string | null, hopUrls: string[]): Recording['verdict'] {
  if (corsError !== null) return 'blocked';
  if (!input.result.ok) return 'failed';
  if (input.spec.via === 'fetch') return input.result.type === 'cors' ? 'allowed' : 'not-cors';
  // XHR exposes no response type: it was a CORS request iff some hop left the page's origin.
  return hopUrls.every((u) => new URL(u).origin === input.pageOrigin) ? 'not-cors' : 'allowed';
}

/** Fetch's method normalization (Fetch §2.2.1 "normalize a method"), for a request Blink never reported. */
function normalizeMethod(m: string): string {
  const up = m.toUpperCase();
  return ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(up) ? up : m;
}

/** Address space per exchange: what Chromium reported (ExtraInfo, CorsIssue), else the lab's resolver. */
function attachAddressSpaces(hops: Hop[], input: RecordingInput, main: CapturedRequest | undefined, preflights: CapturedRequest[]): void {
  const fromIssues = new Map<string, AddressSpace>();
  for (const d of corsIssues(input.captured)) {
    const s = addressSpaceOf(d.resourceIPAddressSpace);
    if (s) fromIssues.set(d.request.url, s);
  }
  hops.forEach((hop, i) => {
    const reported = addressSpaceOf(main?.extraResponses[i]?.resourceIPAddressSpace);
    hop.addressSpace = reported ?? fromIssues.get(hop.request.url) ?? input.labAddressSpace(hop.request.url);
    if (hop.preflight) {
      const p = preflights.find((x) => x.willBeSent[0]?.request.url === hop.preflight!.request.url);
      hop.preflight.addressSpace =
        addressSpaceOf(p?.extraResponses[0]?.resourceIPAddressSpace) ??
        fromIssues.get(hop.preflight.request.url) ??
        input.labAddressSpace(hop.preflight.request.url);
    }
  });
}

export function buildRecording(input: RecordingInput): Recording {
  const { captured, main, spec } = input;
  const preflights = main
    ? [...captured.requests.values()].filter((r) => {
        const init = r.willBeSent[0]?.initiator;
        return init?.type === 'preflight' && init.requestId === main.requestId;
      })
    : [];
  const ids = new Set([...(main ? [main.requestId] : []), ...preflights.map((p) => p.requestId)]);
  const hops: Hop[] = main
    ? hopsFromCapture(main, preflights, input.serverLog)
    : [{ request: { url: spec.url, method: normalizeMethod(spec.method ?? 'GET'), headers: [] }, sent: false }];
  attachAddressSpaces(hops, input, main, preflights);
  const urls = new Set(hops.flatMap((h) => [h.request.url, ...(h.preflight ? [h.preflight.request.url] : [])]));

  // Lines tied to another request (a favicon, a planting navigation) are not this request's.
  const console: ConsoleLine[] = captured.log
    .filter((e) => e.networkRequestId === undefined || ids.has(e.networkRequestId))
    .map((e) => ({ source: e.source, level: e.level, text: e.text, ...(e.category ? { category: e.category } : {}) }));
  const corsLine = console.find((l) => l.category === 'cors' && l.source === 'javascript' && l.level === 'error');
  const issues = captured.issues
    .filter((i) => {
      const reqs = Object.values(i.details as Record<string, { request?: { requestId?: string; url?: string } } | undefined>)
        .map((x) => x?.request)
        .filter((x) => x !== undefined);
      return reqs.length === 0 || reqs.some((r) => (r.requestId !== undefined ? ids.has(r.requestId) : urls.has(r.url ?? '')));
    })
    // Request and frame ids differ on every run; the URL in the same object says which request it was.
    .map((i) => ({ code: i.code, details: JSON.parse(JSON.stringify(i.details, (k, v) => (k === 'requestId' || k === 'issueId' || k === 'frameId' ? undefined : v))) }))
    // Issues from the network service and from Blink arrive in either order.
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  const status = main?.failed?.corsErrorStatus ?? (main ? undefined : corsIssues(captured).find((d) => sameUrlSansFragment(d.request.url, spec.url) && !d.request.requestId)?.corsErrorStatus);
  const corsError = status?.corsError ?? null;
  const security =
    main?.extraRequests.find((e) => e.clientSecurityState)?.clientSecurityState ??
    corsIssues(captured).find((d) => urls.has(d.request.url) && d.clientSecurityState)?.clientSecurityState;
  const initiatorAddressSpace = addressSpaceOf(security?.initiatorIPAddressSpace) ?? input.labAddressSpace(input.pageUrl);
  return {
    id: input.scenario.id,
    theme: input.scenario.theme,
    title: input.scenario.title,
    browser: { name: 'chrome', version: input.version },
    thirdPartyCookies: input.thirdPartyCookies,
    pageUrl: input.pageUrl,
    initiatorAddressSpace,
    request: spec,
    cookieJar: input.cookieJar,
    cookieJarAfter: input.cookieJarAfter,
    now: input.now,
    result: input.result,
    verdict: verdictOf(input, corsError, hops.map((h) => h.request.url)),
    corsError,
    failedParameter: status?.failedParameter ?? null,
    errorText: main?.failed?.errorText ?? null,
    corsMessage: corsLine?.text ?? null,
    console,
    readableHeaders: input.result.readableHeaders,
    cookies: main ? cookiesFromCapture(main, preflights, hops, captured.issues, input.cookieJarAfter) : [],
    hops,
    issues,
    serverLog: input.serverLog,
  };
}
