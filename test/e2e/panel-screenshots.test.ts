/**
 * The panel follows the DevTools theme, live: switching DevTools to dark switches the panel, and
 * back. Screenshots — the full list of the demo lab's flows (light), and a failing flow open in
 * both themes — are saved to test-results/screenshots/ — or, with UPDATE_SCREENSHOTS=1, to
 * docs/screenshots/ for the README.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API, LAB_SCENARIOS } from '../lab/lab-scenarios.ts';
import { setDevToolsTheme, undockDevTools } from '../support/devtools-ui.ts';
import { screenshotPanel, startExtensionSession, waitForRows, type ExtensionSession } from '../support/extension-session.ts';
import { openFlow } from '../support/panel-driver.ts';

// The README's pictures are refreshed on request (UPDATE_SCREENSHOTS=1); other runs keep theirs
// in test-results/ so that a test run never dirties the checkout.
const SHOTS = resolve(import.meta.dirname, process.env.UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots' : '../../test-results/screenshots');
const SIZE = { width: 1280, height: 720 };

describe('the panel in the DevTools themes', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await startExtensionSession();
    await undockDevTools(s.devtools);
    await s.devtools.setViewport(SIZE);
    for (const sc of LAB_SCENARIOS) await s.runLab(sc.id);
    await waitForRows(s.panel, [s.server.url(CROSS_SITE_API, '/lab/put-refused'), s.server.url(CROSS_SITE_API, '/lab/public')]);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('uses the panel font, not the one Chrome gives extension pages', async () => {
    expect(await s.panel.$eval('table.flows td.method', (td) => getComputedStyle(td).fontSize)).toBe('12px');
  });

  const themeOfPanel = () =>
    s.panel.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      background: getComputedStyle(document.documentElement).backgroundColor,
      text: getComputedStyle(document.querySelector('main')!).color,
    }));
  const waitForTheme = (theme: string) =>
    s.panel.waitForFunction((t: string) => document.documentElement.dataset.theme === t, { polling: 100, timeout: 5_000 }, theme);

  it('light: the full list, every column shown', async () => {
    await setDevToolsTheme(s.devtools, 'default');
    await waitForTheme('light');
    expect(await s.panel.$('.detail')).toBeNull();
    const columns = await s.panel.$$eval('table.flows th', (ths) => ths.filter((th) => (th as HTMLElement).offsetWidth > 0).map((th) => th.getAttribute('title')));
    expect(columns).toEqual(['Verdict', 'Method', 'URL', 'Initiator', 'Status', 'Preflight', 'Redirects', 'Type']);
    const verdicts = new Set(await s.panel.$$eval('tr[data-flow-id]', (trs) => trs.map((tr) => tr.getAttribute('data-verdict'))));
    expect([...verdicts]).toEqual(expect.arrayContaining(['allowed', 'blocked']));
    // As tall as the list: the lab's dozen flows, not a screen of empty rows.
    await screenshotPanel(s, `${SHOTS}/panel-list.png`, { width: SIZE.width, height: 360 });
  });

  it('light: DevTools default theme', async () => {
    await openFlow(s.panel, s.server.url(CROSS_SITE_API, '/lab/put-refused'));
    await setDevToolsTheme(s.devtools, 'default');
    await waitForTheme('light');
    expect(await themeOfPanel()).toEqual({ theme: 'light', background: 'rgb(255, 255, 255)', text: 'rgb(31, 31, 31)' });
    await screenshotPanel(s, `${SHOTS}/panel-light.png`, SIZE);
  });

  it('dark: switching DevTools to dark switches the open panel', async () => {
    await setDevToolsTheme(s.devtools, 'dark');
    await waitForTheme('dark');
    expect(await themeOfPanel()).toEqual({ theme: 'dark', background: 'rgb(32, 33, 36)', text: 'rgb(227, 227, 227)' });
    await screenshotPanel(s, `${SHOTS}/panel-dark.png`, SIZE);
    await setDevToolsTheme(s.devtools, 'default');
    await waitForTheme('light');
  });
});
