import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowsFromRecords } from '../../src/correlate/webrequest.ts';
import type { EvaluationContext, WebRequestRecord } from '../../src/model/index.ts';
import { analyzeFlows } from '../../src/report/analyze.ts';
import { IncrementalAnalysis } from './analysis.ts';

const ctx: EvaluationContext = { browser: 'chrome', thirdPartyCookies: 'allowed', now: Date.parse('2026-11-29T21:00:00Z') };

describe('IncrementalAnalysis', () => {
  for (const name of ['chromium-http', 'chromium-https']) {
    const records: WebRequestRecord[] = JSON.parse(readFileSync(resolve(import.meta.dirname, `../../test/fixtures/webrequest/${name}.json`), 'utf8')).records;
    const flows = flowsFromRecords(records, { browser: { name: 'chrome' } });
    it(`gives what analyzeFlows gives, as the list grows (${name})`, () => {
      const inc = new IncrementalAnalysis(ctx);
      for (let n = 1; n <= flows.length; n++) expect(inc.update(flows.slice(0, n))).toEqual(analyzeFlows(flows.slice(0, n), ctx));
    });
  }
  it('reconciles a credentialed request answered with * (the browser failed what the guess allowed)', () => {
    const records: WebRequestRecord[] = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures/webrequest/chromium-http.json'), 'utf8')).records;
    const flows = flowsFromRecords(records, { browser: { name: 'chrome' } });
    const analyzed = new IncrementalAnalysis(ctx).update(flows);
    const wildcard = analyzed.find((a) => a.flow.request.url.endsWith('/lab/wildcard'))!;
    expect(wildcard.flow.request.credentials).toBe('include');
    expect(wildcard.evaluation.verdict).toBe('blocked');
    expect(wildcard.evaluation.error?.code).toBe('WildcardOriginNotAllowed');
  });
});
