/**
 * The report as one self-contained HTML page (no scripts, no external resources, inline CSS),
 * to attach to a ticket. Every value from the capture is escaped.
 */
import { segments } from '../explain/code-spans.ts';
import type { Report, ReportFinding, ReportFlow } from './report.ts';
import { summarySentence } from './summary-sentence.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1f1f1f}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
code,pre{font:12px ui-monospace,monospace}pre{background:#f6f6f6;padding:8px;overflow:auto;white-space:pre-wrap}
.v-blocked{color:#a50e0e;font-weight:600}.v-allowed{color:#137333}.v-failed{color:#b06000}.v-not-cors,.v-pending{color:#5f6368}
section{border-top:1px solid #ccc;margin-top:1.5rem}.url{word-break:break-all}`;

/** An explanation text: its `code spans` become <code>, everything escaped. */
function prose(text: string): string {
  return segments(text)
    .map((s) => (s.code ? `<code>${escapeHtml(s.text)}</code>` : escapeHtml(s.text)))
    .join('');
}

function finding(x: ReportFinding): string {
  const rows: string[] = [
    `<p><b>${escapeHtml(x.code)}</b>${x.failedParameter ? ` (<code>${escapeHtml(x.failedParameter)}</code>)` : ''} at ${x.stage === 'preflight' ? 'the preflight of ' : ''}hop ${x.hop + 1}: <code class="url">${escapeHtml(x.url)}</code></p>`,
  ];
  if (x.messages.chrome) rows.push(`<p>Chrome:</p><pre>${escapeHtml(x.messages.chrome)}</pre>`);
  if (x.messages.firefox) rows.push(`<p>Firefox:</p><pre>${escapeHtml(x.messages.firefox)}</pre>`);
  if (x.why) rows.push(`<p>Why: ${prose(x.why)}</p>`);
  if (x.fix) {
    rows.push(`<p>Fix: ${prose(x.fix.summary)}</p>`);
    for (const [server, snippet] of Object.entries(x.fix.snippets)) {
      if (snippet) rows.push(`<details><summary>${escapeHtml(server)}</summary><pre>${escapeHtml(snippet)}</pre></details>`);
    }
  }
  return rows.join('\n');
}

function section(f: ReportFlow, i: number): string {
  const cookies = f.cookies
    .filter((c) => c.outcome !== 'allowed')
    .map((c) => `<li>Cookie <code>${escapeHtml(c.name)}</code> (${escapeHtml(c.direction)}): ${escapeHtml(c.outcome)} — ${escapeHtml(c.reasons.join(', '))}${c.why ? `. ${prose(c.why)}` : ''}</li>`)
    .join('');
  return `<section id="flow-${i + 1}"><h2>${i + 1}. ${escapeHtml(f.request.method)} <span class="url">${escapeHtml(f.request.url)}</span></h2>
<p class="v-${escapeHtml(f.verdict)}">${escapeHtml(f.summary)}</p>
<p>Page <code>${escapeHtml(f.initiator)}</code>, mode <code>${escapeHtml(f.mode)}</code>, credentials <code>${escapeHtml(f.credentials)}</code>${f.source ? `, from <code>${escapeHtml(f.source)}</code>` : ''}.</p>
${f.error ? finding(f.error) : ''}${f.warnings.map(finding).join('\n')}${cookies ? `<ul>${cookies}</ul>` : ''}</section>`;
}

export function renderHtml(report: Report): string {
  const s = report.summary;
  const rows = report.flows
    .map(
      (f, i) =>
        `<tr><td><a href="#flow-${i + 1}">${i + 1}</a></td><td class="v-${escapeHtml(f.verdict)}">${escapeHtml(f.verdict)}</td><td><code>${escapeHtml(f.request.method)}</code></td><td class="url">${escapeHtml(f.request.url)}</td><td>${escapeHtml(f.hops.map((h) => (h.status === null ? '—' : String(h.status))).join(' → '))}</td><td>${f.error ? `<code>${escapeHtml(f.error.code)}</code>` : ''}</td></tr>`,
    )
    .join('\n');
  const skipped = report.skipped.length
    ? `<h2>Skipped HAR entries</h2><ul>${report.skipped.map((k) => `<li><code>${escapeHtml(k.source)}</code> <code>${escapeHtml(k.path)}</code>: ${escapeHtml(k.reason)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>cors-lens report</title><style>${CSS}</style></head><body>
<h1>cors-lens report</h1>
<p>${summarySentence(s)}</p>
<table><thead><tr><th>#</th><th>Verdict</th><th>Method</th><th>URL</th><th>Status</th><th>Reason</th></tr></thead><tbody>
${rows}
</tbody></table>
${report.flows.map(section).join('\n')}
${skipped}
</body></html>
`;
}
