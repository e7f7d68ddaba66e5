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
});
