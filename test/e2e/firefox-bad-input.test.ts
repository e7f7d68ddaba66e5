/**
 * The Firefox build's background under odd traffic, in firefox-esr: responses with no headers, a
 * huge value, hundreds of headers, non-HTTP schemes (data:, blob:, moz-extension:), a tab closed
 * while its request is in flight, and a service worker's request (tabId -1). Nothing may throw or
 * warn in the background, and capture must keep working after each.
 */
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_HEADERS_PER_HOP } from '../../src/correlate/webrequest-record.ts';
import type { WebRequestRecord } from '../../src/model/webrequest.ts';
import { CROSS_SITE_API, installLab, PAGE_HOST } from '../lab/lab-scenarios.ts';
import { PAGE_RUNNER_SOURCE } from '../lab/page-runner.ts';
import { startLabServer, type LabServer } from '../lab/server.ts';
import { dumpRecords, FIREFOX_TEST_DIST, launchFirefox, settled, type LaunchedFirefox } from '../support/firefox.ts';

describe('the Firefox build under bad input', () => {
  let server: LabServer;
  let firefox: LaunchedFirefox;
  let page: Page;
  /** The background's warnings and any script error of the extension. */
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startLabServer();
    installLab(server, PAGE_RUNNER_SOURCE);
    server.route('/bad/no-headers', { actual: { rawHead: 'HTTP/1.1 200 OK', body: 'bare' } });
    server.route('/bad/huge-header', {
      actual: { headers: [['Access-Control-Allow-Origin', '*'], ['X-Huge', 'v'.repeat(100_000)]], body: 'big' },
    });
    server.route('/bad/many-headers', {
      actual: { headers: [['Access-Control-Allow-Origin', '*'], ...Array.from({ length: 400 }, (_, i) => [`X-H${i}`, `${i}`] as [string, string])] },
    });
    server.route('/bad/slow', { actual: { delayMs: 2000, headers: [['Access-Control-Allow-Origin', '*']], body: 'late' } });
    server.route('/bad/from-sw', { actual: { headers: [['Access-Control-Allow-Origin', '*']], body: 'sw' } });
    server.page(
      '/sw.js',
      `self.addEventListener('install', (e) => e.waitUntil(fetch(${JSON.stringify(server.url(CROSS_SITE_API, '/bad/from-sw'))}, { mode: 'cors' }).then((r) => r.text())));`,
      'text/javascript',
    );
    firefox = await launchFirefox({
      extensionDir: FIREFOX_TEST_DIST,
      // Service workers on the lab's plain-HTTP origins.
      prefs: { 'devtools.console.stdout.content': true, 'dom.serviceWorkers.testing.enabled': true },
      onOutput: (line) => {
        if (/cors-lens:/.test(line) || (/moz-extension:/.test(line) && /error/i.test(line))) problems.push(line);
      },
    });
    page = await firefox.browser.newPage();
    await page.goto(server.url(PAGE_HOST, '/'));
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  const fetchIn = (p: Page, url: string) =>
    p.evaluate((u: string) => fetch(u).then((r) => r.text().then(() => r.status), (e: unknown) => String(e)), url);
  const records = async (): Promise<WebRequestRecord[]> => Object.values(await dumpRecords(page)).flat();
  async function finished(url: string): Promise<WebRequestRecord> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const r = (await records()).find((x) => x.hops[0]!.url === url && x.hops[0]!.method !== 'OPTIONS');
      if ((r && r.state !== 'pending') || Date.now() > deadline) {
        expect(r, `no finished record of ${url}`).toBeDefined();
        return r!;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  it('records responses with no headers, a huge value and many headers', async () => {
    const [bare, huge, many] = ['/bad/no-headers', '/bad/huge-header', '/bad/many-headers'].map((p) => server.url(CROSS_SITE_API, p));
    expect(await fetchIn(page, bare!)).toMatch(/TypeError/); // no Access-Control-Allow-Origin
    expect(await fetchIn(page, huge!)).toBe(200);
    expect(await fetchIn(page, many!)).toBe(200);
    const bareRec = await finished(bare!);
    expect(bareRec.hops.at(-1)!.statusCode).toBe(200);
    // Only what the lab server's socket adds itself (Content-Length, Connection): no CORS header at all.
    expect((bareRec.hops.at(-1)!.responseHeaders ?? []).map((h) => h.name.toLowerCase()).sort()).toEqual(['connection', 'content-length']);
    const hugeValue = (await finished(huge!)).hops.at(-1)!.responseHeaders!.find((h) => h.name.toLowerCase() === 'x-huge')!.value;
    expect(hugeValue).toMatch(/truncated; 100000 characters in all/);
    // Kept in bounded form: the first 256 and a marker saying how many more there were.
    const manyHeaders = (await finished(many!)).hops.at(-1)!.responseHeaders!;
    expect(manyHeaders).toHaveLength(MAX_HEADERS_PER_HOP + 1);
    expect(manyHeaders.at(-1)!.name).toBe('x-cors-lens-truncated');
    await settled(page);
    expect(problems).toEqual([]);
  });

  it('ignores data:, blob: and moz-extension: requests and keeps capturing', async () => {
    expect(await fetchIn(page, 'data:text/plain,hello')).toBe(200);
    const blobUrl = await page.evaluate(() => URL.createObjectURL(new Blob(['x'])));
    expect(await fetchIn(page, blobUrl)).toBe(200);
    expect(await fetchIn(page, 'moz-extension://00000000-0000-0000-0000-000000000000/manifest.json')).toMatch(/TypeError/);
    const after = server.url(CROSS_SITE_API, '/lab/public');
    expect(await fetchIn(page, after)).toBe(200);
    await finished(after);
    expect((await records()).filter((r) => !/^https?:/.test(r.hops[0]!.url))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('records nothing of a service worker\'s request (tabId -1)', async () => {
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.register('/sw.js');
      const sw = reg.installing ?? reg.waiting ?? reg.active!;
      if (sw.state !== 'activated' && sw.state !== 'installed') {
        await new Promise<void>((res) => sw.addEventListener('statechange', () => (sw.state === 'installed' || sw.state === 'activated') && res()));
      }
    });
    expect(server.log.some((r) => r.path === '/bad/from-sw')).toBe(true);
    const after = server.url(CROSS_SITE_API, '/lab/public?after-sw');
    expect(await fetchIn(page, after)).toBe(200);
    await finished(after);
    const all = await records();
    // Firefox reports the worker's script and its fetch with tabId -1 (probed: every event, beforeRequest to completed).
    expect(all.filter((r) => /\/bad\/from-sw|\/sw\.js/.test(r.hops[0]!.url))).toEqual([]);
    expect(all.every((r) => r.tabId >= 0)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('survives a tab closed while its request is in flight, and forgets that tab', async () => {
    const known = new Set(Object.keys(await dumpRecords(page)));
    const other = await firefox.browser.newPage();
    await other.goto(server.url(PAGE_HOST, '/'));
    void other.evaluate((u: string) => fetch(u).catch(() => undefined), server.url(CROSS_SITE_API, '/bad/slow')).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    const closedTab = Object.keys(await dumpRecords(page)).find((id) => !known.has(id));
    expect(closedTab).toBeDefined();
    await other.close();
    // Late events of the closed tab's request (its cancellation, the slow response) come and go.
    await new Promise((r) => setTimeout(r, 2_500));
    const after = server.url(CROSS_SITE_API, '/lab/public?after-close');
    expect(await fetchIn(page, after)).toBe(200);
    await finished(after);
    await settled(page);
    expect(Object.keys(await dumpRecords(page))).not.toContain(closedTab);
    expect(problems).toEqual([]);
  });
});
