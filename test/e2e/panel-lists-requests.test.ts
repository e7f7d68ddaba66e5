/**
 * The walking skeleton, end to end: real headless Chromium with dist/chrome loaded, DevTools open
 * on a lab page, the CORS panel selected; the page makes a failing preflighted request and a
 * failing simple request; the panel must list both main requests and the preflight.
 */
import type { Browser, Frame, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API, installLab, PAGE_HOST } from '../lab/lab-scenarios.ts';
import { PAGE_RUNNER_SOURCE } from '../lab/page-runner.ts';
import { startLabServer, type LabServer } from '../lab/server.ts';
import { launchChromium, openCorsPanel, type LaunchedChromium } from '../support/chromium.ts';

interface Row {
  method: string;
  url: string;
  status: string;
  type: string;
  preflight: boolean;
}

async function panelRows(panel: Frame): Promise<Row[]> {
  return panel.$$eval('tr[data-request-id]', (trs) =>
    trs.map((tr) => ({
      method: tr.querySelector('.method')!.textContent!,
      url: tr.querySelector('.url')!.textContent!,
      status: tr.querySelector('.status')!.textContent!,
      type: tr.querySelector('.type')!.textContent!,
      preflight: tr.getAttribute('data-preflight') === 'true',
    })),
  );
}

describe('CORS panel lists live requests', () => {
  let server: LabServer;
  let chromium: LaunchedChromium;
  let browser: Browser;
  let page: Page;
  let panel: Frame;

  beforeAll(async () => {
    server = await startLabServer();
    installLab(server, PAGE_RUNNER_SOURCE);
    chromium = await launchChromium({ extension: true, devtools: true });
    browser = chromium.browser;
    page = await browser.newPage();
    await page.goto(server.url(PAGE_HOST, '/'));
    ({ panel } = await openCorsPanel(browser, page));
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('shows the failing preflighted PUT, its preflight, and the failing simple GET', async () => {
    const put = await page.evaluate(() => (window as any).labRun('put-custom-header-refused'));
    const get = await page.evaluate(() => (window as any).labRun('simple-get-no-acao'));
    expect(put.ok).toBe(false);
    expect(get.ok).toBe(false);

    const putUrl = server.url(CROSS_SITE_API, '/lab/put-refused');
    const getUrl = server.url(CROSS_SITE_API, '/lab/no-acao');
    await panel.waitForFunction(
      (a: string, b: string) => {
        const urls = [...document.querySelectorAll('tr[data-request-id] .url')].map((e) => e.textContent);
        return urls.filter((u) => u === a).length >= 2 && urls.includes(b);
      },
      { polling: 100, timeout: 10_000 },
      putUrl,
      getUrl,
    );
    const rows = await panelRows(panel);
    const forPut = rows.filter((r) => r.url === putUrl);
    expect(forPut.find((r) => r.preflight)).toMatchObject({ method: 'OPTIONS', status: '204', type: 'xmlhttprequest' });
    expect(forPut.find((r) => !r.preflight)).toMatchObject({ method: 'PUT', status: 'net::ERR_FAILED' });
    expect(rows.find((r) => r.url === getUrl)).toMatchObject({ method: 'GET', preflight: false, status: 'net::ERR_FAILED' });
    // The server really saw the preflight and never the PUT.
    expect(server.log.filter((r) => r.path === '/lab/put-refused').map((r) => r.method)).toEqual(['OPTIONS']);
  });
});
