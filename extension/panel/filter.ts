/** Which flows the list shows, and the toolbar's counts. Verdicts come from the evaluator. */
import type { FlowEntry, RowFields } from './entry.ts';

export interface Filter {
  /** Show failures (blocked by CORS, or a network failure). */
  failures: boolean;
  /** Show flows with warnings. With both on, a flow matching either is shown; with neither, all. */
  warnings: boolean;
  /** Free text: every word must appear in the URL, method, status, initiator, type, summary or finding codes. */
  text: string;
  /** Host name of the request URL; '' for every domain. */
  domain: string;
}

export const NO_FILTER: Filter = { failures: false, warnings: false, text: '', domain: '' };

export const isFailure = (row: RowFields) => row.verdict === 'blocked' || row.verdict === 'failed';

/** A predicate for the filter, with the search words split and lower-cased once. */
export function matcher(f: Filter): (row: RowFields) => boolean {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return (row) => {
    if (f.failures || f.warnings) {
      if (!((f.failures && isFailure(row)) || (f.warnings && row.warnings > 0))) return false;
    }
    if (f.domain && row.host !== f.domain) return false;
    for (const w of words) if (!row.haystack.includes(w)) return false;
    return true;
  };
}

export function applyFilter(entries: readonly FlowEntry[], f: Filter): readonly FlowEntry[] {
  if (!f.failures && !f.warnings && !f.domain && !f.text.trim()) return entries;
  const keep = matcher(f);
  return entries.filter((e) => keep(e.row));
}

export function countsOf(entries: readonly FlowEntry[]): { failures: number; warnings: number } {
  let failures = 0;
  let warnings = 0;
  for (const e of entries) {
    if (isFailure(e.row)) failures++;
    if (e.row.warnings > 0) warnings++;
  }
  return { failures, warnings };
}

/** Host names seen, most frequent first, for the domain filter. */
export function domainsOf(entries: readonly FlowEntry[]): string[] {
  const n = new Map<string, number>();
  for (const e of entries) if (e.row.host) n.set(e.row.host, (n.get(e.row.host) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([h]) => h);
}
