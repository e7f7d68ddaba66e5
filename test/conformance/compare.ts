/**
 * What Chromium did (a Recording) and what the evaluator says (an Evaluation), each reduced to the
 * same comparable shape; and the differences between two such shapes, in words a failing test can
 * print. The same reduction compares a live recording with the committed one.
 */
import { createRequire } from 'node:module';
import type { CookieOutcome, Evaluation } from '../../src/model/index.ts';
import type { RecordedCookie, Recording } from './recording.ts';

/** The cookie reasons CDP can report (Network.SetCookieBlockedReason ∪ Network.CookieBlockedReason), from the protocol itself. */
const CDP_COOKIE_REASONS: ReadonlySet<string> = (() => {
  const protocol = createRequire(import.meta.url)('devtools-protocol/json/browser_protocol.json') as {
    domains: { domain: string; types?: { id: string; enum?: string[] }[] }[];
  };
  const network = protocol.domains.find((d) => d.domain === 'Network')!;
  const names = ['SetCookieBlockedReason', 'CookieBlockedReason'].flatMap((id) => network.types?.find((t) => t.id === id)?.enum ?? []);
  return new Set(names);
})();

/** Chromium deprecations (Audits DeprecationIssue `type`) that the evaluator reports as warnings of the same code. */
const DEPRECATION_WARNINGS = new Set(['AuthorizationCoveredByWildcard']);

export interface Judgement {
  verdict: string;
  code: string | null;
  failedParameter: string | null;
  /** Chrome's console text for the failure. */
  message: string | null;
  readable: string[];
  /**
   * `<direction> <stage>#<hop> <name>` → `allowed` | `blocked [reasons]` (`[*]`: blocked, reasons
   * unknown) | `unseen` (not reported, and the jar cannot tell whether this line was stored: it
   * deletes, or a later line of the same name may have stored the cookie).
   */
  cookies: Record<string, string>;
  /** Chromium deprecations raised for this request that are also warning codes. */
  deprecations: string[];
  /** Console text of warnings (Chromium: lines other than the failure and "Failed to load resource"). */
  warningMessages: string[];
}

function keyed(list: { key: string; value: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, value } of list) {
    let k = key;
    for (let n = 2; k in out; n++) k = `${key} (${n})`;
    out[k] = value;
  }
  return out;
}

function recordedCookieValue(c: RecordedCookie): string {
  if (c.outcome === 'blocked') return `blocked [${c.reasons.join(', ')}]`;
  // Not reported, and the jar cannot tell whether it was stored: accepted as a deletion, or
  // overwritten by a later line of the same name — or dropped for a reason CDP has no name for.
  if (c.direction === 'set' && ((c.stored === false && c.deletes) || c.overwritable)) return 'unseen';
  // A Set-Cookie line Chromium neither stored nor reported: blocked, for reasons it does not say.
  if (c.direction === 'set' && c.stored === false) return 'blocked [*]';
  return 'allowed';
}

export function judgementOfRecording(rec: Recording): Judgement {
  const deprecations = rec.issues
    .filter((i) => i.code === 'DeprecationIssue')
    .map((i) => (i.details as { deprecationIssueDetails?: { type?: string } }).deprecationIssueDetails?.type ?? '')
    .filter((t) => DEPRECATION_WARNINGS.has(t));
  const warningMessages = rec.console
    .filter((l) => l.text !== rec.corsMessage && !l.text.startsWith('Failed to load resource'))
    .map((l) => l.text);
  return {
    verdict: rec.verdict,
    code: rec.corsError,
    failedParameter: rec.corsError === null ? null : rec.failedParameter,
    message: rec.corsMessage,
    readable: [...rec.readableHeaders].sort(),
    cookies: keyed(rec.cookies.map((c) => ({ key: `${c.direction} ${c.stage}#${c.hop} ${c.name}`, value: recordedCookieValue(c) }))),
    deprecations: [...new Set(deprecations)].sort(),
    warningMessages: warningMessages.sort(),
  };
}

function evaluatedCookieValue(c: CookieOutcome): string {
  return c.outcome === 'blocked' ? `blocked [${[...c.reasons].sort().join(', ')}]` : 'allowed';
}

/**
 * A cookie the evaluator blocks only for reasons of its own (no CDP name, e.g. credentials not
 * included) that Chromium did not report at all: there is nothing to hold it to. When Chromium did
 * report the cookie, the two are compared as usual.
 */
