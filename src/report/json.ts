/**
 * The JSON rendering, as a sequence of chunks: the report object two-space indented, exactly as
 * `JSON.stringify(report, null, 2)` writes it, but one flow at a time, so that a report larger
 * than the longest string a JavaScript engine can build (~512 MB in V8) can still be printed.
 */
import type { Report } from './report.ts';

/** JSON never holds a raw line break inside a string, so re-indenting by lines is exact. */
const indented = (value: unknown, by: string) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${by}`);

export function* renderJsonChunks(report: Report): Generator<string> {
  const keys = Object.keys(report) as (keyof Report)[];
  yield '{\n';
  for (const [i, key] of keys.entries()) {
    const comma = i < keys.length - 1 ? ',' : '';
    const value = report[key];
    if (key === 'flows' && Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [j, flow] of value.entries()) yield `    ${indented(flow, '    ')}${j < value.length - 1 ? ',' : ''}\n`;
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indented(value, '  ')}${comma}\n`;
    }
  }
  yield '}\n';
}

/** The whole rendering as one string (for small reports and tests). */
export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}
