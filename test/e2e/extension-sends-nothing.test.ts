/**
 * The extension sends no network request of its own, and its pages could not if they tried: the
 * manifest's content security policy sets `connect-src 'none'` for every extension page and the
 * service worker. Any fetch from the panel or the background is refused before it leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API } from '../lab/lab-scenarios.ts';
import { startExtensionSession, type ExtensionSession } from '../support/extension-session.ts';

describe('the extension makes no requests of its own', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await startExtensionSession();
    s.server.route('/canary', { actual: { headers: [['Access-Control-Allow-Origin', '*']], body: 'reached' } });
  });
  afterAll(async () => {
    await s?.close();
  });

  const attempt = `(async (u) => { try { await fetch(u); return 'sent'; } catch (e) { return 'refused: ' + e.message; } })`;

  it('the panel cannot reach the network', async () => {
    const url = s.server.url(CROSS_SITE_API, '/canary?from=panel');
    const result = await s.panel.evaluate(`${attempt}(${JSON.stringify(url)})`);
    expect(result).toMatch(/^refused/);
    expect(s.server.log.filter((r) => r.path === '/canary')).toEqual([]);
  });

  it('the service worker cannot reach the network', async () => {
    const url = s.server.url(CROSS_SITE_API, '/canary?from=worker');
    const w = await s.worker();
    const result = await w.evaluate(`${attempt}(${JSON.stringify(url)})`);
    expect(result).toMatch(/^refused/);
    expect(s.server.log.filter((r) => r.path === '/canary')).toEqual([]);
  });

  it('while the page itself still can, and the panel still lists it', async () => {
    const r = await s.run({ via: 'fetch', url: s.server.url(CROSS_SITE_API, '/canary?from=page') });
    expect(r.ok).toBe(true);
    expect(s.server.log.filter((r) => r.path === '/canary').map((r) => r.url)).toEqual([s.server.url(CROSS_SITE_API, '/canary?from=page')]);
  });
});
