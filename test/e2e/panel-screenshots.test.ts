/**
 * The panel follows the DevTools theme, live: switching DevTools to dark switches the panel, and
 * back. Screenshots of both, with the demo lab's flows and a failing flow open, are saved to
 * test-results/screenshots/ — or, with UPDATE_SCREENSHOTS=1, to docs/screenshots/ for the README.
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
    await openFlow(s.panel, s.server.url(CROSS_SITE_API, '/lab/put-refused'));
  });
  afterAll(async () => {
    await s?.close();
  });

  const themeOfPanel = () =>
    s.panel.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      background: getComputedStyle(document.documentElement).backgroundColor,
      text: getComputedStyle(document.querySelector('main')!).color,
    }));
  const waitForTheme = (theme: string) =>
    s.panel.waitForFunction((t: string) => document.documentElement.dataset.theme === t, { polling: 100, timeout: 5_000 }, theme);

  it('light: DevTools default theme', async () => {
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
