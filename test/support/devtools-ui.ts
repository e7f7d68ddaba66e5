/**
 * Driving DevTools' own settings from a test, headless (Chromium 156): the dock side and the
 * theme. DevTools is a web app; its modules load relative to devtools_app.html, and its settings
 * apply live — an extension panel hears a theme change through setThemeChangeHandler.
 * The scripts are strings: a test runner would rewrite an `import()` inside a function.
 */
import type { Page } from 'puppeteer';

/** Undocks DevTools so that its panels get a window of their own (docked, the inspected page takes half). */
export async function undockDevTools(devtools: Page): Promise<void> {
  await devtools.evaluate(`(async () => {
    const legacy = await import('./ui/legacy/legacy.js');
    legacy.DockController.DockController.instance().setDockSide('undocked');
  })()`);
}

/** Sets DevTools' theme setting ('default' is light; 'systemPreferred' follows the OS). */
export async function setDevToolsTheme(devtools: Page, theme: 'default' | 'dark' | 'systemPreferred'): Promise<void> {
  await devtools.evaluate(`(async () => {
    const common = await import('./core/common/common.js');
    common.Settings.Settings.instance().moduleSetting('ui-theme').set(${JSON.stringify(theme)});
  })()`);
}