function beyondCdp(value: string): boolean {
  const m = /^blocked \[(.+)\]$/.exec(value);
  return m !== null && m[1]!.split(', ').every((r) => !CDP_COOKIE_REASONS.has(r));
}

export function judgementOfEvaluation(ev: Evaluation): Judgement {
  const error = ev.error;
  return {
    verdict: ev.verdict,
    code: error?.code ?? null,
    failedParameter: error ? error.failedParameter : null,
    message: error?.messages.chrome ?? null,
    readable: [...ev.readableResponseHeaders].sort(),
    cookies: keyed(ev.cookies.map((c) => ({ key: `${c.direction} ${c.stage}#${c.hop} ${c.name}`, value: evaluatedCookieValue(c) }))),
    deprecations: [...new Set(ev.warnings.map((w) => String(w.code)).filter((c) => DEPRECATION_WARNINGS.has(c)))].sort(),
    warningMessages: ev.warnings
      .map((w) => w.messages.chrome)
      .filter((m): m is string => m !== null)
      .sort(),
  };
}

const show = (v: unknown) => JSON.stringify(v);

function cookieValuesMatch(expected: string, actual: string): boolean {
  if (expected === 'unseen') return actual === 'allowed' || beyondCdp(actual);
  return expected === actual || (expected === 'blocked [*]' && actual.startsWith('blocked'));
}

/** Differences of `actual` from `expected`, one line each; empty when they agree. */
export function diffJudgements(expected: Judgement, actual: Judgement, labels = { expected: 'Chromium', actual: 'evaluator' }): string[] {
  const out: string[] = [];
  const field = (name: keyof Judgement) => {
    if (show(expected[name]) !== show(actual[name])) {
      out.push(`${name}: ${labels.expected} ${show(expected[name])}, ${labels.actual} ${show(actual[name])}`);
    }
  };
  field('verdict');
  field('code');
  field('failedParameter');
  field('message');
  field('readable');
  const keys = new Set([...Object.keys(expected.cookies), ...Object.keys(actual.cookies)]);
  for (const k of [...keys].sort()) {
    const e = expected.cookies[k];
    const a = actual.cookies[k];
    if (e !== undefined && a !== undefined && cookieValuesMatch(e, a)) continue;
    if (e === undefined && a !== undefined && beyondCdp(a)) continue;
    out.push(`cookie ${k}: ${labels.expected} ${e ?? '(not reported)'}, ${labels.actual} ${a ?? '(not reported)'}`);
  }
  field('deprecations');
  field('warningMessages');
  return out;
}

/**
 * The parts of a recording that a Chromium upgrade could change, for comparing a live run with the
 * committed recording: the judgement plus the shape of every exchange.
 */
export function recordingDigest(rec: Recording): Record<string, unknown> {
  return {
    judgement: judgementOfRecording(rec),
    errorText: rec.errorText,
    console: rec.console.map((l) => `${l.level} ${l.source}: ${l.text}`),
    hops: rec.hops.map((h) => ({
      url: h.request.url,
      method: h.request.method,
      sent: h.sent,
      origin: h.request.headers.find((x) => x.name.toLowerCase() === 'origin')?.value ?? null,
      status: h.response?.status ?? null,
      error: h.error ?? null,
      preflight: h.preflight
        ? {
            acrm: h.preflight.request.headers.find((x) => x.name.toLowerCase() === 'access-control-request-method')?.value ?? null,
            acrh: h.preflight.request.headers.find((x) => x.name.toLowerCase() === 'access-control-request-headers')?.value ?? null,
            status: h.preflight.response?.status ?? null,
            error: h.preflight.error ?? null,
          }
        : null,
    })),
  };
}

export function diffDigests(committed: Recording, live: Recording): string[] {
  const a = recordingDigest(committed);
  const b = recordingDigest(live);
  const out: string[] = [];
  for (const k of Object.keys(a)) {
    if (show(a[k]) !== show(b[k])) out.push(`${k}: committed ${show(a[k])}\n   live (${live.browser.version}) ${show(b[k])}`);
  }
  if (out.length > 0 && committed.browser.version !== live.browser.version) {
    out.unshift(`recorded with ${committed.browser.version}, running ${live.browser.version}: re-record with \`npx tsx test/conformance/record.ts\` if the change is Chromium's`);
  }
  return out;
}
