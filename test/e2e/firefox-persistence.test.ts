/**
 * The Firefox build's persistence, end to end in firefox-esr: Firefox suspends an idle MV3 event
 * page (here after 2 s, or 300 ms, `extensions.background.idle.timeout`) and starts a fresh one when the next
 * event comes. What the suspended page captured — past storage.session's quota, into the IndexedDB
 * overflow — must all be back in the fresh one. The background of a test build prints each start
 * and what it loaded; that output is how the test sees a restart.
 */
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API, installLab, PAGE_HOST } from '../lab/lab-scenarios.ts';
import { PAGE_RUNNER_SOURCE } from '../lab/page-runner.ts';
import { startLabServer, type LabServer } from '../lab/server.ts';
import { dumpRecords, FIREFOX_TEST_DIST, launchFirefox, settled, type LaunchedFirefox } from '../support/firefox.ts';

interface Start {
  records: number;
  dropped: number;
  overflowKeys: number;
}

describe('the Firefox build across event-page suspensions', () => {
  let server: LabServer;
  let firefox: LaunchedFirefox;
  let page: Page;
  const starts: Start[] = [];
  const backgroundWarnings: string[] = [];

  beforeAll(async () => {
    server = await startLabServer();
    installLab(server, PAGE_RUNNER_SOURCE);
    // ~150 kB of response headers per request (10 values just under the 16 kB kept per value).
    server.route('/lab/big-headers', {
      actual: {
        headers: [['Access-Control-Allow-Origin', '*'], ...Array.from({ length: 10 }, (_, i) => [`X-Big-${i}`, 'v'.repeat(15_000)] as [string, string])],
        body: 'big',
      },
    });
    server.route('/lab/slow', { actual: { delayMs: 5000, headers: [['Access-Control-Allow-Origin', '*']], body: 'slow' } });
    firefox = await launchFirefox({
      extensionDir: FIREFOX_TEST_DIST,
      prefs: { 'extensions.background.idle.timeout': 2000, 'devtools.console.stdout.content': true },
      onOutput: (line) => {
        const m = /cors-lens test build: background started; records=(\d+) dropped=(\d+) overflowKeys=(\d+)/.exec(line);
        if (m) starts.push({ records: Number(m[1]), dropped: Number(m[2]), overflowKeys: Number(m[3]) });
        else if (/cors-lens:/.test(line)) backgroundWarnings.push(line);
      },
    });
    page = await firefox.browser.newPage();
    await page.goto(server.url(PAGE_HOST, '/'));
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  /** Waits until the background has started `n` times in all. */
  async function startsReach(n: number, timeoutMs = 20_000): Promise<Start> {
    const deadline = Date.now() + timeoutMs;
    while (starts.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(starts.length, 'the background did not start again').toBeGreaterThanOrEqual(n);
    return starts[n - 1]!;
  }

  /** Persistence idle, and any start that answering woke has printed its line. */
  async function quiet(): Promise<number> {
    await settled(page);
    await new Promise((r) => setTimeout(r, 500));
    return starts.length;
  }

  const completedUrls = async () =>
    Object.values(await dumpRecords(page))
      .flat()
      .filter((r) => r.state !== 'pending')
      .map((r) => r.hops[0]!.url);

  it('restores records written past storage.session\'s quota, from the IndexedDB overflow, in a fresh event page', async () => {
    await startsReach(1);
    // 90 × ~150 kB ≈ 13.5 MB: more than storage.session's 10 MB.
    const urls = Array.from({ length: 90 }, (_, i) => server.url(CROSS_SITE_API, `/lab/big-headers?i=${i}`));
    await page.evaluate((us: string[]) => Promise.all(us.map((u) => fetch(u).then((r) => r.text()))), urls);
    const deadline = Date.now() + 20_000;
    let before: string[] = [];
    while (Date.now() < deadline) {
      before = await completedUrls();
      if (urls.every((u) => before.includes(u))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const u of urls) expect(before).toContain(u);
    const startsBefore = await quiet();

    // Idle for longer than the timeout: Firefox suspends the page. A request wakes a fresh one.
    await new Promise((r) => setTimeout(r, 5_000));
    const wake = server.url(CROSS_SITE_API, '/lab/public');
    await page.evaluate((u: string) => fetch(u).then((r) => r.text()), wake);
    const fresh = await startsReach(startsBefore + 1);
    expect(fresh.overflowKeys, 'nothing was read back from the IndexedDB overflow').toBeGreaterThan(0);
    expect(fresh.dropped).toBe(0);

    const after = await completedUrls();
    for (const u of [...before, wake]) expect(after).toContain(u);
    expect(backgroundWarnings).toEqual([]);
  });

  it('completes a request that was in flight while the page was suspended', async () => {
    const startsBefore = await quiet();
    const slow = server.url(CROSS_SITE_API, '/lab/slow');
    // Nothing else happens for 5 s, more than the idle timeout, while the server holds the response.
    const body = await page.evaluate((u: string) => fetch(u).then((r) => r.text()), slow);
    expect(body).toBe('slow');
    await startsReach(startsBefore + 1);
    const deadline = Date.now() + 10_000;
    let record;
    while (Date.now() < deadline) {
      record = Object.values(await dumpRecords(page)).flat().find((r) => r.hops[0]!.url === slow);
      if (record?.state !== 'pending') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(record).toMatchObject({ state: 'complete' });
    expect(record!.hops[0]!.statusCode).toBe(200);
    expect(backgroundWarnings).toEqual([]);
  });

  it('does not bring back a closed tab in a fresh event page', async () => {
    const known = new Set(Object.keys(await dumpRecords(page)));
    const other = await firefox.browser.newPage();
    await other.goto(server.url(PAGE_HOST, '/'));
    await other.evaluate((u: string) => fetch(u).then((r) => r.text()), server.url(CROSS_SITE_API, '/lab/public?closed-tab'));
    const closedTab = Object.keys(await dumpRecords(page)).find((id) => !known.has(id));
    expect(closedTab).toBeDefined();
    await other.close();
    const startsBefore = await quiet();
    await new Promise((r) => setTimeout(r, 5_000));
    await page.evaluate((u: string) => fetch(u).then((r) => r.text()), server.url(CROSS_SITE_API, '/lab/public?wake'));
    await startsReach(startsBefore + 1);
    const tabs = await dumpRecords(page);
    expect(Object.keys(tabs)).not.toContain(closedTab);
    expect(Object.values(tabs).flat().some((r) => r.hops[0]!.url.endsWith('?closed-tab'))).toBe(false);
    expect(backgroundWarnings).toEqual([]);
  });
});

describe('the Firefox build suspended again and again while it captures', () => {
  it('loses nothing when the event page is suspended between bursts of large records', async () => {
    const server = await startLabServer();
    installLab(server, PAGE_RUNNER_SOURCE);
    server.route('/lab/big-headers', {
      actual: {
        headers: [['Access-Control-Allow-Origin', '*'], ...Array.from({ length: 10 }, (_, i) => [`X-Big-${i}`, 'v'.repeat(15_000)] as [string, string])],
        body: 'big',
      },
    });
    const starts: Start[] = [];
    const warnings: string[] = [];
    const firefox = await launchFirefox({
      extensionDir: FIREFOX_TEST_DIST,
      prefs: { 'extensions.background.idle.timeout': 300, 'devtools.console.stdout.content': true },
      onOutput: (line) => {
        const m = /background started; records=(\d+) dropped=(\d+) overflowKeys=(\d+)/.exec(line);
        if (m) starts.push({ records: Number(m[1]), dropped: Number(m[2]), overflowKeys: Number(m[3]) });
        else if (/cors-lens:/.test(line) || (/moz-extension:/.test(line) && /error/i.test(line))) warnings.push(line);
      },
    });
    try {
      const page = await firefox.browser.newPage();
      await page.goto(server.url(PAGE_HOST, '/'));
      // 8 bursts of 12 × ~150 kB (≈14 MB in all), with pauses around the idle timeout between them.
      const urls: string[] = [];
      for (let b = 0; b < 8; b++) {
        const burst = Array.from({ length: 12 }, (_, i) => server.url(CROSS_SITE_API, `/lab/big-headers?b=${b}&i=${i}`));
        urls.push(...burst);
        await page.evaluate((us: string[]) => Promise.all(us.map((u) => fetch(u).then((r) => r.text()))), burst);
        await new Promise((r) => setTimeout(r, 150 + b * 100));
      }
      await new Promise((r) => setTimeout(r, 1_000));
      const all = Object.values(await dumpRecords(page)).flat();
      const done = new Set(all.filter((r) => r.state !== 'pending').map((r) => r.hops[0]!.url));
      expect(urls.filter((u) => !done.has(u))).toEqual([]);
      expect(starts.length, 'Firefox did not suspend the page between bursts').toBeGreaterThanOrEqual(3);
      expect(starts.at(-1)!.dropped).toBe(0);
      expect(starts.at(-1)!.overflowKeys).toBeGreaterThan(0);
      expect(warnings).toEqual([]);
    } finally {
      await firefox.close();
      await server.close();
    }
  }, 120_000);
});
