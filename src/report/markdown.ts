/**
 * The report as Markdown, for an issue or a pull request: a summary table, then one section per
 * flow that failed or warned, with the browsers' messages verbatim and the fix.
 * Text from the capture (URLs, header values, messages) is escaped so it cannot break the table
 * or inject markup.
 */
import { segments } from '../explain/code-spans.ts';
import { escapeControls } from './escape.ts';
import { summarySentence } from './summary-sentence.ts';
import type { Report, ReportFinding, ReportFlow } from './report.ts';

/**
 * Escapes Markdown's inline syntax (CommonMark backslash escapes); `|` and newlines too, so a value
 * stays in its table cell; control and bidi characters become visible escapes (Markdown is printed
 * to terminals too).
 */
export function mdEscape(s: string): string {
  return escapeControls(s.replace(/\r?\n/g, ' ')).replace(/[\\`*_[\]<>|~!]/g, (c) => `\\${c}`);
}

/** Inline code that survives backticks in the value. */
function code(raw: string): string {
  const s = escapeControls(raw.replace(/\r?\n/g, ' '));
  const ticks = '`'.repeat(Math.max(0, ...(s.match(/`+/g) ?? []).map((t) => t.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')}${pad}${ticks}`;
}

/** An explanation text: its `code spans` stay code, the rest is escaped. */
function prose(text: string): string {
  return segments(text)
    .map((s) => (s.code ? code(s.text) : mdEscape(s.text)))
    .join('');
}

function finding(x: ReportFinding): string[] {
  const lines = [
    `- **${mdEscape(x.code)}**${x.failedParameter ? ` (${code(x.failedParameter)})` : ''} at ${x.stage === 'preflight' ? 'the preflight of ' : ''}hop ${x.hop + 1}: ${code(x.url)}`,
  ];
  if (x.messages.chrome) lines.push(`  - Chrome: ${code(x.messages.chrome)}`);
  if (x.messages.firefox) lines.push(`  - Firefox: ${code(x.messages.firefox)}`);
  if (x.why) lines.push(`  - Why: ${prose(x.why)}`);
  if (x.fix) lines.push(`  - Fix: ${prose(x.fix.summary)}`);
  for (const [server, snippet] of Object.entries(x.fix?.snippets ?? {})) {
    if (!snippet) continue;
    const fence = '`'.repeat(Math.max(3, ...(snippet.match(/`+/g) ?? []).map((t) => t.length + 1)));
    lines.push(`  - ${mdEscape(server)}:`, '', `    ${fence}`, ...snippet.split('\n').map((l) => `    ${l}`), `    ${fence}`, '');
  }
  return lines;
}

function section(f: ReportFlow): string[] {
  const lines = [`### ${mdEscape(f.request.method)} ${mdEscape(f.request.url)}`, '', `${mdEscape(f.summary)}`, ''];
  lines.push(`- Flow ${code(f.id)}${f.source ? ` from ${code(f.source)}` : ''}; page ${code(f.initiator)}, mode ${code(f.mode)}, credentials ${code(f.credentials)}`);
  if (f.error) lines.push(...finding(f.error));
  for (const w of f.warnings) lines.push(...finding(w));
  for (const c of f.cookies.filter((k) => k.outcome !== 'allowed')) {
    lines.push(`- Cookie ${code(c.name)} (${c.direction}): ${c.outcome}, ${c.reasons.map(code).join(', ')}${c.why ? ` — ${prose(c.why)}` : ''}`);
  }
  lines.push('');
  return lines;
}

export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const out = [
    '# cors-lens report',
    '',
    summarySentence(s),
    '',
    '| # | Verdict | Method | URL | Status | Reason |',
    '|---|---|---|---|---|---|',
  ];
  report.flows.forEach((f, i) => {
    const statuses = f.hops.map((h) => (h.status === null ? '—' : String(h.status))).join(' → ');
    out.push(
      `| ${i + 1} | ${f.verdict} | ${code(f.request.method)} | ${code(f.request.url)} | ${mdEscape(statuses)} | ${f.error ? code(f.error.code) : f.networkError && f.verdict === 'failed' ? code(f.networkError) : ''} |`,
    );
  });
  out.push('');
  const notable = report.flows.filter((f) => f.error || f.warnings.length || f.cookies.some((c) => c.outcome !== 'allowed'));
  if (notable.length) out.push('## Details', '', ...notable.flatMap(section));
  if (report.skipped.length) {
    out.push('## Skipped HAR entries', '');
    for (const sk of report.skipped) out.push(`- ${code(sk.source)} ${code(sk.path)}: ${mdEscape(sk.reason)}`);
    out.push('');
  }
  return out.join('\n');
}
