import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson, readText, type TruthFixture } from '../../test/fixtures/load.ts';
import { readHar } from '../har/read.ts';
import { analyzeFlows } from '../report/analyze.ts';
import { buildReport, renderHtml, renderMarkdown, renderText } from '../report/index.ts';
import type { Flow } from '../model/flow.ts';
import { flowsFromHar } from './har.ts';

function harFlows(name: string): Flow[] {
  const har = readHar(readText(`har/${name}`), { source: name });
  if (!har.ok) throw new Error(har.error.message);
  expect(har.skipped).toEqual([]);
  return flowsFromHar(har, { source: name });
}

const shape = (flows: Flow[]) =>
  flows.map((f) => [
    f.request.method,
    new URL(f.request.url).pathname,
    f.hops.map((h) => `${h.response?.status ?? '-'}${h.preflight ? `+${h.preflight.response?.status}` : ''}`).join('>'),
    f.error ?? '',
  ]);

describe('flowsFromHar on DevTools HARs exported by Chromium 156', () => {
  it('makes one flow per request, preflights on their hops, redirects chained (HTTP lab)', () => {
    const flows = harFlows('chromium-http.har');
    expect(shape(flows)).toEqual([
      ['GET', '/', '200', ''],
      ['GET', '/lab/no-acao', '200', 'net::ERR_FAILED'],
      ['PUT', '/lab/put-refused', '-+204', 'net::ERR_FAILED'],
      ['GET', '/lab/wildcard', '200', 'net::ERR_FAILED'],
      ['GET', '/lab/redirect-start', '302>200', 'net::ERR_FAILED'],
      ['GET', '/lab/mismatch', '200', 'net::ERR_FAILED'],
      ['GET', '/lab/public', '200', ''],
      ['PUT', '/lab/put-allowed', '200+204', ''],
      ['GET', '/lab/credentialed', '200', ''],
      ['GET', '/lab/same-origin', '200', ''],
      ['GET', '/lab/cookie-start', '302>200', ''],
      ['PUT', '/fx/cached', '200+204', ''],
      ['PUT', '/fx/cached', '200', ''],
      ['PUT', '/fx/concurrent', '200+204', ''],
      ['PUT', '/fx/concurrent', '200+204', ''],
      ['PUT', '/fx/redirect-307', '307+204>200+204', ''],
      ['PUT', '/fx/preflight-403', '-+403', 'net::ERR_FAILED'],
      ['GET', '/fx/opaque', '200', ''],
      ['GET', '/fx/refused', '-', 'net::ERR_CONNECTION_REFUSED'],
    ]);
    const cached = flows.filter((f) => f.request.url.endsWith('/fx/cached'));
    expect(cached[1]!.preflightCacheHit).toEqual({ flowId: cached[0]!.id, maxAgeSeconds: 600 });
    expect(flows.filter((f) => f.preflightCacheHit)).toHaveLength(1);
  });

  it('names the browser from the User-Agent (DevTools writes WebInspector as the creator)', () => {
    const [flow] = harFlows('chromium-http.har');
    expect(flow!.browser).toEqual({ name: 'chrome', version: '156.0.0.0' });
  });

  it('tells fetch from XMLHttpRequest by _resourceType, and keeps what the page set on a request never sent', () => {
    const flows = harFlows('chromium-http.har');
    expect(flows.find((f) => f.request.url.endsWith('/lab/mismatch'))!.request.initiatorType).toBe('xmlhttprequest');
    expect(flows.find((f) => f.request.url.endsWith('/lab/no-acao'))!.request.initiatorType).toBe('fetch');
    const refused = flows.find((f) => f.request.url.endsWith('/lab/put-refused'))!;
    expect(refused.hops[0]!.sent).toBe(false);
    expect(refused.request.headers).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Api-Key', value: 'lab-key' },
    ]);
  });

  it('infers mode and credentials from the wire and says so (HTTPS: Sec-Fetch-Mode, cookies)', () => {
    const flows = harFlows('chromium-https.har');
    const withCookie = flows.find((f) => f.request.url.endsWith('/fx/with-cookie'))!;
    expect(withCookie.request).toMatchObject({ mode: 'cors', credentials: 'include' });
    expect(withCookie.inferred).toContainEqual({ field: 'mode', from: 'Sec-Fetch-Mode: cors' });
    expect(withCookie.inferred).toContainEqual({ field: 'credentials', from: 'cookies were sent to another origin' });
    const opaque = flows.find((f) => f.request.url.endsWith('/fx/opaque'))!;
    expect(opaque.inferred).toContainEqual({ field: 'mode', from: 'Sec-Fetch-Mode: no-cors' });
  });
});

