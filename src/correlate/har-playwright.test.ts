import { describe, expect, it } from 'vitest';
import { readJson, readText, type TruthFixture } from '../../test/fixtures/load.ts';
import { readHar } from '../har/read.ts';
import { analyzeFlows, type AnalyzedFlow } from '../evaluate/reconcile.ts';
import type { Flow } from '../model/flow.ts';
import { flowsFromHar } from './har.ts';

// Playwright's own HARs (recordHar, playwright-core 1.65.1 driving Chromium 156), recorded by
// test/fixtures/capture/playwright.ts beside the truth: what Chromium reported over CDP in that run.

function harFlows(name: string): Flow[] {
  const har = readHar(readText(`har/${name}`), { source: name });
  if (!har.ok) throw new Error(har.error.message);
  expect(har.skipped).toEqual([]);
  return flowsFromHar(har, { source: name });
}

const analyze = (name: string): AnalyzedFlow[] => analyzeFlows(harFlows(name), { browser: 'chrome', thirdPartyCookies: 'allowed' });
const path = (url: string) => new URL(url).pathname;
const shape = (flows: Flow[]) =>
  flows.map((f) => [f.request.method, path(f.request.url), f.hops.map((h) => `${h.response?.status ?? '-'}${h.preflight ? '+' : ''}`).join('>'), f.error ?? '']);
const notes = (flow: Flow, field: string) => flow.inferred.filter((i) => i.field === field).map((i) => i.from);

