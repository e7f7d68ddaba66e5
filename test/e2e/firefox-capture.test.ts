/**
 * The Firefox build, end to end in firefox-esr: its background (background scripts, not a service
 * worker) captures the lab's requests with webRequest — preflights included — and the core turns
 * them into the same verdicts and codes as in Chromium, with Firefox's own console text.
 */
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Correlator } from '../../src/correlate/webrequest.ts';
import type { WebRequestRecord } from '../../src/model/webrequest.ts';
import { analyzeFlows } from '../../src/report/index.ts';
import { CROSS_SITE_API, installLab, PAGE_HOST, SAME_SITE_API } from '../lab/lab-scenarios.ts';
import { PAGE_RUNNER_SOURCE, type PageResult } from '../lab/page-runner.ts';
import { startLabServer, type LabServer } from '../lab/server.ts';
import { dumpRecords, FIREFOX_TEST_DIST, launchFirefox, settled, type LaunchedFirefox } from '../support/firefox.ts';

describe('the Firefox build in firefox-esr', () => {
  let server: LabServer;
  let firefox: LaunchedFirefox;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startLabServer();
    installLab(server, PAGE_RUNNER_SOURCE);
    firefox = await launchFirefox({ extensionDir: FIREFOX_TEST_DIST });
    page = await firefox.browser.newPage();
    page.on('pageerror', (e) => consoleErrors.push(String((e as Error).message ?? e)));
    await page.goto(server.url(PAGE_HOST, '/'));
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('captures preflights and main requests, and the core explains them in Firefox’s words', async () => {
    const run = (id: string) => page.evaluate((i: string) => (window as unknown as { labRun(i: string): Promise<PageResult> }).labRun(i), id);
    expect((await run('put-custom-header-refused')).ok).toBe(false);
    expect((await run('simple-get-no-acao')).ok).toBe(false);
    expect((await run('put-allowed')).ok).toBe(true);
    await settled(page);

    // fetch() resolves with the response head; Firefox may report onCompleted a little later.
    const putRefused = server.url(CROSS_SITE_API, '/lab/put-refused');
    const watched = [putRefused, server.url(CROSS_SITE_API, '/lab/no-acao'), server.url(SAME_SITE_API, '/lab/put-allowed')];
    let records: WebRequestRecord[] = [];
    for (const deadline = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 100))) {
      records = Object.values(await dumpRecords(page)).flat();
      const mine = records.filter((r) => watched.includes(r.hops[0]!.url));
      if ((mine.length >= 5 && mine.every((r) => r.state !== 'pending')) || Date.now() > deadline) break;
    }
    // The preflight is visible to webRequest in Firefox without extraHeaders.
    expect(records.filter((r) => r.hops[0]!.url === putRefused).map((r) => r.hops[0]!.method).sort()).toEqual(['OPTIONS', 'PUT']);

    const flows = new Correlator({ browser: { name: 'firefox' } }).update(records);
    const analyzed = analyzeFlows(flows, { browser: 'firefox', thirdPartyCookies: 'allowed' });
    const byUrl = (u: string) => analyzed.find((a) => a.flow.request.url === u && a.flow.request.method !== 'OPTIONS')!;

    const refused = byUrl(putRefused);
    expect(refused.flow.hops[0]!.preflight).toBeDefined();
    expect(refused.evaluation.verdict).toBe('blocked');
    expect(refused.evaluation.error?.code).toBe('HeaderDisallowedByPreflightResponse');
    const noAcao = byUrl(server.url(CROSS_SITE_API, '/lab/no-acao'));
    expect(noAcao.evaluation.error?.code).toBe('MissingAllowOriginHeader');
    expect(byUrl(server.url(SAME_SITE_API, '/lab/put-allowed')).evaluation.verdict).toBe('allowed');

    // Firefox printed these lines itself; the evaluator's Firefox text must be among them, exactly.
    for (const a of [refused, noAcao]) {
      for (const line of a.evaluation.error!.messages.firefox!.split('\n')) expect(consoleErrors).toContain(line);
    }
  });
});
