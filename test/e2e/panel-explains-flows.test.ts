/**
 * The panel explains a flow the way the browser does, in real Chromium: for a preflighted PUT the
 * preflight refuses, the detail shows the very console message Chromium printed, marks the
 * preflight as the failing hop and names the fix; for a cookie Chromium refused to store, the
 * cookie table gives the reason Chromium reported over the DevTools protocol.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API, PAGE_HOST, SAME_SITE_API } from '../lab/lab-scenarios.ts';
import { startExtensionSession, waitForRows, type ExtensionSession } from '../support/extension-session.ts';
import { undockDevTools } from '../support/devtools-ui.ts';
import { collectConsole, openFlow } from '../support/panel-driver.ts';

describe('the CORS panel explains flows', () => {
  let s: ExtensionSession;
  let consoleLines: ReturnType<typeof collectConsole>;
  let cdp: CDPSession;
  /** Chromium's own word on refused Set-Cookie lines, by URL (Network.responseReceivedExtraInfo). */
  const blockedByChromium = new Map<string, { name: string; reasons: string[] }[]>();

  beforeAll(async () => {
    s = await startExtensionSession();
    // Undocked, DevTools keeps its own window while another tab comes to the front (the clipboard test).
    await undockDevTools(s.devtools);
    consoleLines = collectConsole(s.page);
    cdp = await s.page.createCDPSession();
    const urls = new Map<string, string>();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      const url = urls.get(e.requestId);
      if (!url || !e.blockedCookies.length) return;
      blockedByChromium.set(
        url,
        e.blockedCookies.map((b) => ({ name: b.cookie?.name ?? b.cookieLine.split('=')[0]!, reasons: b.blockedReasons })),
      );
    });
    await cdp.send('Network.enable');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a failing preflighted PUT: the exact Chrome message, the failing hop, the fix', async () => {
    const url = s.server.url(CROSS_SITE_API, '/lab/put-refused');
    expect((await s.runLab('put-custom-header-refused')).ok).toBe(false);
    const printed = await consoleLines.waitFor((l) => l.startsWith(`Access to fetch at '${url}'`));
    await waitForRows(s.panel, [url]);
    await openFlow(s.panel, url);

    const detail = await s.panel.$eval('.detail', (d) => ({
      message: d.querySelector('.finding.error .message')!.textContent,
      browser: d.querySelector('.finding.error .message')!.getAttribute('data-browser'),
      code: d.querySelector('.finding.error')!.getAttribute('data-code'),
      failing: [...d.querySelectorAll('.step[data-failed="true"]')].map((e) => `${e.getAttribute('data-stage')}@${e.getAttribute('data-hop')}`),
      failingMarker: d.querySelector('.step[data-failed="true"] [data-marker="failed"]')?.textContent,
      fix: d.querySelector('.fix-summary')!.textContent,
      fixCode: [...d.querySelectorAll('.fix-summary code')].map((c) => c.textContent),
      fixFields: [...d.querySelectorAll('.fix-fields dd')].map((dd) => dd.textContent),
      snippet: d.querySelector('.snippet')!.textContent,
      unsent: d.querySelector('.step[data-stage="actual"]')!.classList.contains('unsent'),
    }));
    // The message is character for character what Chromium printed.
    expect(detail.message).toBe(printed);
    expect(detail.browser).toBe('chrome');
    expect(detail.code).toBe('HeaderDisallowedByPreflightResponse');
    // The failing hop: the preflight of the first hop; the PUT itself never went out.
    expect(detail.failing).toEqual(['preflight@0']);
    expect(detail.failingMarker).toContain('Failed here');
    expect(detail.unsent).toBe(true);
    // The fix: which header, on which response, with which value.
    expect(detail.fix).toMatch(/Access-Control-Allow-Headers/);
    expect(detail.fixFields[0]).toBe('Access-Control-Allow-Headers');
    expect(detail.fixFields[1]!.toLowerCase()).toContain('content-type');
    expect(detail.fixFields[2]).toBe('the preflight (OPTIONS) response');
    // The header line in the sentence is code, without the backticks that mark it in the text.
    expect(detail.fixCode).toContain(`${detail.fixFields[0]}: ${detail.fixFields[1]}`);
    expect(detail.fix).not.toContain('`');
    expect(detail.snippet.toLowerCase()).toContain('x-api-key');
  });

  it('the keyboard moves the selection and Enter opens a flow', async () => {
    // Three flows of its own, so that the test depends on no earlier one.
    const urls = ['a', 'b', 'c'].map((k) => s.server.url(CROSS_SITE_API, `/lab/no-acao?key=${k}`));
    for (const url of urls) await s.run({ via: 'fetch', url });
    await waitForRows(s.panel, urls);
    const order = await s.panel.$$eval('tr[data-flow-id]', (trs) => trs.map((tr) => [tr.getAttribute('data-flow-id')!, tr.querySelector('.url')!.textContent!]));
    const at = order.findIndex(([, u]) => u === urls[1]);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(order.length - 1);
    // Start from a known row: a click on the middle flow selects (and opens) it; then focus the grid.
    expect(await openFlow(s.panel, urls[1]!)).toBe(order[at]![0]);
    await s.panel.focus('table.flows');
    // The selected rows once the panel has rendered the key press (it renders on the next frame).
    const selected = async () => {
      await s.panel.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
      return s.panel.$$eval('tr[aria-selected="true"]', (trs) => trs.map((tr) => tr.getAttribute('data-flow-id')));
    };
    expect(await selected()).toEqual([order[at]![0]]);

    await s.devtools.keyboard.press('ArrowDown');
    expect(await selected()).toEqual([order[at + 1]![0]]);
    await s.devtools.keyboard.press('ArrowUp');
    expect(await selected()).toEqual([order[at]![0]]);
    await s.devtools.keyboard.press('ArrowUp');
    expect(await selected()).toEqual([order[at - 1]![0]]);
    // The arrows only select: the detail still shows the flow clicked first, until Enter.
    expect(await s.panel.$eval('.detail', (d) => d.getAttribute('data-flow-id'))).toBe(order[at]![0]);
    await s.devtools.keyboard.press('Enter');
    await s.panel.waitForFunction((i: string) => document.querySelector('.detail')?.getAttribute('data-flow-id') === i, { polling: 50, timeout: 5_000 }, order[at - 1]![0]!);
    // The flows list is a grid whose active row is the selected one.
    expect(await s.panel.$eval('table.flows', (t) => [t.getAttribute('role'), t.getAttribute('aria-activedescendant')])).toEqual([
      'grid',
      await s.panel.$eval('tr[aria-selected="true"]', (tr) => tr.id),
    ]);
  });

  it('the list shows where focus is when no selected row is on screen', async () => {
    const url = s.server.url(CROSS_SITE_API, '/lab/no-acao');
    await s.runLab('simple-get-no-acao');
    await waitForRows(s.panel, [url]);
    await openFlow(s.panel, url);
    await s.devtools.keyboard.press('Escape');
    // Filter the selected flow out of the list: the grid has focus and no row to ring.
    const search = await s.panel.$('input[type=search]');
    await search!.click({ count: 3 });
    await search!.type('put-refused');
    await s.panel.waitForFunction(() => !document.querySelector('tr[aria-selected="true"]'), { polling: 100, timeout: 5_000 });
    await s.panel.focus('table.flows');
    await s.devtools.keyboard.press('Shift'); // a key press makes focus keyboard focus (:focus-visible)
    const ring = () =>
      s.panel.$eval('table.flows', (t) => ({
        focused: t.matches(':focus-visible'),
        list: getComputedStyle(t.closest('.flow-list')!).outlineStyle,
        row: document.querySelector('tr.flow-row.selected') ? getComputedStyle(document.querySelector('tr.flow-row.selected')!).outlineStyle : null,
      }));
    expect(await ring()).toEqual({ focused: true, list: 'solid', row: null });
    // Once a row is selected and on screen, the ring moves to it.
    await s.devtools.keyboard.press('ArrowDown');
    expect(await ring()).toEqual({ focused: true, list: 'none', row: 'solid' });
    await search!.click({ count: 3 });
    await s.devtools.keyboard.press('Backspace');
    await s.panel.waitForFunction(() => document.querySelectorAll('tr[data-flow-id]').length > 1, { polling: 100, timeout: 5_000 });
  });

  it('copies curl commands to the clipboard, with the async API or, when it is refused, the fallback', async () => {
    const url = s.server.url(CROSS_SITE_API, '/lab/put-refused');
    await openFlow(s.panel, url);
    // Reads the system clipboard from a secure lab page allowed to (the panel frame may not read it).
    const origin = s.server.origin(PAGE_HOST, { secure: true });
    await s.browser.defaultBrowserContext().overridePermissions(origin, ['clipboard-read']);
    const reader = await s.browser.newPage();
    await reader.goto(`${origin}/`);
    const readClipboard = async () => {
      await reader.bringToFront();
      return reader.evaluate(() => navigator.clipboard.readText());
    };
    const copy = async (name: string) => {
      await s.panel.click(`button[data-copy="${name}"]`);
      await s.panel.waitForFunction((n: string) => document.querySelector(`button[data-copy="${n}"]`)?.getAttribute('data-copy-status') !== 'idle', { polling: 50, timeout: 5_000 }, name);
      return s.panel.$eval(`button[data-copy="${name}"]`, (b) => b.getAttribute('data-copy-status'));
    };
    try {
      expect(await copy('preflight-curl')).toBe('copied');
      expect(await readClipboard()).toMatch(
        /^curl -i -X OPTIONS -H 'Origin: http:\/\/app\.site-a\.test:\d+' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type,x-api-key' 'http:\/\/api\.site-b\.test:\d+\/lab\/put-refused'$/,
      );
      // Refuse the async clipboard, as a frame without clipboard-write delegated gets it.
      await s.panel.evaluate(() => {
        Object.defineProperty(navigator, 'clipboard', {
          configurable: true,
          value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
        });
      });
      expect(await copy('request-curl')).toBe('copied');
      // The PUT never went out: only its preflight named the headers, so their values are unknown.
      expect(await readClipboard()).toMatch(
        /^curl -i -X PUT -H 'Origin: http:\/\/app\.site-a\.test:\d+' -H 'content-type: <value not captured>' -H 'x-api-key: <value not captured>' 'http:\/\/api\.site-b\.test:\d+\/lab\/put-refused'$/,
      );
    } finally {
      await reader.close();
      await s.page.bringToFront();
    }
  });

  it('a cookie the browser refused: the cookie table gives Chromium’s reason', async () => {
    const url = s.server.url(SAME_SITE_API, '/lab/cookie-start');
    const end = s.server.url(SAME_SITE_API, '/lab/cookie-end');
    expect((await s.runLab('cookie-samesite-none-insecure')).ok).toBe(true);
    await waitForRows(s.panel, [url]);
    await openFlow(s.panel, url);
    const cookies = await s.panel.$$eval('.cookie-table tr[data-cookie]', (trs) =>
      trs.map((tr) => ({
        name: tr.getAttribute('data-cookie'),
        direction: tr.getAttribute('data-direction'),
        outcome: tr.getAttribute('data-outcome'),
        reasons: [...tr.querySelectorAll('.reason')].map((r) => r.textContent),
        why: tr.querySelector('.why')!.textContent!,
        whyCode: [...tr.querySelectorAll('.why code')].map((c) => c.textContent),
      })),
    );
    const refused = cookies.find((c) => c.name === 'lab_pref' && c.direction === 'set')!;
    expect(refused.outcome).toBe('blocked');
    expect(refused.why.length).toBeGreaterThan(20);
    expect(refused.whyCode).toContain('SameSite=None');
    expect(refused.why).not.toContain('`');
    // Chromium's own reasons for the same Set-Cookie line, over the DevTools protocol.
    const truth = blockedByChromium.get(end)?.find((c) => c.name === 'lab_pref');
    expect(truth, 'Chromium reported no refused cookie for the request').toBeDefined();
    expect(refused.reasons).toEqual(truth!.reasons);
    // The cookie the redirect set was stored and sent on the next hop.
    expect(cookies.find((c) => c.name === 'lab_id' && c.direction === 'set')?.outcome).toBe('allowed');
    expect(cookies.find((c) => c.name === 'lab_id' && c.direction === 'send')?.outcome).toBe('allowed');
  });

  it('exports the shown flows as a report file, with cookies redacted, without a network request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-lens-export-'));
    try {
      const browserCdp = await s.browser.target().createCDPSession();
      await browserCdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
      const search = await s.panel.$('input[type=search]');
      await search!.click({ count: 3 });
      await search!.type('cookie-start');
      await s.panel.waitForFunction(() => document.querySelectorAll('tr[data-flow-id]').length === 1, { polling: 100, timeout: 5_000 });
      const requestsBefore = s.server.log.length;
      await s.panel.click('.export summary');
      await s.panel.click('input[name="export-format"][value="json"]');
      await s.panel.click('.export-popup button.primary');
      const deadline = Date.now() + 10_000;
      let files: string[] = [];
      while (Date.now() < deadline && !(files = readdirSync(dir).filter((f) => f.endsWith('.json'))).length) await new Promise((r) => setTimeout(r, 100));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^cors-lens-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
      const text = readFileSync(join(dir, files[0]!), 'utf8');
      const report = JSON.parse(text);
      expect(report.schema).toBe('cors-lens/report@1');
      expect(report.flows.map((f: { request: { url: string } }) => f.request.url)).toEqual([s.server.url(SAME_SITE_API, '/lab/cookie-start')]);
      // The Cookie and Set-Cookie values are redacted by default.
      expect(text).toContain('[redacted]');
      expect(text).not.toContain('lab_id=1');
      expect(text).not.toContain('lab_pref=dark');
      expect(s.server.log.length).toBe(requestsBefore);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
