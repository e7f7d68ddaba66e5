import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, readText } from '../../test/fixtures/load.ts';
import { flowsFromHar } from '../correlate/har.ts';
import { readHar } from '../har/read.ts';
import { analyzeFlows, buildReport, renderJson, renderJsonChunks, type Report } from './index.ts';

const ctx = { browser: 'chrome' as const, thirdPartyCookies: 'allowed' as const };
const HARS = readdirSync(resolve(FIXTURES, 'har')).filter((f) => f.endsWith('.har'));
const old = (r: Report) => `${JSON.stringify(r, null, 2)}\n`;

describe('renderJson, streamed one flow at a time', () => {
  it.each(HARS)('writes the same bytes as one JSON.stringify of the report (%s)', (name) => {
    const har = readHar(readText(`har/${name}`), { source: name });
    if (!har.ok) throw new Error(har.error.message);
    const analyzed = analyzeFlows(flowsFromHar(har, { source: name }), ctx);
    for (const opts of [{}, { onlyFailures: true }, { includeSecrets: true }]) {
      const report = buildReport(analyzed, opts);
      expect(renderJson(report)).toBe(old(report));
      // Each flow is its own chunk.
      expect([...renderJsonChunks(report)].length).toBe(report.flows.length ? report.flows.length + 7 : 6);
    }
  });

  it('writes an empty report and skipped entries the same way too', () => {
    const empty = buildReport([], { skipped: [{ source: 'a.har', index: 3, path: 'log.entries[3].request', reason: 'expected an object' }] });
    expect(renderJson(empty)).toBe(old(empty));
  });
});