describe("flowsFromHar on Playwright's own HAR", () => {
  it('makes one flow per request the page made: no preflight entries, failed requests without a response, redirects chained', () => {
    expect(shape(harFlows('playwright-chromium-http.har'))).toEqual([
      ['GET', '/', '200', ''],
      ['GET', '/lab/no-acao', '-', 'net::ERR_FAILED'],
      ['PUT', '/lab/put-refused', '-', 'net::ERR_FAILED'],
      ['GET', '/lab/wildcard', '-', 'net::ERR_FAILED'],
      ['GET', '/lab/redirect-start', '302>-', 'net::ERR_FAILED'],
      ['GET', '/lab/mismatch', '-', 'net::ERR_FAILED'],
      ['GET', '/lab/public', '200', ''],
      ['PUT', '/lab/put-allowed', '200', ''],
      ['GET', '/lab/credentialed', '200', ''],
      ['GET', '/lab/same-origin', '200', ''],
      ['GET', '/lab/cookie-start', '302>200', ''],
      ['PUT', '/fx/cached', '200', ''],
      ['PUT', '/fx/cached', '200', ''],
      ['PUT', '/fx/concurrent', '200', ''],
      ['PUT', '/fx/concurrent', '200', ''],
      ['PUT', '/fx/redirect-307', '307>200', ''],
      ['PUT', '/fx/preflight-403', '-', 'net::ERR_FAILED'],
      ['GET', '/fx/opaque', '200', ''],
      ['GET', '/fx/refused', '-', 'net::ERR_CONNECTION_REFUSED'],
    ]);
  });

  it('names Chromium from log.browser, and no preflight cache hit is claimed without preflights', () => {
    const flows = harFlows('playwright-chromium-http.har');
    expect(flows.every((f) => f.browser?.name === 'chrome' && f.browser.version === '156.0.8078.108')).toBe(true);
    expect(flows.filter((f) => f.preflightCacheHit)).toEqual([]);
  });

  it("takes the page from the document its frame loaded (_frameref): Playwright's page titles are document titles", () => {
    const flows = harFlows('playwright-chromium-https.har');
    const withCookie = flows.find((f) => f.request.url.endsWith('/fx/with-cookie'))!;
    expect(withCookie.request).toMatchObject({
      origin: 'https://app.site-a.test:47822',
      topLevelUrl: 'https://app.site-a.test:47822/',
      initiatorAddressSpace: 'loopback',
      mode: 'cors',
      credentials: 'include',
    });
    expect(notes(withCookie, 'topLevelUrl')).toEqual(["the document last loaded in the page's first frame (HAR _frameref)"]);
    expect(notes(withCookie, 'initiatorAddressSpace')[0]).toMatch(/^the document last loaded in the request's frame \(HAR _frameref\): https:\/\/app\.site-a\.test:47822\/ came from 127\.0\.0\.1/);
  });

  it('says what it cannot know: no preflight recorded, no response for a failed request; `sent` only where the request must have gone out', () => {
    const flows = harFlows('playwright-chromium-http.har');
    const byPath = (p: string) => flows.find((f) => path(f.request.url) === p)!;
    const noAcao = byPath('/lab/no-acao');
    expect(noAcao.hops[0]!.sent).toBe(true);
    expect(notes(noAcao, 'response')).toEqual([
      "Playwright's HAR keeps no response for a failed request (status -1, _failureText net::ERR_FAILED). Chromium fails a request blocked by CORS with net::ERR_FAILED, but which check failed is not in the file: the response (and its headers) arrived but was not recorded",
    ]);
    expect(notes(noAcao, 'preflight')).toEqual([]);
    const refused = byPath('/lab/put-refused');
    expect(refused.hops[0]!.sent).toBe(false);
    expect(refused.request.headers.map((h) => h.name)).toEqual(['Content-Type', 'X-Api-Key']);
    expect(notes(refused, 'preflight')).toEqual([
      "Playwright's HAR records no preflights: this request needed one (PUT, content-type, x-api-key), but whether it was sent or served from the preflight cache, and what it answered, is not in the file",
    ]);
    expect(notes(refused, 'response')[0]).toMatch(/neither the preflight nor any response was recorded$/);
    // A refused connection is a network error, not a gap in the file.
    const closed = byPath('/fx/refused');
    expect(closed.hops[0]!.sent).toBe(false);
    expect(notes(closed, 'response')).toEqual([]);
    // A preflighted request that succeeded: the preflight is missing all the same.
    expect(notes(byPath('/lab/put-allowed'), 'preflight')).toHaveLength(1);
    expect(notes(byPath('/lab/public'), 'preflight')).toEqual([]);
  });
});

describe('Playwright HAR flows judged by the evaluator, against what Chromium 156 said in the same run', () => {
  for (const name of ['http', 'https', 'minimal-http', 'minimal-https']) {
    it(`same outcome wherever the HAR holds the exchange, and no claim where it does not (${name})`, () => {
      const truth = readJson<TruthFixture>(`truth/playwright-chromium-${name}.json`);
      const analyzed = analyze(`playwright-chromium-${name}.har`);
      // Playwright keeps the requests of a frame: not preflights, not the favicon (no frame).
      const made = truth.requests.filter((r) => r.initiatorType !== 'preflight' && !r.url.endsWith('/favicon.ico'));
      expect(analyzed.map(({ flow }) => `${flow.request.method} ${flow.hops.at(-1)!.request.url}`)).toEqual(made.map((r) => `${r.method} ${r.url}`));
      let blocked = 0;
      made.forEach((t, i) => {
        const { flow, evaluation } = analyzed[i]!;
        const label = `${t.method} ${t.url}`;
        if (t.corsErrorStatus) {
          // Chromium blocked it (t.corsErrorStatus), but the file holds no response: no verdict of CORS, no code, no message.
          blocked++;
          expect(flow.error, label).toBe(t.errorText);
          expect(evaluation.verdict, label).toBe('failed');
          expect(evaluation.error, label).toBeNull();
          expect(evaluation.summary, label).toMatch(/cannot be told\.( \(Firefox .*\))?$/);
          expect(evaluation.summary, label).not.toContain('not a CORS block');
          expect([...notes(flow, 'response'), ...notes(flow, 'preflight')].length, label).toBeGreaterThan(0);
        } else if (t.errorText) {
          expect(flow.error, label).toBe(t.errorText);
          expect(evaluation.verdict, label).toBe('failed');
          expect(evaluation.summary, label).toContain('not a CORS block');
        } else {
          expect(['allowed', 'not-cors'], label).toContain(evaluation.verdict);
          expect(evaluation.error, label).toBeNull();
        }
      });
      expect(blocked).toBe(name.endsWith('https') ? 3 : 6);
      // What the page's JavaScript could read, flow by flow.
      const seen = truth.steps.flatMap((s) => s.results);
      const pageFlows = analyzed.filter(({ flow }) => flow.request.mode !== 'navigate');
      expect(pageFlows.map(({ evaluation }) => evaluation.readableResponseHeaders)).toEqual(seen.map((r) => r.readableHeaders));
    });
  }

  it("gives the same verdicts, codes and warnings as DevTools' HAR of the same scenarios wherever every exchange is in the file", () => {
    for (const phase of ['http', 'https']) {
      const devtools = analyze(`chromium-${phase}.har`).filter(({ flow }) => !flow.request.url.endsWith('/favicon.ico'));
      const playwright = analyze(`playwright-chromium-${phase}.har`);
      expect(playwright.map(({ flow }) => path(flow.request.url))).toEqual(devtools.map(({ flow }) => path(flow.request.url)));
      const complete = playwright.filter(({ flow }) => flow.hops.every((h) => h.response));
      expect(complete.length).toBeGreaterThan(phase === 'http' ? 10 : 3);
      for (const p of complete) {
        const d = devtools[playwright.indexOf(p)]!;
        const label = `${phase} ${p.flow.request.method} ${path(p.flow.request.url)}`;
        expect(p.evaluation.verdict, label).toBe(d.evaluation.verdict);
        expect(p.evaluation.error?.code ?? null, label).toBe(d.evaluation.error?.code ?? null);
        expect(p.evaluation.warnings.map((w) => w.code), label).toEqual(d.evaluation.warnings.map((w) => w.code));
      }
    }
  });

  it("mode 'minimal' gives the same flows and verdicts, without what it leaves out (pages, server IPs)", () => {
    for (const phase of ['http', 'https']) {
      const full = analyze(`playwright-chromium-${phase}.har`);
      const minimal = analyze(`playwright-chromium-minimal-${phase}.har`);
      expect(shape(minimal.map((a) => a.flow))).toEqual(shape(full.map((a) => a.flow)));
      expect(minimal.map((a) => a.evaluation.verdict)).toEqual(full.map((a) => a.evaluation.verdict));
      expect(minimal.map((a) => a.flow.request.origin)).toEqual(full.map((a) => a.flow.request.origin));
      expect(minimal.map((a) => a.flow.request.topLevelUrl)).toEqual(full.map((a) => a.flow.request.topLevelUrl));
      expect(minimal.filter((a) => a.flow.request.initiatorAddressSpace)).toEqual([]);
      expect(full.filter((a) => a.flow.request.initiatorAddressSpace).length).toBe(full.length - 1); // all but the navigation
    }
  });
});

describe('Playwright routes (page.route) in the HAR', () => {
  const truth = readJson<TruthFixture>('truth/playwright-chromium-routes.json');
  const analyzed = analyze('playwright-chromium-routes.har');
  const byPath = (p: string) => analyzed.find(({ flow }) => path(flow.request.url) === p)!;

  it('route.fulfill: the response is the test’s, and the preflight Playwright answered itself is said', () => {
    // The evidence: Chromium saw a preflight answered 204, the server never got an OPTIONS.
    expect(truth.requests.filter((r) => r.initiatorType === 'preflight').map((r) => [r.method, path(r.url), r.status])).toEqual([['OPTIONS', '/lab/put-refused', 204]]);
    expect(truth.serverLog!.filter((l) => l.startsWith('OPTIONS'))).toEqual([]);
    const { flow, evaluation } = byPath('/lab/put-refused');
    expect(evaluation.verdict).toBe('allowed');
    expect(evaluation.readableResponseHeaders).toEqual(truth.steps[0]!.results[0]!.readableHeaders);
    expect(notes(flow, 'response')).toEqual(["a Playwright route answered the request (route.fulfill): the response is the test's, not the server's"]);
    expect(notes(flow, 'preflight')[0]).toMatch(/Routes were set on this page, and while any route is set Playwright answers every preflight itself, allowing it/);
  });

  it('route.continue: the server answered (and Chromium blocked it); route.abort: the error is the test’s, not a CORS hint', () => {
    const continued = byPath('/lab/no-acao');
    expect(truth.requests.find((r) => r.url.endsWith('/lab/no-acao'))!.corsErrorStatus).toEqual({ corsError: 'MissingAllowOriginHeader', failedParameter: '' });
    expect(continued.evaluation.verdict).toBe('failed');
    expect(notes(continued.flow, 'headers')).toContain("a Playwright route let the request through (route.continue): the headers recorded may be the route's overrides");
    expect(notes(continued.flow, 'response')[0]).toMatch(/^Playwright's HAR keeps no response for a failed request/);
    const aborted = byPath('/lab/wildcard');
    expect(truth.requests.find((r) => r.url.endsWith('/lab/wildcard'))).toMatchObject({ errorText: 'net::ERR_FAILED' });
    expect(truth.requests.find((r) => r.url.endsWith('/lab/wildcard'))!.corsErrorStatus).toBeUndefined();
    expect(aborted.flow.hops[0]!.sent).toBe(false);
    expect(notes(aborted.flow, 'response')).toEqual(["a Playwright route aborted the request (route.abort): its error (net::ERR_FAILED) is the test's, not the browser's verdict"]);
  });
});
