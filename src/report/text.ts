/**
 * The report as plain text for a terminal: one line per flow, then for each failure the
 * browser's own console message and the fix. Colours come from the caller (the CLI passes
 * picocolors, enabled on a TTY only); the core never looks at a terminal. Every value that can come
 * from the network goes through `esc`, on a terminal or not: a header value must not drive it.
 */
import { segments } from '../explain/code-spans.ts';
import type { BrowserName } from '../model/flow.ts';
import { escapeControls as esc, escapeControlsByLine } from './escape.ts';
import type { Report, ReportFinding, ReportFlow } from './report.ts';

export interface Colors {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  cyan(s: string): string;
  /** True when the functions colour (picocolors sets it); code spans then lose their backticks. */
  isColorSupported?: boolean;
}

const id = (s: string) => s;
export const NO_COLORS: Colors = { red: id, green: id, yellow: id, dim: id, bold: id, cyan: id };

export interface TextOptions {
  colors?: Colors;
  /** Whose console message to print first. */
  browser?: BrowserName;
}

const BROWSER_LABEL: Record<BrowserName, string> = { chrome: 'Chrome', firefox: 'Firefox' };

function badge(f: ReportFlow, c: Colors): string {
  switch (f.verdict) {
    case 'allowed':
      return c.green('allowed ');
    case 'blocked':
      return c.red(c.bold('BLOCKED '));
    case 'failed':
      return f.possiblyBlocked ? c.red('BLOCKED?') : c.yellow('failed  ');
    case 'pending':
      return c.dim('pending ');
    default:
      return c.dim('not-cors');
  }
}

function status(f: ReportFlow): string {
  const last = f.hops.at(-1);
  if (f.networkError && (!last || last.status === null)) return esc(f.networkError);
  return f.hops.map((h) => (h.status === null ? '—' : String(h.status))).join('→');
}

/** An explanation text: on a colour terminal its `code spans` are coloured, elsewhere left as written. */
function prose(raw: string, c: Colors): string {
  const text = esc(raw);
  if (!c.isColorSupported) return text;
  return segments(text)
    .map((s) => (s.code ? c.cyan(s.text) : s.text))
    .join('');
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

function findingBlock(x: ReportFinding, browser: BrowserName, c: Colors): string[] {
  const other: BrowserName = browser === 'chrome' ? 'firefox' : 'chrome';
  const lines: string[] = [];
  const where = `${x.stage === 'preflight' ? 'preflight of ' : ''}hop ${x.hop + 1} (${esc(x.url)})`;
  const code = esc(x.code);
  lines.push(`${x.severity === 'error' ? c.red(code) : c.yellow(code)}${x.failedParameter ? ` [${esc(x.failedParameter)}]` : ''} at ${where}`);
  const primary = x.messages[browser];
  const secondary = x.messages[other];
  if (primary) lines.push(`${c.dim(`${BROWSER_LABEL[browser]} says:`)} ${escapeControlsByLine(primary)}`);
  if (secondary) lines.push(`${c.dim(`${BROWSER_LABEL[other]} says:`)} ${escapeControlsByLine(secondary)}`);
  if (x.why) lines.push(`${c.dim('Why:')} ${prose(x.why, c)}`);
  if (x.fix) lines.push(`${c.cyan('Fix:')} ${prose(x.fix.summary, c)}`);
  return lines;
}

export function renderText(report: Report, opts: TextOptions = {}): string {
  const c = opts.colors ?? NO_COLORS;
  const browser = opts.browser ?? 'chrome';
  const out: string[] = [];
  for (const f of report.flows) {
    out.push(`${badge(f, c)}  ${esc(f.request.method)} ${esc(f.request.url)}  ${c.dim(status(f))}`);
    const details: string[] = [];
    if (f.summary && f.verdict !== 'allowed') details.push(esc(f.summary));
    if (f.error) details.push(...findingBlock(f.error, browser, c));
    for (const w of f.warnings) details.push(...findingBlock(w, browser, c));
    for (const ck of f.cookies.filter((k) => k.outcome !== 'allowed')) {
      details.push(`${ck.outcome === 'blocked' ? c.red('cookie') : c.yellow('cookie')} ${esc(ck.name)} (${ck.direction}): ${esc(ck.reasons.join(', '))}${ck.why ? ` — ${prose(ck.why, c)}` : ''}`);
    }
    if (f.preflightCacheHit) {
      details.push(
        c.dim(`No preflight: served from the preflight cache (flow ${esc(f.preflightCacheHit.flowId)}, Access-Control-Max-Age ${f.preflightCacheHit.maxAgeSeconds ?? 'not sent: 5 s'}).`),
      );
    }
    if (details.length) out.push(indent(details.join('\n'), '    '));
  }
  const s = report.summary;
  const parts = [
    `${s.flows} flow${s.flows === 1 ? '' : 's'}`,
    s.blocked ? c.red(`${s.blocked} blocked by CORS`) : c.green('0 blocked by CORS'),
    `${s.allowed} allowed`,
    `${s.notCors} not CORS`,
  ];
  if (s.possiblyBlocked) parts.push(c.red(`${s.possiblyBlocked} possibly blocked by CORS (the capture lacks the responses to tell)`));
  const plainFailures = s.failed - s.possiblyBlocked;
  if (plainFailures) parts.push(c.yellow(`${plainFailures} network failure${plainFailures === 1 ? '' : 's'}`));
  if (s.pending) parts.push(`${s.pending} pending`);
  if (s.warnings) parts.push(c.yellow(`${s.warnings} warning${s.warnings === 1 ? '' : 's'}`));
  if (s.skippedEntries) parts.push(c.red(`${s.skippedEntries} HAR entr${s.skippedEntries === 1 ? 'y' : 'ies'} skipped`));
  if (out.length) out.push('');
  out.push(parts.join(', '));
  for (const sk of report.skipped) out.push(c.red(`skipped ${esc(sk.source)}: ${esc(sk.path)}: ${esc(sk.reason)}`));
  return `${out.join('\n')}\n`;
}
