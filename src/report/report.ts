/**
 * The report: flows and their evaluations as one plain, JSON-ready object — the `cors-lens/report@1`
 * schema documented in docs/report-schema.md. Every other rendering (text, Markdown, HTML) is made
 * from this object, so they cannot disagree.
 */
import type { CookieReason, Evaluation, Exchange, Finding, Flow, Header, Hop, Inference } from '../model/index.ts';
import type { AnalyzedFlow } from './analyze.ts';
import { redactCookieRaw, redactHeaders } from './redact.ts';
import { isPolicyError } from '../fetch/network-error.ts';
import { isoTime } from '../model/time.ts';

export const REPORT_SCHEMA = 'cors-lens/report@1';

export interface ReportExchange {
  url: string;
  method: string;
  status: number | null;
  statusText: string | null;
  requestHeaders: Header[];
  responseHeaders: Header[];
  error: string | null;
}

export interface ReportPreflight extends ReportExchange {
  /** The hop it was made for. */
  hop: number;
}

export interface ReportHop extends ReportExchange {
  redirectURL: string | null;
  /** False when the browser never sent it (its preflight failed). */
  sent: boolean;
  preflight: ReportExchange | null;
}

export interface ReportFinding {
  code: string;
  severity: 'error' | 'warning';
  failedParameter: string;
  hop: number;
  stage: 'preflight' | 'actual';
  url: string;
  messages: { chrome: string | null; firefox: string | null };
  why: string;
  fix: Finding['fix'];
  learnMore: string | null;
}

export interface ReportCookie {
  name: string;
  direction: 'set' | 'send';
  outcome: 'allowed' | 'blocked' | 'warning';
  reasons: CookieReason[];
  hop: number;
  stage: 'preflight' | 'actual';
  domain: string | null;
  path: string | null;
  raw: string | null;
  why: string;
}

export interface ReportFlow {
  id: string;
  source: string | null;
  browser: { name: string; version: string | null } | null;
  startedAt: string | null;
  request: { method: string; url: string; headers: Header[] };
  /** The page's origin. */
  initiator: string;
  initiatorType: string;
  mode: string;
  credentials: string;
  topLevelUrl: string | null;
  preflight: ReportPreflight | null;
  preflightCacheHit: { flowId: string; maxAgeSeconds: number | null } | null;
  preflightNeeded: boolean;
  hops: ReportHop[];
  verdict: Evaluation['verdict'];
  summary: string;
  /** The network error the browser reported, verbatim (net::ERR_FAILED…), or null. */
  networkError: string | null;
  /**
   * True when the flow failed the way a CORS block fails (net::ERR_FAILED, NS_ERROR_DOM_BAD_URI) on a
   * cross-origin cors request, but the capture lacks the exchanges that would say why (a Playwright
   * HAR keeps no response for such a request): CORS may have blocked it.
   */
  possiblyBlocked: boolean;
  error: ReportFinding | null;
  warnings: ReportFinding[];
  readableResponseHeaders: string[];
  hiddenResponseHeaders: { name: string; reason: string; detail?: string }[];
  cookies: ReportCookie[];
  inferred: Inference[];
}

export interface SkippedInput {
  source: string;
  index: number;
  path: string;
  reason: string;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  flows: ReportFlow[];
  summary: {
    flows: number;
    blocked: number;
    /** Warning findings, over every flow. */
    warnings: number;
    allowed: number;
    notCors: number;
    failed: number;
    pending: number;
    /** HAR entries that could not be read (see `skipped`). */
    skippedEntries: number;
    /** Failed flows that CORS may have blocked (see ReportFlow.possiblyBlocked); the exit code is 1 when this is not 0. */
    possiblyBlocked: number;
  };
  skipped: SkippedInput[];
}

export interface ReportOptions {
  /** Keep Cookie, Set-Cookie and Authorization values (default: redacted). */
  includeSecrets?: boolean;
  /** Keep only flows CORS blocked or the network failed; the summary still counts every flow. */
  onlyFailures?: boolean;
  skipped?: SkippedInput[];
}

function exchange(ex: Exchange, secrets: boolean): ReportExchange {
  const headers = (h: readonly Header[]) => (secrets ? h.map((x) => ({ name: x.name, value: x.value })) : redactHeaders(h));
  return {
    url: ex.request.url,
    method: ex.request.method,
    status: ex.response?.status ?? null,
    statusText: ex.response?.statusText ?? null,
    requestHeaders: headers(ex.request.headers),
    responseHeaders: headers(ex.response?.headers ?? []),
    error: ex.error ?? null,
  };
}

