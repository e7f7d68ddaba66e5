/**
 * `cors-lens analyze <file.har>…`: reads each HAR as a stream, correlates its entries into flows,
 * evaluates them in order, and renders one report for all files.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { flowsFromHar } from '../correlate/har.ts';
import { formatHarError, HarReader, type HarReadResult } from '../har/read.ts';
import type { BrowserName, EvaluationContext } from '../model/index.ts';
import { analyzeHarFlows, buildReport, type AnalyzedFlow, type Report, type SkippedInput } from '../report/index.ts';

export interface AnalyzeOptions {
  browser?: BrowserName;
  thirdPartyCookies: 'allowed' | 'blocked';
  onlyFailures: boolean;
  includeSecrets: boolean;
}

export interface AnalyzeResult {
  report: Report;
  /** One line per unreadable file or skipped entry, naming the file and the JSON path. */
  problems: string[];
  /** Files that could be read (possibly with skipped entries). */
  readFiles: number;
  exitCode: 0 | 1 | 2;
}

/** Reads a HAR file in chunks; a file that cannot be opened is reported like a malformed one. */
export async function readHarFile(file: string): Promise<HarReadResult> {
  const reader = new HarReader({ source: file });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) reader.write(chunk as Uint8Array);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory, not a HAR file' : e.message;
    return { ok: false, error: { source: file, path: '', message: `cannot read: ${why}` } };
  }
  return reader.end();
}

export async function analyzeFiles(files: readonly string[], opts: AnalyzeOptions): Promise<AnalyzeResult> {
  const analyzed: AnalyzedFlow[] = [];
  const skipped: SkippedInput[] = [];
  const problems: string[] = [];
  let unreadable = false;
  let readFiles = 0;
  const names = files.map((f) => basename(f));
  const ambiguous = new Set(names.filter((n, i) => names.indexOf(n) !== i));
  for (const [i, file] of files.entries()) {
    const har = await readHarFile(file);
    if (!har.ok) {
      unreadable = true;
      problems.push(formatHarError(har.error));
      continue;
    }
    readFiles++;
    for (const s of har.skipped) {
      skipped.push({ source: file, index: s.index, path: s.path, reason: s.reason });
      problems.push(`${file}: ${s.path}: ${s.reason} (entry skipped)`);
    }
    const source = ambiguous.has(names[i]!) ? file : names[i]!;
    const flows = flowsFromHar(har, { source, idPrefix: files.length > 1 ? `${i + 1}:` : '' });
    const ctx: EvaluationContext = {
      browser: opts.browser ?? flows.find((f) => f.browser)?.browser?.name ?? 'chrome',
      thirdPartyCookies: opts.thirdPartyCookies,
    };
    analyzed.push(...analyzeHarFlows(flows, ctx));
  }
  const report = buildReport(analyzed, { includeSecrets: opts.includeSecrets, onlyFailures: opts.onlyFailures, skipped });
  const exitCode = unreadable || skipped.length > 0 ? 2 : report.summary.blocked + report.summary.possiblyBlocked > 0 ? 1 : 0;
  return { report, problems, readFiles, exitCode };
}
