import type { Report } from './report.ts';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The report's summary in one sentence, for the Markdown and HTML renderings (numbers only: no escaping needed). */
export function summarySentence(s: Report['summary']): string {
  const parts = [
    count(s.flows, 'flow', 'flows') + ':',
    `${s.blocked} blocked by CORS,`,
    `${s.allowed} allowed,`,
    `${s.notCors} not CORS,`,
    ...(s.possiblyBlocked ? [`${s.possiblyBlocked} possibly blocked by CORS,`] : []),
    count(s.failed - s.possiblyBlocked, 'network failure', 'network failures') + ',',
    count(s.warnings, 'warning', 'warnings'),
  ];
  const skipped = s.skippedEntries ? `, ${count(s.skippedEntries, 'HAR entry', 'HAR entries')} skipped` : '';
  return `${parts.join(' ')}${skipped}.`;
}
