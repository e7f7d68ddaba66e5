/**
 * The panel's code in Firefox. BiDi cannot reach into Firefox's DevTools toolbox, so the real App
 * is loaded outside DevTools (test/bench/panel-harness.html) with flows from the real correlator
 * and evaluator: it must render, open a flow, show Firefox's message by default (the browser it
 * runs in) and Chrome's on request, and throw nothing.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFirefox } from '../support/firefox.ts';
import { serveHarness, type PanelHarness, type ServedHarness } from '../support/panel-harness.ts';

declare const panelBench: PanelHarness;

describe('the panel in Firefox (outside DevTools)', () => {
  let harness: ServedHarness;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    harness = await serveHarness();
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: findFirefox(), headless: true });
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewport({ width: 1200, height: 700 });
    await page.goto(harness.url);
    await page.waitForFunction(() => document.documentElement.dataset.benchReady === 'true');
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('renders the list and explains a refused preflight in Firefox’s words first', async () => {
    const prepared = await page.evaluate(() => panelBench.prepare(300, 7));
    expect(prepared.flows).toBe(300);
    const { rows } = await page.evaluate(() => panelBench.firstRender(300));
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThan(300);

    const id = await page.evaluate(() => panelBench.findFlow('blocked', 'sent'));
    expect(id).not.toBeNull();
    await page.click(`tr[data-flow-id="${id}"]`);
    await page.waitForSelector('.detail .finding.error .message');
    const firefox = await page.$eval('.detail .finding.error .message', (m) => [m.getAttribute('data-browser'), m.textContent]);
    expect(firefox[0]).toBe('firefox');
    expect(firefox[1]).toMatch(/^Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https:\/\/api\.site-b\.test\/v1\/items\/\d+\?q=\d+\. \(Reason: /);
    await page.click('.detail button[data-browser="chrome"]');
    expect(await page.$eval('.detail .finding.error .message', (m) => m.textContent)).toMatch(/^Access to fetch at 'https:\/\/api\.site-b\.test\/v1\/items\/\d+\?q=\d+' from origin 'https:\/\/app\.site-a\.test' has been blocked by CORS policy: /);
    expect(await page.$$eval('.detail .step[data-failed="true"]', (s) => s.map((e) => e.getAttribute('data-stage')))).toEqual(['preflight']);
    expect(errors).toEqual([]);
  });
});
