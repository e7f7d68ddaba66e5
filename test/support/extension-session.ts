/**
 * One end-to-end session: the lab server, Chromium with dist/chrome loaded and DevTools open on the
 * lab page, and the CORS panel selected and connected.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, Frame, Page, WebWorker } from 'puppeteer';
import { installLab, PAGE_HOST } from '../lab/lab-scenarios.ts';
import { PAGE_RUNNER_SOURCE, type PageRequestSpec, type PageResult } from '../lab/page-runner.ts';
import { startLabServer, type LabServer } from '../lab/server.ts';
import { launchChromium, openCorsPanel, type LaunchedChromium } from './chromium.ts';

export interface ExtensionSession {
  server: LabServer;
  chromium: LaunchedChromium;
  browser: Browser;
  page: Page;
  devtools: Page;
  panel: Frame;
  /** Runs a lab scenario by id in the page. */
  runLab(id: string): Promise<PageResult>;
  /** Makes any request from the page. */
  run(spec: PageRequestSpec): Promise<PageResult>;
  /** The extension's service worker, waiting for it to (re)start. */
  worker(): Promise<WebWorker>;
  /** Stops the service worker, as Chrome does when it is idle; resolves once it is gone. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startExtensionSession(): Promise<ExtensionSession> {
  const server = await startLabServer();
  installLab(server, PAGE_RUNNER_SOURCE);
  const chromium = await launchChromium({ extension: true, devtools: true });
  const { browser } = chromium;
  const [page] = await browser.pages();

  const worker = async () => {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), {
      timeout: 15_000,
    });
    const w = (await target.worker())!;
    // The module runs after the target appears: wait until the background is up and has loaded.
    // (Polled from here: very early, the worker's own globals may not exist yet.)
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const up = await w.evaluate(() => typeof (globalThis as { __corsLens?: unknown }).__corsLens === 'object').catch(() => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await w.evaluate(() => (globalThis as unknown as { __corsLens: { ready: Promise<void> } }).__corsLens.ready);
    return w;
  };

  // Navigate once the background listens, so that it sees the lab page's own request too.
  await worker();
  await page!.goto(server.url(PAGE_HOST, '/'));
  const { devtools, panel } = await openCorsPanel(browser, page!);

  return {
    server,
    chromium,
    browser,
    page: page!,
    devtools,
    panel,
    runLab: (id) => page!.evaluate((i: string) => (window as unknown as { labRun(i: string): Promise<PageResult> }).labRun(i), id),
    run: (spec) =>
      page!.evaluate((s: PageRequestSpec) => (window as unknown as { corsLensRun(s: PageRequestSpec): Promise<PageResult> }).corsLensRun(s), spec),
    worker,
    async stopWorker() {
      const w = await worker();
      await w.close();
      const deadline = Date.now() + 10_000;
      while (browser.targets().some((t) => t.type() === 'service_worker') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      if (browser.targets().some((t) => t.type() === 'service_worker')) throw new Error('The service worker did not stop.');
    },
    async close() {
      await chromium.close();
      await server.close();
    },
  };
}

/** Reloads the panel's document (as closing and reopening DevTools' CORS tab does); sets and returns its frame. */
export async function reloadPanel(session: ExtensionSession): Promise<Frame> {
  const panelUrl = session.panel.url();
  // Marks the old document, so that the wait below sees the new one.
  await session.panel.evaluate(() => {
    (window as { __corsLensOld?: boolean }).__corsLensOld = true;
    location.reload();
  });
  const panel = await session.devtools.waitForFrame((f) => f.url() === panelUrl && !f.detached, { timeout: 10_000 });
  await panel.waitForFunction(() => !(window as { __corsLensOld?: boolean }).__corsLensOld && document.querySelector('main[data-ready="true"]'), {
    polling: 100,
    timeout: 10_000,
  });
  session.panel = panel;
  return panel;
}

/** Screenshots just the CORS panel (the iframe inside DevTools) to `path`. */
export async function screenshotPanel(session: ExtensionSession, path: string, size = { width: 1200, height: 640 }): Promise<void> {
  await session.devtools.setViewport(size);
  const iframe = await session.panel.frameElement();
  const box = await iframe?.boundingBox();
  if (!box) throw new Error('The CORS panel has no visible frame to screenshot.');
  mkdirSync(dirname(path), { recursive: true });
  await session.devtools.screenshot({ path: path as `${string}.png`, clip: box });
}

/** Rows the panel lists now, read from its DOM. */
export interface PanelRow {
  method: string;
  url: string;
  /** The status the server sent, or the network error when no response came. */
  status: string;
  /** Beside a status: `blocked` (or `failed`) when the browser withheld the response, else ''. */
  statusNote: string;
  type: string;
  /** The preflight badge as shown: `OPTIONS 204`, `✕ OPTIONS 204` when it failed, `cached`, or ''. */
  preflight: string;
}

export async function panelRows(panel: Frame): Promise<PanelRow[]> {
  return panel.$$eval('tr[data-flow-id]', (trs) =>
    trs.map((tr) => ({
      method: tr.querySelector('.method')!.textContent!,
      url: tr.querySelector('.url')!.textContent!,
      status: tr.querySelector('.status .code')!.textContent!,
      statusNote: tr.querySelector('.status .status-note')?.textContent?.trim() ?? '',
      type: tr.querySelector('.type')!.textContent!,
      preflight: tr.querySelector('.preflight')!.textContent!,
    })),
  );
}

/** Waits until the panel lists a finished row (not pending) for each URL, at least the given count. */
export async function waitForRows(panel: Frame, urls: Record<string, number> | string[], timeout = 10_000): Promise<void> {
  const want = Array.isArray(urls) ? Object.fromEntries(urls.map((u) => [u, 1])) : urls;
  await panel.waitForFunction(
    (w: Record<string, number>) => {
      const rows = [...document.querySelectorAll('tr[data-flow-id]')].map((tr) => ({
        url: tr.querySelector('.url')?.textContent,
        done: tr.querySelector('.status .code')?.textContent !== '…',
      }));
      return Object.entries(w).every(([u, n]) => rows.filter((r) => r.url === u && r.done).length >= n);
    },
    { polling: 100, timeout },
    want,
  );
}