describe('flowsFromHar on HARs exported by Firefox 153 DevTools', () => {
  it('pairs OPTIONS preflights (no _resourceType there), chains redirects, and names Firefox', () => {
    const flows = harFlows('firefox-http.har');
    expect(shape(flows.filter((f) => !f.request.url.endsWith('/favicon.ico')))).toEqual([
      ['GET', '/fixtures-http', '200', ''],
      ['GET', '/lab/no-acao', '200', ''],
      ['PUT', '/lab/put-refused', '-+204', ''],
      ['GET', '/lab/wildcard', '200', ''],
      ['GET', '/lab/redirect-start', '302>200', ''],
      ['GET', '/lab/mismatch', '200', ''],
      ['GET', '/lab/public', '200', ''],
      ['PUT', '/lab/put-allowed', '200+204', ''],
      ['GET', '/lab/credentialed', '200', ''],
      ['GET', '/lab/same-origin', '200', ''],
      ['GET', '/lab/cookie-start', '302>200', ''],
      ['PUT', '/fx/cached', '200+204', ''],
      ['PUT', '/fx/cached', '200+204', ''],
      ['PUT', '/fx/concurrent', '200+204', ''],
      ['PUT', '/fx/concurrent', '200+204', ''],
      ['PUT', '/fx/redirect-307', '307+204>-+204', ''],
      ['PUT', '/fx/preflight-403', '-+403', ''],
      ['GET', '/fx/opaque', '200', ''],
      ['GET', '/fx/refused', '-', ''],
    ]);
    expect(flows[0]!.browser).toEqual({ name: 'firefox', version: '153.8.0' });
  });

  it("gives Firefox's own console text for every flow it blocks (firefox-esr 153)", () => {
    for (const phase of ['http', 'https']) {
      const truth = readJson<{ console: string[] }>(`truth/firefox-${phase}.json`);
      const analyzed = analyzeFlows(harFlows(`firefox-${phase}.har`), { browser: 'firefox', thirdPartyCookies: 'allowed' });
      const blocked = analyzed.filter((a) => a.evaluation.verdict === 'blocked');
      expect(blocked.length).toBeGreaterThan(0);
      for (const { evaluation } of blocked) {
        for (const line of evaluation.error!.messages.firefox!.split('\n')) expect(truth.console, phase).toContain(line);
      }
      // Every URL Firefox blocked is blocked here, but two it cannot see in a capture: a credentialed
      // request without cookies (credentials mode is recorded nowhere, and Firefox reports no error),
      // and a refused connection (Firefox prints "CORS request did not succeed" for network errors).
      const blockedUrls = new Set(blocked.map((a) => a.flow.hops.at(-1)!.request.url));
      const firefoxBlocked = truth.console.flatMap((l) => /^Cross-Origin Request Blocked: .* remote resource at ‘?([^ ’]+?)’?\. \(Reason/.exec(l)?.[1] ?? []);
      const missed = [...new Set(firefoxBlocked)].filter((u) => !blockedUrls.has(u)).map((u) => new URL(u).pathname);
      expect(missed.sort()).toEqual(phase === 'http' ? ['/fx/refused', '/lab/wildcard'] : []);
    }
  });
});

// Playwright's own HARs: ./har-playwright.test.ts.

describe('HAR flows judged by the evaluator, against what Chromium 156 said (CDP loadingFailed and console)', () => {
  for (const phase of ['http', 'https']) {
    it(`matches every corsError, failedParameter and console message (${phase})`, () => {
      const truth = readJson<TruthFixture>(`truth/chromium-${phase}.json`);
      const analyzed = analyzeFlows(harFlows(`chromium-${phase}.har`), { browser: 'chrome', thirdPartyCookies: 'allowed' });
      const blocked = truth.requests.filter((r) => r.corsErrorStatus);
      expect(blocked.length).toBeGreaterThan(0);
      for (const t of blocked) {
        const a = analyzed.find(({ flow }) => flow.hops.at(-1)!.request.url === t.url && flow.request.method === t.method);
        expect(a, t.url).toBeDefined();
        expect(a!.evaluation.verdict).toBe('blocked');
        expect(a!.evaluation.error).toMatchObject({ code: t.corsErrorStatus!.corsError, failedParameter: t.corsErrorStatus!.failedParameter });
        expect(a!.evaluation.error!.messages.chrome).toBe(t.corsConsole[0]);
      }
      // Every flow Chromium did not block is not blocked here either.
      const blockedUrls = new Set(blocked.map((t) => t.url));
      for (const { flow, evaluation } of analyzed) {
        if (!blockedUrls.has(flow.hops.at(-1)!.request.url)) expect(evaluation.verdict, flow.request.url).not.toBe('blocked');
      }
    });

    it(`lists the headers the page could read, as the page saw them (${phase})`, () => {
      const truth = readJson<TruthFixture>(`truth/chromium-${phase}.json`);
      const analyzed = analyzeFlows(harFlows(`chromium-${phase}.har`), { browser: 'chrome', thirdPartyCookies: 'allowed' });
      const pageFlows = analyzed.filter(({ flow }) => flow.request.mode !== 'navigate' && !flow.request.url.endsWith('/favicon.ico'));
      const seen = truth.steps.flatMap((s) => s.results);
      expect(pageFlows).toHaveLength(seen.length);
      pageFlows.forEach(({ evaluation }, i) => expect(evaluation.readableResponseHeaders, `flow ${i}`).toEqual(seen[i]!.readableHeaders));
    });
  }

  it('turns credentials to include when only that explains why Chromium failed the response (and says why)', () => {
    const analyzed = analyzeFlows(harFlows('chromium-http.har'), { browser: 'chrome', thirdPartyCookies: 'allowed' });
    const wildcard = analyzed.find(({ flow }) => flow.request.url.endsWith('/lab/wildcard'))!;
    expect(wildcard.flow.request.credentials).toBe('include');
    expect(wildcard.flow.inferred.find((i) => i.field === 'credentials')!.from).toMatch(/net::ERR_FAILED/);
    expect(wildcard.evaluation.error!.code).toBe('WildcardOriginNotAllowed');
    const pub = analyzed.find(({ flow }) => flow.request.url.endsWith('/lab/public'))!;
    expect(pub.flow.request.credentials).toBe('same-origin');
  });
});

describe('flowsFromHar on hostile input that passes the schema', () => {
  type Headers = { name: string; value: string }[];
  const entry = (url: string, status: number, extra: { redirectURL?: string; headers?: Headers; requestHeaders?: Headers; at?: string } = {}) => ({
    startedDateTime: extra.at ?? '2026-01-01T00:00:00.000Z',
    request: { method: 'GET', url, headers: [{ name: 'Origin', value: 'https://app.test' }, ...(extra.requestHeaders ?? [])] },
    response: { status, headers: extra.headers ?? [], ...(extra.redirectURL !== undefined ? { redirectURL: extra.redirectURL } : {}) },
  });
  const flowsOf = (entries: unknown[]) => {
    const har = readHar(JSON.stringify({ log: { entries } }));
    if (!har.ok) throw new Error(har.error.message);
    return flowsFromHar(har);
  };

  it('keeps an entry whose URL or redirectURL no parser accepts, as a flow without a redirect', () => {
    const flows = flowsOf([entry('garbage', 302, { redirectURL: '/x' }), entry('https://a.test/', 301, { redirectURL: 'http://[bad' })]);
    expect(flows.map((f) => [f.request.url, f.hops.length, f.hops[0]!.response?.redirectURL])).toEqual([
      ['garbage', 1, undefined],
      ['https://a.test/', 1, undefined],
    ]);
  });

  it('does not chain a 300, or a 302 with an empty Location, to a later request for the same URL', () => {
    const later = '2026-01-01T00:00:01.000Z';
    const flows = flowsOf([
      entry('https://api.test/a', 300, { redirectURL: 'https://api.test/b', headers: [{ name: 'Location', value: '/b' }] }),
      entry('https://api.test/b', 200, { at: later }),
      entry('https://api.test/c', 302, { headers: [{ name: 'Location', value: '' }] }),
      entry('https://api.test/c', 200, { at: later }),
    ]);
    expect(flows.map((f) => f.hops.map((h) => h.response?.status))).toEqual([[300], [302], [200], [200]]);
  });

  it('takes header names and Sec-Fetch-Dest values that are names of Object.prototype as plain strings', () => {
    // Found by the property below (seed -1570944025): a request header named __proto__ crashed author-header inference.
    const headers = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((name) => ({ name, value: 'x' }));
    const flows = flowsOf([
      entry('https://api.test/a', 200, { requestHeaders: [...headers, { name: 'Sec-Fetch-Dest', value: 'constructor' }] }),
    ]);
    expect(flows).toHaveLength(1);
    expect(flows[0]!.inferred.find((i) => i.field === 'initiatorType')).toMatchObject({ from: expect.stringContaining('no resource type') });
    expect(flows[0]!.request.headers.map((h) => h.name)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
  });

  it('never throws, through evaluation and every rendering, whatever strings and numbers the entries hold', () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('', 'http://a.test/x', 'https://b.test:8443/y?z#f', 'http://[bad', '/rel', 'null', 'OPTIONS', 'PUT', 'Origin', 'Location', 'Access-Control-Request-Method', 'Access-Control-Allow-Origin', '*', 'Set-Cookie', 'a=b; SameSite=None', 'Cookie', 'preflight', 'xhr', '__proto__', 'constructor', 'toString', 'Sec-Fetch-Dest', 'Accept', 'Pragma', 'Cache-Control'),
    );
    const header = fc.record({ name: text, value: text });
    const harEntry = fc.record({
      pageref: fc.option(text, { nil: undefined }),
      startedDateTime: fc.constantFrom('2020-01-01T00:00:00Z', '2020-01-01T00:00:00.001Z', '1970-01-01T00:00:00Z'),
      time: fc.option(fc.double(), { nil: undefined }),
      request: fc.record({ method: text, url: text, headers: fc.array(header, { maxLength: 4 }) }),
      response: fc.record({ status: fc.oneof(fc.integer({ min: -2, max: 600 }), fc.double()), headers: fc.array(header, { maxLength: 4 }), redirectURL: fc.option(text, { nil: undefined }), _error: fc.option(text, { nil: undefined }) }),
      serverIPAddress: fc.option(fc.oneof(text, fc.constantFrom('127.0.0.1', '[::1]', '10.0.0.1')), { nil: undefined }),
      _resourceType: fc.option(text, { nil: undefined }),
      _frameref: fc.option(text, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(harEntry, { maxLength: 5 }), fc.constantFrom('chrome' as const, 'firefox' as const), (entries, browser) => {
        const report = buildReport(analyzeFlows(flowsOf(entries), { browser, thirdPartyCookies: 'allowed' }));
        renderText(report);
        renderMarkdown(report);
        renderHtml(report);
      }),
      { numRuns: 300 },
    );
  });
});
