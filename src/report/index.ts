export { analyzeFlows, analyzeHarFlows, NO_RESPONSE_IN_HAR, type AnalyzedFlow } from './analyze.ts';
export { buildReport, isFailure, reportFlow, REPORT_SCHEMA, type Report, type ReportFlow, type ReportOptions, type SkippedInput } from './report.ts';
export { renderText, NO_COLORS, type Colors, type TextOptions } from './text.ts';
export { renderMarkdown } from './markdown.ts';
export { renderHtml } from './html.ts';
export { escapeControls, escapeControlsByLine } from './escape.ts';
export { redactHeaders, redactHeaderValue, REDACTED } from './redact.ts';
export { renderJson, renderJsonChunks } from './json.ts';
