/**
 * The walking skeleton, end to end: real headless Chromium with dist/chrome loaded, DevTools open
 * on a lab page, the CORS panel selected; the page makes a failing preflighted request and a
 * failing simple request; the panel must list both flows, the PUT's preflight as a badge with its
 * status, and count them as failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API } from '../lab/lab-scenarios.ts';
import { panelRows, startExtensionSession, waitForRows, type ExtensionSession } from '../support/extension-session.ts';

describe('CORS panel lists live requests', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await startExtensionSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the failing preflighted PUT with its preflight, and the failing simple GET', async () => {
    const put = await s.runLab('put-custom-header-refused');
    const get = await s.runLab('simple-get-no-acao');
    expect(put.ok).toBe(false);
    expect(get.ok).toBe(false);

    const putUrl = s.server.url(CROSS_SITE_API, '/lab/put-refused');
    const getUrl = s.server.url(CROSS_SITE_API, '/lab/no-acao');
    await waitForRows(s.panel, [putUrl, getUrl]);
    const rows = await panelRows(s.panel);
    // One row per flow: the PUT carries its preflight as a badge with the preflight's status.
    expect(rows.filter((r) => r.url === putUrl)).toHaveLength(1);
    // The PUT got no response (its preflight failed): the network error is all there is. The GET's
    // response came (200) and the browser withheld it from the page: the status the server sent, marked blocked.
    expect(rows.find((r) => r.url === putUrl)).toMatchObject({ method: 'PUT', status: 'net::ERR_FAILED', statusNote: '', type: 'fetch', preflight: '✕ OPTIONS 204' });
    expect(rows.find((r) => r.url === getUrl)).toMatchObject({ method: 'GET', status: '200', statusNote: 'blocked', preflight: '' });
    const getTitle = await s.panel.$$eval('tr[data-flow-id]', (trs, u) => trs.find((tr) => tr.querySelector('.url')!.textContent === u)!.querySelector('.status')!.getAttribute('title'), getUrl);
    expect(getTitle).toContain('net::ERR_FAILED');
    const badge = (url: string) =>
      s.panel.$$eval(
        'tr[data-flow-id]',
        (trs, u) => trs.filter((tr) => tr.querySelector('.url')!.textContent === u).map((tr) => tr.querySelector('.preflight')!.textContent),
        url,
      );
    // The failed preflight: ✕ besides the colour, and an accessible name.
    expect(await badge(putUrl)).toEqual(['✕ OPTIONS 204']);
    const name = await s.panel.$$eval(
      'tr[data-flow-id]',
      (trs, u) => trs.find((tr) => tr.querySelector('.url')!.textContent === u)!.querySelector('.preflight [role="img"]')?.getAttribute('aria-label'),
      putUrl,
    );
    expect(name).toBe('Preflight OPTIONS 204, failed');
    expect(await badge(getUrl)).toEqual(['']);
    // Both are failures: the verdict column and the toolbar's live count say so.
    const verdicts = await s.panel.$$eval('tr[data-flow-id]', (trs) =>
      Object.fromEntries(trs.map((tr) => [tr.querySelector('.url')!.textContent, tr.getAttribute('data-verdict')])),
    );
    expect([verdicts[putUrl], verdicts[getUrl]]).toEqual(['blocked', 'blocked']);
    expect(Number(await s.panel.$eval('.count.failures', (e) => e.getAttribute('data-count')))).toBeGreaterThanOrEqual(2);
    // The server really saw the preflight and never the PUT.
    expect(s.server.log.filter((r) => r.path === '/lab/put-refused').map((r) => r.method)).toEqual(['OPTIONS']);
  });

  it('keeps listing after the panel is closed and reopened', async () => {
    const okUrl = s.server.url(CROSS_SITE_API, '/lab/public');
    await s.runLab('simple-get-wildcard');
    await waitForRows(s.panel, [okUrl]);
    // Reload the panel's document: it reconnects and gets the snapshot from the background.
    await s.panel.evaluate(() => location.reload());
    const panelUrl = s.panel.url();
    await s.devtools.waitForFrame((f) => f.url() === panelUrl && !f.detached);
    const panel = s.devtools.frames().find((f) => f.url() === panelUrl)!;
    await panel.waitForFunction(() => document.querySelector('main[data-ready="true"]'), { polling: 100, timeout: 10_000 });
    s.panel = panel;
    await waitForRows(panel, [okUrl, s.server.url(CROSS_SITE_API, '/lab/no-acao')]);
  });
});
