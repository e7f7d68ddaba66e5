/**
 * Nothing captured is lost when Chrome stops the service worker: records made before the stop,
 * a request in flight across the stop, and requests after the restart all stay listed, and the
 * panel reconnects by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API } from '../lab/lab-scenarios.ts';
import { panelRows, startExtensionSession, waitForRows, type ExtensionSession } from '../support/extension-session.ts';

describe('service worker stop and restart', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await startExtensionSession();
    s.server.route('/lab/slow', {
      actual: { delayMs: 1500, headers: [['Access-Control-Allow-Origin', '*']], body: 'slow' },
    });
    // ~150 kB of response headers per request (10 values just under the 16 kB kept per value).
    s.server.route('/lab/big-headers', {
      actual: {
        headers: [['Access-Control-Allow-Origin', '*'], ...Array.from({ length: 10 }, (_, i) => [`X-Big-${i}`, 'v'.repeat(15_000)] as [string, string])],
        body: 'big',
      },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('keeps every record across a stop, including one in flight', async () => {
    const before = ['simple-get-no-acao', 'simple-get-wildcard', 'put-custom-header-refused'];
    for (const id of before) await s.runLab(id);
    const urlsBefore = [
      s.server.url(CROSS_SITE_API, '/lab/no-acao'),
      s.server.url(CROSS_SITE_API, '/lab/public'),
      s.server.url(CROSS_SITE_API, '/lab/put-refused'),
    ];
    await waitForRows(s.panel, urlsBefore);
    const countBefore = (await panelRows(s.panel)).length;
    const w = await s.worker();
    await w.evaluate(() => (globalThis as unknown as { __corsLens: { settled(): Promise<void> } }).__corsLens.settled());

    // A request in flight while the worker stops.
    const slowUrl = s.server.url(CROSS_SITE_API, '/lab/slow');
    const inFlight = s.run({ via: 'fetch', url: slowUrl });
    await new Promise((r) => setTimeout(r, 300));
    await s.stopWorker();
    expect(s.browser.targets().filter((t) => t.type() === 'service_worker')).toHaveLength(0);

    expect((await inFlight).ok).toBe(true);
    await s.runLab('credentialed-wildcard'); // wakes the worker
    const after = s.server.url(CROSS_SITE_API, '/lab/wildcard');

    await waitForRows(s.panel, [...urlsBefore, slowUrl, after], 15_000);
    const rows = await panelRows(s.panel);
    expect(rows.length).toBeGreaterThanOrEqual(countBefore + 2);
    expect(rows.find((r) => r.url === slowUrl)).toMatchObject({ method: 'GET', status: '200' });
    expect(rows.find((r) => r.url === after)).toMatchObject({ status: '200', statusNote: 'blocked' });

    // The restarted worker holds the same records as the panel.
    const w2 = await s.worker();
    const stored = await w2.evaluate(() => {
      const store = (globalThis as unknown as { __corsLens: { store: { tabs: Map<number, { records: Map<string, { hops: { url: string }[] }> }> } } }).__corsLens.store;
      return [...store.tabs.values()].flatMap((t) => [...t.records.values()].map((r) => r.hops[0]!.url));
    });
    for (const u of [...urlsBefore, slowUrl, after]) expect(stored).toContain(u);
  });

  it('keeps every record across a stop when they pass storage.session\'s 10 MB quota', async () => {
    // 90 × ~150 kB ≈ 13.5 MB: more than storage.session holds.
    const urls = Array.from({ length: 90 }, (_, i) => s.server.url(CROSS_SITE_API, `/lab/big-headers?i=${i}`));
    await s.page.evaluate((us: string[]) => Promise.all(us.map((u) => fetch(u).then((r) => r.text()))), urls);
    const w = await s.worker();
    const urlsIn = (w2: typeof w) =>
      w2.evaluate(() => {
        const store = (globalThis as unknown as { __corsLens: { store: { tabs: Map<number, { records: Map<string, { state: string; hops: { url: string }[] }> }> } } }).__corsLens.store;
        return [...store.tabs.values()].flatMap((t) => [...t.records.values()].filter((r) => r.state !== 'pending').map((r) => r.hops[0]!.url));
      });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const have = new Set(await urlsIn(w));
      if (urls.every((u) => have.has(u))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const before = await urlsIn(w);
    for (const u of urls) expect(before).toContain(u);
    await w.evaluate(() => (globalThis as unknown as { __corsLens: { settled(): Promise<void> } }).__corsLens.settled());

    await s.stopWorker();
    await s.runLab('simple-get-wildcard'); // wakes the worker
    const w2 = await s.worker();
    const after = await urlsIn(w2);
    expect(after.length).toBeGreaterThanOrEqual(before.length);
    for (const u of before) expect(after).toContain(u);
    const dropped = await w2.evaluate(() =>
      [...(globalThis as unknown as { __corsLens: { store: { tabs: Map<number, { dropped: number }> } } }).__corsLens.store.tabs.values()].reduce((n, t) => n + t.dropped, 0),
    );
    expect(dropped).toBe(0);
  });
});
