/**
 * Launching firefox-esr for tests (puppeteer over WebDriver BiDi), optionally with an unpacked
 * extension installed, and reading what that extension's background captured through the
 * test relay of a test build (extension/test-hooks/).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser as PuppeteerBrowser, type Page } from 'puppeteer';
import { firefoxPath } from './browsers.ts';
import type { WebRequestRecord } from '../../src/model/webrequest.ts';

/** CORS_LENS_FIREFOX, then Debian's firefox-esr or firefox, then the Firefox puppeteer downloaded. */
export function findFirefox(): string {
  const path = firefoxPath();
  if (!path) throw new Error('No Firefox found: run `npx tsx test/support/ensure-browsers.ts firefox`, or set CORS_LENS_FIREFOX.');
  return path;
}


export const FIREFOX_TEST_DIST = resolve(import.meta.dirname, '../../dist/firefox-test');

export interface LaunchedFirefox {
  browser: PuppeteerBrowser;
  extensionId: string | null;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionDir?: string;
  /** More Firefox prefs, e.g. `extensions.background.idle.timeout` to suspend the event page sooner. */
  prefs?: Record<string, unknown>;
  /** Called with each line Firefox writes to stdout or stderr (the background's console, with `devtools.console.stdout.content`). */
  onOutput?: (line: string) => void;
}

export async function launchFirefox(opts: LaunchOptions = {}): Promise<LaunchedFirefox> {
  if (opts.extensionDir && !existsSync(resolve(opts.extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${opts.extensionDir}: run \`npm run build:test-extensions\` first.`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    acceptInsecureCerts: true,
    // Firefox has no host-resolver rules: every name goes to loopback.
    extraPrefsFirefox: { 'network.dns.forceResolve': '127.0.0.1', 'network.proxy.allow_hijacking_localhost': true, ...opts.prefs },
  });
  if (opts.onOutput) {
    const proc = browser.process();
    for (const stream of [proc?.stdout, proc?.stderr]) {
      let rest = '';
      stream?.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) opts.onOutput!(line);
      });
    }
  }
  const extensionId = opts.extensionDir ? await browser.installExtension(opts.extensionDir) : null;
  return {
    browser,
    extensionId,
    close: () => browser.close().catch(() => undefined),
  };
}

/**
 * Asks the test build's background, through the page's relay, for every tab's records. It waits
 * for `settled` first: the hook answers `dump` from memory at once, so an event page that the dump
 * itself woke would answer before it had loaded what it saved (an empty store).
 */
export async function dumpRecords(page: Page): Promise<Record<string, WebRequestRecord[]>> {
  await settled(page);
  const answer = await relay(page, 'dump');
  return (answer as { tabs: Record<string, WebRequestRecord[]> }).tabs;
}

/** Waits until the background has persisted everything it captured. */
export async function settled(page: Page): Promise<void> {
  await relay(page, 'settled');
}

async function relay(page: Page, op: 'dump' | 'settled'): Promise<unknown> {
  return page.evaluate(
    (operation: string) =>
      new Promise((resolveAnswer, reject) => {
        const id = Math.random().toString(36).slice(2);
        const onMessage = (e: MessageEvent) => {
          if (e.data?.type !== 'cors-lens/test-reply' || e.data.id !== id) return;
          window.removeEventListener('message', onMessage);
          if (e.data.error) reject(new Error(e.data.error));
          else resolveAnswer(e.data.answer);
        };
        window.addEventListener('message', onMessage);
        window.postMessage({ type: 'cors-lens/test-request', id, op: operation }, '*');
        setTimeout(() => reject(new Error('The extension did not answer the test relay within 10 s.')), 10_000);
      }),
    op,
  );
}
