import { describe, expect, it } from 'vitest';
import { readJson, readText, recordsOf, type WebRequestFixture } from '../../test/fixtures/load.ts';
import { flowsFromHar } from '../correlate/har.ts';
import { flowsFromRecords } from '../correlate/webrequest.ts';
import type { Flow } from '../model/flow.ts';
import { analyzeFlows } from '../report/analyze.ts';
import { readHar } from './read.ts';
import { flowsToHar } from './write.ts';

const ctx = { browser: 'chrome' as const, thirdPartyCookies: 'allowed' as const };

function fromHarText(text: string): Flow[] {
  const r = readHar(text);
  if (!r.ok) throw new Error(r.error.message);
  expect(r.skipped).toEqual([]);
  return flowsFromHar(r);
}

/** What must survive a round trip: the requests, their hops and preflights, and every verdict and message. */
function essence(flows: Flow[]) {
  return analyzeFlows(flows, ctx).map(({ flow, evaluation }) => ({
    method: flow.request.method,
    url: flow.request.url,
    mode: flow.request.mode,
    credentials: flow.request.credentials,
    initiatorType: flow.request.initiatorType,
    hops: flow.hops.map((h) => [h.request.url, h.response?.status ?? null, h.preflight?.response?.status ?? null, h.sent]),
    cacheHit: flow.preflightCacheHit !== undefined,
    verdict: evaluation.verdict,
    error: evaluation.error && [evaluation.error.code, evaluation.error.failedParameter, evaluation.error.messages.chrome],
    readable: evaluation.readableResponseHeaders,
  }));
}

describe('flowsToHar', () => {
  it('writes a HAR that reads back to the same flows and verdicts (from a DevTools HAR)', () => {
    for (const name of ['chromium-http.har', 'chromium-https.har']) {
      const flows = fromHarText(readText(`har/${name}`));
      const again = fromHarText(JSON.stringify(flowsToHar(flows, { includeSecrets: true })));
      expect(essence(again)).toEqual(essence(flows));
    }
  });

  it('writes live-captured flows, requests never sent included, in a form that reads back the same', () => {
    const flows = flowsFromRecords(recordsOf(readJson<WebRequestFixture>('webrequest/chromium-http.json').events), { browser: { name: 'chrome' } });
    const har = flowsToHar(flows, { includeSecrets: true });
    const again = fromHarText(JSON.stringify(har));
    // A HAR cannot say "sent, never answered" (a refused connection): webRequest can. And
    // webRequest cannot tell fetch from XHR, so the type written is the one inferred.
    const strip = (e: ReturnType<typeof essence>) =>
      e.map(({ initiatorType: _i, hops, ...rest }) => ({ ...rest, hops: hops.map(([u, s, p, sent]) => [u, s, p, s === null && rest.verdict === 'failed' ? '?' : sent]) }));
    expect(strip(essence(again))).toEqual(strip(essence(flows)));
  });

  it('marks preflights the way Chrome DevTools does, and failed requests with _error', () => {
    const flows = fromHarText(readText('har/chromium-http.har'));
    const har = flowsToHar(flows);
    const refused = flows.find((f) => f.request.url.endsWith('/lab/put-refused'))!;
    type Written = { request: { method: string }; response: { status: number; _error: string | null }; _resourceType: string; _initiator: unknown };
    const entries = har.log.entries.filter((e) => e.request.url === refused.request.url) as unknown as Written[];
    expect(entries.map((e) => [e.request.method, e._resourceType, e.response.status, e.response._error])).toEqual([
      ['PUT', 'fetch', 0, 'net::ERR_FAILED'],
      ['OPTIONS', 'preflight', 204, null],
    ]);
    expect(entries[1]!._initiator).toEqual({ type: 'preflight', url: refused.request.url, requestId: refused.id });
    expect(har.log.browser).toEqual({ name: 'Chrome', version: '156.0.0.0' });
  });

  it('redacts cookies and credentials unless asked not to', () => {
    const flows = fromHarText(readText('har/chromium-https.har'));
    expect(JSON.stringify(flowsToHar(flows))).not.toContain('fixture-secret');
    expect(JSON.stringify(flowsToHar(flows, { includeSecrets: true }))).toContain('fixture-secret');
  });
});

describe('the modes no browser HAR records', () => {
  const origin = 'https://app.example.com';
  const url = 'https://api.example.net/items';
  /** What `cors-lens check --credentials` makes: a credentialed PUT whose preflight lacks Allow-Credentials. */
  const checked: Flow = {
    id: 'c1',
    request: { url, method: 'PUT', headers: [{ name: 'Content-Type', value: 'application/json' }], mode: 'cors', credentials: 'include', initiatorType: 'fetch', origin },
    hops: [
      {
        request: { url, method: 'PUT', headers: [] },
        preflight: {
          request: {
            url,
            method: 'OPTIONS',
            headers: [
              { name: 'Origin', value: origin },
              { name: 'Access-Control-Request-Method', value: 'PUT' },
              { name: 'Access-Control-Request-Headers', value: 'content-type' },
            ],
          },
          response: {
            status: 204,
            headers: [
              { name: 'Access-Control-Allow-Origin', value: origin },
              { name: 'Access-Control-Allow-Methods', value: 'PUT' },
              { name: 'Access-Control-Allow-Headers', value: 'content-type' },
            ],
          },
        },
        error: 'net::ERR_FAILED',
        sent: false,
      },
    ],
    error: 'net::ERR_FAILED',
    inferred: [],
    startedAt: 1_000,
  };

  it('are written where known and read back as recorded, not guessed: the verdict survives', () => {
    const har = flowsToHar([checked], { includeSecrets: true });
    expect(har.log.entries.find((e) => e.request.method === 'PUT')!._corsLens).toEqual({ mode: 'cors', credentials: 'include' });
    const [again] = fromHarText(JSON.stringify(har));
    expect(again!.request.credentials).toBe('include');
    expect(again!.inferred.map((i) => i.field)).not.toContain('credentials');
    const [before] = analyzeFlows([checked], ctx);
    const [after] = analyzeFlows([again!], ctx);
    expect(before!.evaluation.error?.code).toBe('PreflightInvalidAllowCredentials');
    expect(after!.evaluation.error?.code).toBe('PreflightInvalidAllowCredentials');
  });

  it('are not written where they were themselves inferred', () => {
    const guessed: Flow = { ...checked, inferred: [{ field: 'credentials', from: 'no cookies were sent' }] };
    expect(flowsToHar([guessed]).log.entries.find((e) => e.request.method === 'PUT')!._corsLens).toEqual({ mode: 'cors' });
  });
});