function hop(h: Hop, secrets: boolean): ReportHop {
  return {
    ...exchange(h, secrets),
    redirectURL: h.response?.redirectURL ?? null,
    sent: h.sent,
    preflight: h.preflight ? exchange(h.preflight, secrets) : null,
  };
}

function finding(f: Finding): ReportFinding {
  return {
    code: f.code,
    severity: f.severity,
    failedParameter: f.failedParameter,
    hop: f.location.hop,
    stage: f.location.stage,
    url: f.location.url,
    messages: { chrome: f.messages.chrome, firefox: f.messages.firefox },
    why: f.why,
    fix: f.fix,
    learnMore: f.learnMore ?? null,
  };
}

export function reportFlow({ flow, evaluation: ev }: AnalyzedFlow, opts: ReportOptions = {}): ReportFlow {
  const secrets = opts.includeSecrets === true;
  const firstPreflight = flow.hops.findIndex((h) => h.preflight);
  const requestHeaders = secrets ? flow.request.headers.map((h) => ({ ...h })) : redactHeaders(flow.request.headers);
  return {
    id: flow.id,
    source: flow.source ?? null,
    browser: flow.browser ? { name: flow.browser.name, version: flow.browser.version ?? null } : null,
    startedAt: isoTime(flow.startedAt),
    request: { method: flow.request.method, url: flow.request.url, headers: requestHeaders },
    initiator: flow.request.origin,
    initiatorType: flow.request.initiatorType,
    mode: flow.request.mode,
    credentials: flow.request.credentials,
    topLevelUrl: flow.request.topLevelUrl ?? null,
    preflight:
      firstPreflight < 0 ? null : { ...exchange(flow.hops[firstPreflight]!.preflight!, secrets), hop: firstPreflight },
    preflightCacheHit: flow.preflightCacheHit ? { ...flow.preflightCacheHit } : null,
    preflightNeeded: ev.classification.needsPreflight,
    hops: flow.hops.map((h) => hop(h, secrets)),
    verdict: ev.verdict,
    summary: ev.summary,
    networkError: flow.error ?? null,
    possiblyBlocked: possiblyBlocked(flow, ev),
    error: ev.error ? finding(ev.error) : null,
    warnings: ev.warnings.map(finding),
    readableResponseHeaders: [...ev.readableResponseHeaders],
    hiddenResponseHeaders: ev.hiddenResponseHeaders.map((h) => (h.detail ? { name: h.name, reason: h.reason, detail: h.detail } : { name: h.name, reason: h.reason })),
    cookies: ev.cookies.map((c) => ({
      name: c.name,
      direction: c.direction,
      outcome: c.outcome,
      reasons: [...c.reasons],
      hop: c.hop,
      stage: c.stage,
      domain: c.domain ?? null,
      path: c.path ?? null,
      raw: c.raw === undefined ? null : secrets ? c.raw : redactCookieRaw(c.raw),
      why: c.why,
    })),
    inferred: flow.inferred.map((i) => ({ ...i })),
  };
}

function possiblyBlocked(flow: Flow, ev: Evaluation): boolean {
  if (ev.verdict !== 'failed' || ev.error || flow.request.mode !== 'cors' || !ev.classification.crossOrigin) return false;
  const last = flow.hops.at(-1);
  if (last?.response) return false;
  return isPolicyError(flow.error ?? last?.error);
}

/** A flow CI should fail on: CORS blocked it, or may have (the capture cannot tell). */
export function failsCors(f: Pick<ReportFlow, 'verdict' | 'possiblyBlocked'>): boolean {
  return f.verdict === 'blocked' || f.possiblyBlocked;
}

export function isFailure(f: Pick<ReportFlow, 'verdict'>): boolean {
  return f.verdict === 'blocked' || f.verdict === 'failed';
}

export function buildReport(analyzed: readonly AnalyzedFlow[], opts: ReportOptions = {}): Report {
  const all = analyzed.map((a) => reportFlow(a, opts));
  const count = (v: Evaluation['verdict']) => all.filter((f) => f.verdict === v).length;
  const skipped = opts.skipped ?? [];
  return {
    schema: REPORT_SCHEMA,
    flows: opts.onlyFailures ? all.filter(isFailure) : all,
    summary: {
      flows: all.length,
      blocked: count('blocked'),
      warnings: all.reduce((n, f) => n + f.warnings.length, 0),
      allowed: count('allowed'),
      notCors: count('not-cors'),
      failed: count('failed'),
      pending: count('pending'),
      skippedEntries: skipped.length,
      possiblyBlocked: all.filter((f) => f.possiblyBlocked).length,
    },
    skipped,
  };
}
