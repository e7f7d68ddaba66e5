/** The shown flows as a report file, through src/report (which also redacts). */
import { buildReport, renderHtml, renderJson, renderMarkdown } from '../../src/report/index.ts';
import type { FlowEntry } from './entry.ts';

export type ExportFormat = 'json' | 'markdown' | 'html';

export const FORMATS: Record<ExportFormat, { label: string; extension: string; type: string }> = {
  json: { label: 'JSON', extension: 'json', type: 'application/json' },
  markdown: { label: 'Markdown', extension: 'md', type: 'text/markdown' },
  html: { label: 'HTML', extension: 'html', type: 'text/html' },
};

/** Cookie, Set-Cookie and Authorization values are redacted unless `includeSecrets`. */
export function exportReport(entries: readonly FlowEntry[], format: ExportFormat, includeSecrets: boolean): string {
  const report = buildReport(
    entries.map((e) => ({ flow: e.flow, evaluation: e.evaluation })),
    { includeSecrets },
  );
  return format === 'json' ? renderJson(report) : format === 'markdown' ? renderMarkdown(report) : renderHtml(report);
}
