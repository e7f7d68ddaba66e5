/**
 * webRequest calls fetch() and XMLHttpRequest both `xmlhttprequest`; Chromium's message names the
 * API ("Access to XMLHttpRequest at …"). In real Chromium with the real panel, what DevTools'
 * network panel reports (onRequestFinished, and getHAR() for what finished before the panel
 * opened) makes the panel print the very line Chromium printed on the page's console — for an
 * XMLHttpRequest and for a fetch() side by side.
 */
import type { Frame } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API } from '../lab/lab-scenarios.ts';
import { startExtensionSession, waitForRows, type ExtensionSession } from '../support/extension-session.ts';
import { collectConsole, openFlow } from '../support/panel-driver.ts';

/** The message the panel shows for the open flow, once it names `api` (the hint may come a moment after the row). */
async function shownMessage(panel: Frame, api: string): Promise<{ message: string; inferred: string[] }> {
  await panel.waitForFunction((a: string) => document.querySelector('.detail .finding.error .message')?.textContent?.startsWith(`Access to ${a} at`), { polling: 100, timeout: 5_000 }, api);
  return panel.$eval('.detail', (d) => ({
    message: d.querySelector('.finding.error .message')!.textContent!,
    inferred: [...d.querySelectorAll('.inferred li')].map((li) => li.textContent!),
  }));
}

describe("the panel's message names the API that made the request, as Chromium's does", () => {
  let s: ExtensionSession;
  let consoleLines: ReturnType<typeof collectConsole>;
  beforeAll(async () => {
    s = await startExtensionSession();
    consoleLines = collectConsole(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('an XMLHttpRequest: "Access to XMLHttpRequest at", exactly the console line; a fetch beside it keeps "fetch"', async () => {
    const xhrUrl = s.server.url(CROSS_SITE_API, '/lab/mismatch');
    const fetchUrl = s.server.url(CROSS_SITE_API, '/lab/no-acao');
    expect((await s.runLab('xhr-acao-mismatch')).ok).toBe(false);
    expect((await s.runLab('simple-get-no-acao')).ok).toBe(false);
    const printedXhr = await consoleLines.waitFor((l) => l.startsWith(`Access to XMLHttpRequest at '${xhrUrl}'`));
    const printedFetch = await consoleLines.waitFor((l) => l.startsWith(`Access to fetch at '${fetchUrl}'`));
    await waitForRows(s.panel, [xhrUrl, fetchUrl]);

    await openFlow(s.panel, xhrUrl);
    const xhr = await shownMessage(s.panel, 'XMLHttpRequest');
    expect(xhr.message).toBe(printedXhr);
    expect(xhr.inferred).toContain("initiatorType: the DevTools network panel's resource type xhr");
    // The list's type column says so too.
    expect(await s.panel.$eval('tr[aria-selected="true"] .type', (td) => td.textContent)).toBe('xmlhttprequest');

    await openFlow(s.panel, fetchUrl);
    const fetched = await shownMessage(s.panel, 'fetch');
    expect(fetched.message).toBe(printedFetch);
    expect(fetched.inferred).toContain("initiatorType: the DevTools network panel's resource type fetch");
  });

  it('requests that finished before the panel opened get the same, from getHAR()', async () => {
    const xhrUrl = s.server.url(CROSS_SITE_API, '/lab/mismatch');
    // A fresh panel document: the requests above are over, so only getHAR() can tell about them.
    await s.panel.evaluate(() => location.reload());
    const panelUrl = s.panel.url();
    await s.devtools.waitForFrame((f) => f.url() === panelUrl && !f.detached);
    const panel = s.devtools.frames().find((f) => f.url() === panelUrl)!;
    await panel.waitForFunction(() => document.querySelector('main[data-ready="true"]'), { polling: 100, timeout: 10_000 });
    s.panel = panel;
    await waitForRows(panel, [xhrUrl]);
    await openFlow(panel, xhrUrl);
    const printed = await consoleLines.waitFor((l) => l.startsWith(`Access to XMLHttpRequest at '${xhrUrl}'`));
    expect((await shownMessage(panel, 'XMLHttpRequest')).message).toBe(printed);
  });
});
