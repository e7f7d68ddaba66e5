/**
 * Hostile and odd traffic must not break capture or the panel: responses with no headers, huge
 * header values, hundreds of headers, non-HTTP schemes, markup in URLs, and a tab closed while its
 * request is in flight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API, PAGE_HOST } from '../lab/lab-scenarios.ts';
import { panelRows, startExtensionSession, waitForRows, type ExtensionSession } from '../support/extension-session.ts';

describe('capture under bad input', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await startExtensionSession();
    s.server.route('/bad/no-headers', { actual: { rawHead: 'HTTP/1.1 200 OK', body: 'bare' } });
    s.server.route('/bad/huge-header', {
      actual: { headers: [['Access-Control-Allow-Origin', '*'], ['X-Huge', 'v'.repeat(100_000)]], body: 'big' },
    });
    s.server.route('/bad/many-headers', {
      actual: {
        headers: [['Access-Control-Allow-Origin', '*'], ...Array.from({ length: 400 }, (_, i) => [`X-H${i}`, `${i}`] as [string, string])],
      },
    });
    s.server.route('/bad/slow', { actual: { delayMs: 2000, body: 'late' } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists requests with no headers, huge values and many headers', async () => {
    const urls = ['/bad/no-headers', '/bad/huge-header', '/bad/many-headers'].map((p) => s.server.url(CROSS_SITE_API, p));
    for (const url of urls) await s.run({ via: 'fetch', url });
    await waitForRows(s.panel, urls);
    await s.panel.waitForFunction(
      () => [...document.querySelectorAll('tr[data-request-id] .status')].every((e) => e.textContent !== '…'),
      { polling: 100, timeout: 10_000 },
    );
    const rows = await panelRows(s.panel);
    expect(rows.find((r) => r.url === urls[0])).toMatchObject({ status: '200', statusNote: 'blocked' });
    expect(rows.find((r) => r.url === urls[1])!.status).toBe('200');
    expect(rows.find((r) => r.url === urls[2])!.status).toBe('200');
    // The huge value was kept in bounded form and says it was cut.
    const w = await s.worker();
    const huge = await w.evaluate((u: string) => {
      const store = (globalThis as unknown as { __corsLens: { store: { tabs: Map<number, { records: Map<string, { hops: { url: string; responseHeaders?: { name: string; value: string }[] }[] }> }> } } }).__corsLens.store;
      for (const t of store.tabs.values()) for (const r of t.records.values()) if (r.hops[0]!.url === u) return r.hops[0]!.responseHeaders!.find((h) => h.name.toLowerCase() === 'x-huge')!.value;
      return null;
    }, urls[1]!);
    expect(huge).toMatch(/truncated; 100000 characters in all/);
  });

  it('shows markup and script in URLs as text, never as elements', async () => {
    const hostile = s.server.url(CROSS_SITE_API, `/bad/<img src=x onerror="window.pwned=1">?q=<script>window.pwned=2</script>&r=\u202Etxt.exe`);
    await s.run({ via: 'fetch', url: hostile });
    const listed = new URL(hostile).href;
    await waitForRows(s.panel, [listed]);
    expect(await s.panel.$$eval('tbody img, tbody script', (els) => els.length)).toBe(0);
    expect(await s.panel.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });

  it('ignores non-HTTP schemes and keeps working', async () => {
    const data = await s.run({ via: 'fetch', url: 'data:text/plain,hello' });
    expect(data.ok).toBe(true);
    const blobUrl = await s.page.evaluate(() => URL.createObjectURL(new Blob(['x'])));
    expect((await s.run({ via: 'fetch', url: blobUrl })).ok).toBe(true);
    expect((await s.run({ via: 'fetch', url: 'ftp://example.test/file' })).ok).toBe(false);
    await s.runLab('simple-get-wildcard');
    await waitForRows(s.panel, [s.server.url(CROSS_SITE_API, '/lab/public')]);
    const rows = await panelRows(s.panel);
    expect(rows.some((r) => /^(data|blob|ftp):/.test(r.url))).toBe(false);
  });

  it('survives a tab closed while its request is in flight, and forgets that tab', async () => {
    type Lens = { __corsLens: { store: { tabs: Map<number, unknown> }; settled(): Promise<void> } };
    const w = await s.worker();
    const tabIds = () => w.evaluate(() => [...(globalThis as unknown as Lens).__corsLens.store.tabs.keys()]);
    const known = new Set(await tabIds());
    const other = await s.browser.newPage();
    await other.goto(s.server.url(PAGE_HOST, '/'));
    void other.evaluate((u: string) => fetch(u).catch(() => undefined), s.server.url(CROSS_SITE_API, '/bad/slow')).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    const closedTab = (await tabIds()).find((id) => !known.has(id));
    expect(closedTab).toBeDefined();
    await other.close();
    await s.runLab('xhr-acao-mismatch');
    await waitForRows(s.panel, [s.server.url(CROSS_SITE_API, '/lab/mismatch')]);
    // Late events of the closed tab's request (its cancellation, the slow response) have come and gone.
    await new Promise((r) => setTimeout(r, 2_000));
    await w.evaluate(() => (globalThis as unknown as Lens).__corsLens.settled());
    const tabs = await tabIds();
    expect(tabs.length).toBeGreaterThanOrEqual(1);
    expect(tabs).not.toContain(closedTab);
    const storedKeys = await w.evaluate(async () =>
      Object.keys(await (globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<object> } } } }).chrome.storage.session.get(null)),
    );
    expect(storedKeys.filter((k) => k === `t:${closedTab}` || k.startsWith(`r:${closedTab}:`))).toEqual([]);
  });
});
