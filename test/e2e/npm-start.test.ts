/**
 * The README's first command, `npm start` (here its second half, test/lab/start.ts, on the build the
 * test run already made): without a display it serves the lab and says how to load the extension;
 * with one (a private Xvfb server, or the session's own display) it opens Chromium with the
 * extension loaded and DevTools on the CORS panel, whose list fills as the lab's buttons are pressed.
 * Ctrl+C stops everything, browser included.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { afterEach, describe, expect, it } from 'vitest';
import { CROSS_SITE_API } from '../lab/lab-scenarios.ts';
import { CHROME_DIST, openCorsPanel } from '../support/chromium.ts';
import { panelRows, waitForRows } from '../support/extension-session.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

interface Started {
  child: ChildProcess;
  output: () => string;
  waitFor(text: string, timeout: number): Promise<void>;
  exit: Promise<number | null>;
}

function startLab(env: Record<string, string | undefined>): Started {
  const child = spawn(TSX, ['test/lab/start.ts'], { cwd: ROOT, env: { ...process.env, LAB_HTTP_PORT: '0', LAB_HTTPS_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    output: () => out,
    exit,
    async waitFor(text, timeout) {
      const deadline = Date.now() + timeout;
      while (!out.includes(text)) {
        if (child.exitCode !== null) throw new Error(`start.ts exited (${child.exitCode}) before printing ${JSON.stringify(text)}:\n${out}`);
        if (Date.now() > deadline) throw new Error(`start.ts did not print ${JSON.stringify(text)} within ${timeout} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

async function stop(s: Started): Promise<number | null> {
  if (s.child.exitCode === null) s.child.kill('SIGINT');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 20_000);
  const code = await s.exit;
  clearTimeout(timer);
  return code;
}

/** GET a lab URL (an *.test host) from 127.0.0.1, with its host name in the Host header. */
function getLab(url: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port: u.port, path: u.pathname, headers: { Host: u.host } }, (r) => {
      let body = '';
      r.on('data', (d: Buffer) => (body += d.toString()));
      r.on('end', () => res({ status: r.statusCode ?? 0, body }));
    });
    req.on('error', rej);
    req.end();
  });
}

const pageUrlOf = (output: string) => /page:\s+(http:\/\/\S+)/.exec(output)?.[1] ?? null;

function freePort(): Promise<number> {
  return new Promise((r) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => r(port));
    });
  });
}

/** A display for a headed Chromium: a private Xvfb server where Xvfb is installed, else the session's own. */
async function display(): Promise<{ name: string; close(): void }> {
  // macOS and Windows: the desktop itself (start.ts needs no DISPLAY there).
  if (process.platform === 'darwin' || process.platform === 'win32') return { name: '', close: () => undefined };
  if (spawnSync('sh', ['-c', 'command -v Xvfb'], { encoding: 'utf8' }).status === 0) {
    for (let n = 90 + Math.floor(Math.random() * 100); ; n++) {
      if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
      const xvfb = spawn('Xvfb', [`:${n}`, '-screen', '0', '1440x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      const deadline = Date.now() + 10_000;
      while (!existsSync(`/tmp/.X11-unix/X${n}`)) {
        if (xvfb.exitCode !== null || Date.now() > deadline) throw new Error(`Xvfb :${n} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return { name: `:${n}`, close: () => xvfb.kill() };
    }
  }
  const own = process.env.DISPLAY;
  if (own) return { name: own, close: () => undefined };
  throw new Error('`npm start` with a display is tested under Xvfb: install it (Debian: apt-get install xvfb; .ci/run does) or run the tests in a desktop session.');
}

describe('npm start', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('without a display, serves the lab and prints how to open it and load the extension, and stops on Ctrl+C', async () => {
    // CORS_LENS_NO_BROWSER: what start.ts does without a display, on any platform.
    const lab = startLab({ DISPLAY: '', WAYLAND_DISPLAY: '', CORS_LENS_NO_BROWSER: '1' });
    cleanups.push(() => stop(lab));
    await lab.waitFor('Ctrl+C stops the lab.', 60_000);
    const out = lab.output();
    expect(out).toContain('No display');
    expect(out).toContain(`--load-extension=${CHROME_DIST}`);
    expect(out).toContain('--host-resolver-rules="MAP *.test 127.0.0.1"');
    expect(out).toContain('about:debugging');
    const pageUrl = pageUrlOf(out);
    expect(pageUrl).toMatch(/^http:\/\/app\.site-a\.test:\d+\/$/);
    const page = await getLab(pageUrl!);
    expect(page.status).toBe(200);
    for (const id of ['simple-get-no-acao', 'put-custom-header-refused', 'credentialed-wildcard']) expect(page.body).toContain(`data-scenario="${id}"`);
    expect(await stop(lab), lab.output()).toBe(0);
  });

  it('with a display, opens Chromium with the extension and DevTools on the CORS panel, which lists what the lab buttons do', async () => {
    const screen = await display();
    cleanups.push(() => screen.close());
    const port = await freePort();
    const lab = startLab({ DISPLAY: screen.name, WAYLAND_DISPLAY: '', CORS_LENS_DEBUG_PORT: String(port) });
    cleanups.push(() => stop(lab));
    await lab.waitFor('Ctrl+C stops everything.', 90_000);
    // The panel opened by itself: start.ts says so only when switching to it worked.
    expect(lab.output()).toContain('DevTools on the CORS panel');
    const pageUrl = pageUrlOf(lab.output())!;

    const browser: Browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
    cleanups.push(() => browser.disconnect());
    const page = (await browser.pages()).find((p) => p.url() === pageUrl);
    expect(page, `a tab on ${pageUrl}`).toBeDefined();
    const { panel } = await openCorsPanel(browser, page!);
    // The reload start.ts does with the panel open: the lab page itself is listed.
    await waitForRows(panel, [pageUrl], 20_000);

    // A tester presses two buttons; both flows appear, blocked, with the preflight on the PUT.
    await page!.click('button[data-scenario="simple-get-no-acao"]');
    await page!.click('button[data-scenario="put-custom-header-refused"]');
    const origin = new URL(pageUrl).port;
    const getUrl = `http://${CROSS_SITE_API}:${origin}/lab/no-acao`;
    const putUrl = `http://${CROSS_SITE_API}:${origin}/lab/put-refused`;
    await waitForRows(panel, [getUrl, putUrl], 20_000);
    const rows = await panelRows(panel);
    expect(rows.find((r) => r.url === getUrl)).toMatchObject({ method: 'GET', status: '200', statusNote: 'blocked' });
    expect(rows.find((r) => r.url === putUrl)).toMatchObject({ method: 'PUT', preflight: '✕ OPTIONS 204' });
    const verdicts = await panel.$$eval('tr[data-flow-id]', (trs) => trs.map((tr) => [tr.querySelector('.url')!.textContent, tr.getAttribute('data-verdict')]));
    expect(verdicts.filter(([u]) => u === getUrl || u === putUrl).map(([, v]) => v)).toEqual(['blocked', 'blocked']);

    // Ctrl+C closes the browser and the lab, and exits cleanly.
    await browser.disconnect();
    expect(await stop(lab), lab.output()).toBe(0);
    await expect(getLab(pageUrl)).rejects.toThrow();
  });
});
