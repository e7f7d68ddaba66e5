import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, readText } from '../../test/fixtures/load.ts';
import { flowsFromHar } from '../correlate/har.ts';
import { readHar } from '../har/read.ts';
import { analyzeHarFlows, buildReport, NO_RESPONSE_IN_HAR } from './index.ts';

const ctx = { browser: 'firefox' as const, thirdPartyCookies: 'allowed' as const };
const flowsOf = (name: string) => {
  const har = readHar(readText(`har/${name}`), { source: name });
  if (!har.ok) throw new Error(har.error.message);
  return flowsFromHar(har, { source: name });
};

describe('analyzeHarFlows', () => {
  it('finishes a flow with no response and no error as failed, never pending (firefox-http.har e31, a refused connection)', () => {
    const report = buildReport(analyzeHarFlows(flowsOf('firefox-http.har'), ctx));
    const e31 = report.flows.find((f) => f.id === 'e31')!;
    expect(e31.request.url).toMatch(/\/fx\/refused$/);
    expect(e31).toMatchObject({ verdict: 'failed', networkError: NO_RESPONSE_IN_HAR, error: null, possiblyBlocked: false });
    expect(report.summary.pending).toBe(0);
  });

  it.each(readdirSync(resolve(FIXTURES, 'har')).filter((f) => f.endsWith('.har')))('leaves no flow pending (%s)', (name) => {
    const flows = flowsOf(name);
    const report = buildReport(analyzeHarFlows(flows, ctx));
    expect(report.flows.filter((f) => f.verdict === 'pending')).toEqual([]);
    expect(report.summary.pending).toBe(0);
  });
});
