/**
 * The walking skeleton, end to end: real headless Chromium with dist/chrome loaded, DevTools open
 * on a lab page, the CORS panel selected; the page makes a failing preflighted request and a
 * failing simple request; the panel must list both main requests and the preflight.
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

  it('shows the failing preflighted PUT, its preflight, and the failing simple GET', async () => {
    const put = await s.runLab('put-custom-header-refused');
    const get = await s.runLab('simple-get-no-acao');
    expect(put.ok).toBe(false);
    expect(get.ok).toBe(false);

    const putUrl = s.server.url(CROSS_SITE_API, '/lab/put-refused');
    const getUrl = s.server.url(CROSS_SITE_API, '/lab/no-acao');
    await waitForRows(s.panel, { [putUrl]: 2, [getUrl]: 1 });
    const rows = await panelRows(s.panel);
    const forPut = rows.filter((r) => r.url === putUrl);
    expect(forPut.find((r) => r.preflight)).toMatchObject({ method: 'OPTIONS', status: '204', type: 'xmlhttprequest' });
    expect(forPut.find((r) => !r.preflight)).toMatchObject({ method: 'PUT', status: 'net::ERR_FAILED' });
    expect(rows.find((r) => r.url === getUrl)).toMatchObject({ method: 'GET', preflight: false, status: 'net::ERR_FAILED' });
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
