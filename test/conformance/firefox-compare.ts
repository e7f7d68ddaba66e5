/**
 * Holding the evaluator to Firefox: Firefox's recorded console text and readable headers against
 * `evaluate(flow, { browser: 'firefox' })`. The flow is the one built from Chromium's recording,
 * which is Firefox's flow too when Firefox made exactly the same requests (the lab server's log
 * says so) — the server's scripted answers are the same for both browsers.
 */
import type { Evaluation } from '../../src/model/index.ts';
import type { Recording, ServerLogEntry } from './recording.ts';

const requestLine = (e: ServerLogEntry) => `${e.preflight ? 'preflight' : e.method} ${e.url}`;

/**
 * Scenarios whose raw response head Firefox reads otherwise than Chromium: the flow holds Chromium's
 * reading, so it is not the exchange Firefox saw (seen with firefox-esr 153).
 */
const FIREFOX_READS_HEAD_OTHERWISE: Record<string, string> = {
  'found-head-space-before-colon': 'Firefox ignores a header line whose name ends in a space; Chromium trims the name and keeps the header',
};

const HEAD_SPACE_BEFORE_COLON = FIREFOX_READS_HEAD_OTHERWISE['found-head-space-before-colon']!;

/**
 * For a generated scenario (its description as JSON, from describeScenario): a raw response head
 * with a header line whose name ends in a space or tab, which Firefox drops and Chromium keeps.
 */
export function readsHeadOtherwise(describedScenario: string | undefined): string | null {
  if (!describedScenario) return null;
  const heads: string[] = [];
  JSON.parse(describedScenario, (key, value: unknown) => {
    if (key === 'rawHead' && typeof value === 'string') heads.push(value);
    return value;
  });
  return heads.some((h) => h.split(/\r?\n/).slice(1).some((line) => /^[^:\s][^:]*[ \t]:/.test(line))) ? HEAD_SPACE_BEFORE_COLON : null;
}

/** Why Firefox's recording cannot be compared with this flow, or null when it can. */
export function firefoxSkipReason(rec: Recording, describedScenario?: string): string | null {
  const ff = rec.firefox;
  if (!ff) return 'not run in Firefox (third-party cookies blocked, or Local Network Access overrides)';
  const otherwise = FIREFOX_READS_HEAD_OTHERWISE[rec.id] ?? readsHeadOtherwise(describedScenario);
  if (otherwise) return otherwise;
  if (rec.verdict === 'failed') return 'a network failure: Firefox retries and the evaluator has no Firefox text for non-CORS failures';
  const chrome = rec.serverLog.map(requestLine).join('\n');
  const firefox = ff.serverLog.map(requestLine).join('\n');
  if (chrome !== firefox) return `Firefox made other requests than Chromium:\n  Chromium: ${chrome.split('\n').join(', ')}\n  Firefox:  ${firefox.split('\n').join(', ')}`;
  return null;
}

export function diffFirefox(rec: Recording, ev: Evaluation): string[] {
  const ff = rec.firefox!;
  const out: string[] = [];
  // Firefox's verdict as the page and the console show it: a blocking line means blocked; a page
  // that got a response was not blocked; a page that failed silently was refused (blocked or failed).
  const expected = ff.corsMessage !== null ? ['blocked'] : ff.result.ok ? ['allowed', 'not-cors'] : ['blocked', 'failed'];
  if (!expected.includes(ev.verdict)) out.push(`verdict: Firefox ${expected.join(' or ')}, evaluator ${ev.verdict}`);
  const message = ev.error?.messages.firefox ?? null;
  if (message !== ff.corsMessage) out.push(`message: Firefox ${JSON.stringify(ff.corsMessage)}, evaluator ${JSON.stringify(message)}`);
  const readable = [...ev.readableResponseHeaders].sort();
  const seen = [...ff.result.readableHeaders].sort();
  if (JSON.stringify(readable) !== JSON.stringify(seen)) out.push(`readable: Firefox ${JSON.stringify(seen)}, evaluator ${JSON.stringify(readable)}`);
  return out;
}
