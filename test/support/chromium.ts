/**
 * Launching Chromium for tests and the lab: which binary, which flags, a fresh profile that
 * behaves like a desktop user's (third-party cookies allowed), and the CORS panel opened in DevTools.
 */
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumPath } from './browsers.ts';
import puppeteer, { type Browser, type Frame, type LaunchOptions, type Page, type Target } from 'puppeteer';

/** Flags this kind of machine needs (closed network, no GPU, root). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP *.test 127.0.0.1',
  '--ignore-certificate-errors',
];

/** PUPPETEER_EXECUTABLE_PATH, then Debian's Chromium, then puppeteer's own download. */
export function findChromium(): string {
  return chromiumPath() ?? puppeteer.executablePath();
}

export const CHROME_DIST = resolve(import.meta.dirname, '../../dist/chrome');
export const FIREFOX_DIST = resolve(import.meta.dirname, '../../dist/firefox');

export interface LaunchChromiumOptions {
  extension?: boolean;
  devtools?: boolean;
  headless?: boolean;
  /** Third-party cookies as a desktop user has them by default (true), or blocked. */
  thirdPartyCookies?: boolean;
  args?: string[];
  /**
   * Also serve the DevTools protocol on this loopback port, for another program to attach. The
   * extension is then loaded with --load-extension (which Chromium still honours) rather than over
   * the pipe: puppeteer allows only one of the two connections.
   */
  debugPort?: number;
  /** The caller handles Ctrl+C itself (closing the browser and removing its profile); puppeteer would exit with 130 first. */
  handleSigint?: boolean;
}

export interface LaunchedChromium {
  browser: Browser;
  userDataDir: string;
  close(): Promise<void>;
}

export async function launchChromium(opts: LaunchChromiumOptions = {}): Promise<LaunchedChromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cors-lens-chromium-'));
  // Headless Chromium blocks third-party cookies unless the profile says otherwise.
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  const allow3pc = opts.thirdPartyCookies ?? true;
  writeFileSync(
    join(userDataDir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: allow3pc ? 0 : 1, block_third_party_cookies: !allow3pc } }),
  );
  if (opts.extension && !existsSync(join(CHROME_DIST, 'manifest.json'))) {
    throw new Error(`No built extension at ${CHROME_DIST}: run \`npm run build\` first.`);
  }
  const port = opts.debugPort;
  const launch: LaunchOptions = {
    executablePath: findChromium(),
    headless: opts.headless ?? true,
    pipe: port === undefined,
    handleSIGINT: opts.handleSigint ?? true,
    devtools: opts.devtools ?? false,
    userDataDir,
    args: [
      ...CHROMIUM_FLAGS,
      ...(opts.args ?? []),
      ...(port !== undefined ? [`--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'] : []),
      ...(port !== undefined && opts.extension ? [`--load-extension=${CHROME_DIST}`, `--disable-extensions-except=${CHROME_DIST}`] : []),
    ],
    ...(opts.extension ? { enableExtensions: port === undefined ? [CHROME_DIST] : true } : {}),
  };
  const browser = await puppeteer.launch(launch);
  return {
    browser,
    userDataDir,
    async close() {
      await browser.close().catch(() => undefined);
      // A headed Chromium's helpers may still write to the profile for a moment after close().
      try {
        rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch (err) {
        console.warn(`Could not remove the Chromium profile ${userDataDir}: ${(err as Error).message}`);
      }
    },
  };
}

export async function extensionId(browser: Browser): Promise<string> {
  const sw = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), {
    timeout: 15_000,
  });
  return new URL(sw.url()).host;
}

export const PANEL_TITLE = 'CORS';

/**
 * Opens the CORS panel in the DevTools window that inspects `page` (launched with devtools: true,
 * which opens one DevTools window per tab) and waits until the panel is connected to the
 * background. Returns the DevTools page and the panel frame.
 */
export async function openCorsPanel(browser: Browser, page: Page): Promise<{ devtools: Page; panel: Frame }> {
  const id = await extensionId(browser);
  const panelUrl = `chrome-extension://${id}/extension/panel/panel.html`;
  const deadline = Date.now() + 30_000;
  const tried = new Map<string, Promise<{ devtools: Page; panel: Frame } | null>>();
  while (Date.now() < deadline) {
    for (const target of browser.targets().filter((t) => t.url().startsWith('devtools://'))) {
      if (!tried.has(target.url() + (target as unknown as { _targetId: string })._targetId)) {
        tried.set(target.url() + (target as unknown as { _targetId: string })._targetId, showPanelIn(target, id, panelUrl));
      }
    }
    for (const attempt of tried.values()) {
      const found = await Promise.race([attempt, new Promise<null>((r) => setTimeout(() => r(null), 50))]);
      if (!found) continue;
      const inspected = await found.panel.$eval('main', (m) => m.getAttribute('data-inspected-url')).catch(() => null);
      if (inspected === page.url()) return found;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The CORS panel (${panelUrl}) for ${page.url()} did not appear in DevTools within 30 s.`);
}

async function showPanelIn(target: Target, id: string, panelUrl: string): Promise<{ devtools: Page; panel: Frame } | null> {
  const devtools = (await target.asPage().catch(() => null)) as Page | null;
  if (!devtools) return null;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    await devtools
      .evaluate((panelId: string) => {
        const api = (globalThis as unknown as { DevToolsAPI?: { showPanel(id: string): void } }).DevToolsAPI;
        api?.showPanel(panelId);
      }, `chrome-extension://${id}${PANEL_TITLE}`)
      .catch(() => undefined);
    const panel = devtools.frames().find((f) => f.url() === panelUrl);
    if (panel) {
      const ok = await panel
        .waitForFunction(() => document.querySelector('main[data-ready="true"]')?.getAttribute('data-inspected-url'), {
          polling: 100,
          timeout: 10_000,
        })
        .then(() => true)
        .catch(() => false);
      return ok ? { devtools, panel } : null;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}
