/**
 * The list and the detail in real Chromium DevTools, beyond the walking skeleton: the filters
 * (failures, warnings, domain, free text) and the live counts, the selection while flows arrive,
 * the redirect and initiator columns, redirect hops in the timeline, readable and hidden response
 * headers, why no preflight is visible (cached, or not needed), Preserve log across a navigation,
 * and Clear (panel → background → cleared, still empty after the panel reopens). One session.
 */
import type { Frame } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API, OTHER_SITE_API, PAGE_HOST, SAME_SITE_API } from '../lab/lab-scenarios.ts';
import { reloadPanel, startExtensionSession, waitForRows, type ExtensionSession } from '../support/extension-session.ts';
import { openFlow } from '../support/panel-driver.ts';

interface Shown {
  id: string;
  url: string;
  verdict: string;
  /** The verdict icon's accessible name ("Allowed, 1 warning"). */
  label: string;
  initiator: string;
  redirects: string;
  preflight: string;
}

const shownRows = (panel: Frame): Promise<Shown[]> =>
  panel.$$eval('tr[data-flow-id]', (trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-flow-id')!,
      url: tr.querySelector('.url')!.textContent!,
      verdict: tr.getAttribute('data-verdict')!,
      label: tr.querySelector('.verdict [role="img"]')!.getAttribute('aria-label')!,
      initiator: tr.querySelector('.initiator')!.textContent!,
      redirects: tr.querySelector('.redirects')!.textContent!,
      preflight: tr.querySelector('.preflight')!.textContent!,
    })),
  );
const counts = (panel: Frame) =>
  panel.$eval('.counts', (c) => ({
    failures: Number(c.querySelector('.count.failures')!.getAttribute('data-count')),
    warnings: Number(c.querySelector('.count.warnings')!.getAttribute('data-count')),
  }));
const isFailure = (r: Shown) => r.verdict === 'blocked' || r.verdict === 'failed';
const hasWarning = (r: Shown) => /warning/.test(r.label);
/** Waits until the list shows exactly `n` rows (the panel renders a change on the next frame). */
const waitForCount = (panel: Frame, n: number) =>
  panel.waitForFunction((k: number) => document.querySelectorAll('tr[data-flow-id]').length === k, { polling: 50, timeout: 5_000 }, n);

describe('the CORS panel: list and detail', () => {
  let s: ExtensionSession;
  let page: string;
  const url = (host: string, path: string) => s.server.url(host, path);

  beforeAll(async () => {
    s = await startExtensionSession();
    page = s.server.origin(PAGE_HOST);
    // Allowed, with a warning (the allowed origin is echoed without Vary: Origin), and headers
    // JavaScript can and cannot read.
    s.server.route('/e2e/warn', {
      actual: {
        headers: [
          ['Access-Control-Allow-Origin', page],
          ['Access-Control-Expose-Headers', 'X-Exposed'],
          ['X-Exposed', '1'],
          ['X-Hidden', '2'],
          ['Content-Type', 'text/plain'],
        ],
        body: 'warn',
      },
    });
    // A preflight the browser may cache for 600 s: the second PUT goes out without one.
    s.server.route('/e2e/cached', {
      preflight: {
        status: 204,
        headers: [
          ['Access-Control-Allow-Origin', page],
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Access-Control-Allow-Headers', 'X-Api-Key'],
          ['Access-Control-Max-Age', '600'],
          ['Vary', 'Origin'],
        ],
      },
      actual: { headers: [['Access-Control-Allow-Origin', page], ['Vary', 'Origin']], body: 'saved' },
    });
    for (const id of ['simple-get-no-acao', 'put-custom-header-refused', 'simple-get-wildcard', 'cross-origin-redirect', 'credentialed-allowed']) {
      await s.runLab(id);
    }
    await s.run({ via: 'fetch', url: url(CROSS_SITE_API, '/e2e/warn') });
    await waitForRows(s.panel, [
      url(CROSS_SITE_API, '/lab/no-acao'),
      url(CROSS_SITE_API, '/lab/put-refused'),
      url(CROSS_SITE_API, '/lab/public'),
      url(CROSS_SITE_API, '/lab/redirect-start'),
      url(SAME_SITE_API, '/lab/credentialed'),
      url(CROSS_SITE_API, '/e2e/warn'),
    ]);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('counts failures and warnings live, and filters by them', async () => {
    const all = await shownRows(s.panel);
    const before = await counts(s.panel);
    expect(before).toEqual({ failures: all.filter(isFailure).length, warnings: all.filter(hasWarning).length });
    expect(before.failures).toBeGreaterThanOrEqual(3);
    expect(before.warnings).toBeGreaterThanOrEqual(1);

    await s.panel.click('input[name="failures"]');
    await waitForCount(s.panel, before.failures);
    const failures = await shownRows(s.panel);
    expect(failures.every(isFailure)).toBe(true);
    expect(failures.map((r) => r.url)).toEqual(expect.arrayContaining([url(CROSS_SITE_API, '/lab/no-acao'), url(CROSS_SITE_API, '/lab/redirect-start')]));
    await s.panel.click('input[name="failures"]');

    await s.panel.click('input[name="warnings"]');
    await waitForCount(s.panel, before.warnings);
    const warned = await shownRows(s.panel);
    expect(warned.every(hasWarning)).toBe(true);
    expect(warned.map((r) => r.url)).toContain(url(CROSS_SITE_API, '/e2e/warn'));
    await s.panel.click('input[name="warnings"]');
    await waitForCount(s.panel, all.length);

    // The counts follow new flows as they arrive.
    await s.run({ via: 'fetch', url: url(CROSS_SITE_API, '/lab/no-acao?live=1') });
    await waitForRows(s.panel, [url(CROSS_SITE_API, '/lab/no-acao?live=1')]);
    expect(await counts(s.panel)).toEqual({ failures: before.failures + 1, warnings: before.warnings });
  });

  it('filters by domain and by free text', async () => {
    const all = await shownRows(s.panel);
    await s.panel.select('select[name="domain"]', SAME_SITE_API);
    const sameSite = all.filter((r) => new URL(r.url).hostname === SAME_SITE_API);
    expect(sameSite.length).toBeGreaterThan(0);
    await waitForCount(s.panel, sameSite.length);
    expect((await shownRows(s.panel)).map((r) => r.id)).toEqual(sameSite.map((r) => r.id));
    await s.panel.select('select[name="domain"]', '');
    await waitForCount(s.panel, all.length);

    const search = (await s.panel.$('input[type=search]'))!;
    await search.type('put-refused');
    await waitForCount(s.panel, 1);
    expect((await shownRows(s.panel)).map((r) => r.url)).toEqual([url(CROSS_SITE_API, '/lab/put-refused')]);
    // A finding code matches too: the two GETs without Access-Control-Allow-Origin.
    await search.click({ count: 3 });
    await search.type('missingalloworiginheader');
    const noAcao = all.filter((r) => r.url.startsWith(url(CROSS_SITE_API, '/lab/no-acao')));
    expect(noAcao).toHaveLength(2);
    await waitForCount(s.panel, noAcao.length);
    expect((await shownRows(s.panel)).map((r) => r.id)).toEqual(noAcao.map((r) => r.id));
    await search.click({ count: 3 });
    await s.devtools.keyboard.press('Backspace');
    await waitForCount(s.panel, all.length);
  });

  it('keeps the selection on the same flow while new flows arrive', async () => {
    const target = url(CROSS_SITE_API, '/e2e/warn');
    const id = await openFlow(s.panel, target);
    const more = ['1', '2', '3'].map((k) => url(CROSS_SITE_API, `/lab/public?more=${k}`));
    for (const u of more) await s.run({ via: 'fetch', url: u });
    await waitForRows(s.panel, more);
    const selected = await s.panel.$$eval('tr[aria-selected="true"]', (trs) => trs.map((tr) => [tr.getAttribute('data-flow-id'), tr.querySelector('.url')!.textContent]));
    expect(selected).toEqual([[id, target]]);
    expect(await s.panel.$eval('.detail', (d) => d.getAttribute('data-flow-id'))).toBe(id);
  });

  it('shows the redirect count and the initiator, and each redirect hop with the failing one marked', async () => {
    const start = url(CROSS_SITE_API, '/lab/redirect-start');
    const row = (await shownRows(s.panel)).find((r) => r.url === start)!;
    expect(row).toMatchObject({ verdict: 'blocked', redirects: '1', initiator: page });
    expect((await shownRows(s.panel)).find((r) => r.url === url(CROSS_SITE_API, '/lab/public'))).toMatchObject({ redirects: '', initiator: page });
    await openFlow(s.panel, start);
    const steps = await s.panel.$$eval('.timeline .step', (els) =>
      els.map((e) => ({
        at: `${e.getAttribute('data-stage')}@${e.getAttribute('data-hop')}`,
        label: e.querySelector('.step-label')!.textContent,
        url: e.querySelector('.step-url')!.textContent,
        failed: e.getAttribute('data-failed'),
        marker: e.querySelector('[data-marker="failed"]')?.textContent ?? null,
      })),
    );
    expect(steps).toEqual([
      { at: 'actual@0', label: 'Request', url: start, failed: 'false', marker: null },
      { at: 'actual@1', label: 'Redirect 1', url: url(OTHER_SITE_API, '/lab/redirect-end'), failed: 'true', marker: '✕ Failed here' },
    ]);
    expect(await s.panel.$eval('.step[data-hop="0"] .redirect-to', (p) => p.textContent)).toBe(`Redirects to ${url(OTHER_SITE_API, '/lab/redirect-end')}`);
  });

  it('lists the response headers JavaScript can read and those it cannot, with reasons', async () => {
    await openFlow(s.panel, url(CROSS_SITE_API, '/e2e/warn'));
    const table = await s.panel.$$eval('.readability tbody tr', (trs) =>
      Object.fromEntries(trs.map((tr) => [tr.querySelector('td')!.textContent!, [tr.getAttribute('data-readable'), tr.querySelectorAll('td')[2]!.textContent]])),
    );
    expect(table['x-exposed']).toEqual(['true', 'listed in Access-Control-Expose-Headers']);
    expect(table['content-type']).toEqual(['true', 'CORS-safelisted response header']);
    expect(table['x-hidden']).toEqual(['false', 'not safelisted, and not in Access-Control-Expose-Headers']);
    // What the page's own script could read agrees.
    const seen = await s.run({ via: 'fetch', url: url(CROSS_SITE_API, '/e2e/warn?again=1') });
    const readable = Object.entries(table).filter(([, [r]]) => r === 'true').map(([n]) => n);
    expect(seen.readableHeaders).toEqual(expect.arrayContaining(readable));
    expect(seen.readableHeaders).not.toContain('x-hidden');
    // The warning that made the row count as one.
    expect(await s.panel.$$eval('.finding.warning', (fs) => fs.map((f) => f.getAttribute('data-code')))).toContain('MissingVaryOrigin');
  });

  it('says why no preflight is visible: served from the preflight cache, or not needed', async () => {
    const cachedUrl = url(CROSS_SITE_API, '/e2e/cached');
    const put = { via: 'fetch' as const, url: cachedUrl, method: 'PUT', headers: [['X-Api-Key', 'k']] as [string, string][], body: 'x' };
    expect((await s.run(put)).ok).toBe(true);
    expect((await s.run(put)).ok).toBe(true);
    await waitForRows(s.panel, { [cachedUrl]: 2 });
    // The server saw one preflight for two PUTs.
    expect(s.server.log.filter((r) => r.path === '/e2e/cached').map((r) => r.method)).toEqual(['OPTIONS', 'PUT', 'PUT']);
    const rows = (await shownRows(s.panel)).filter((r) => r.url === cachedUrl);
    expect(rows.map((r) => r.preflight).sort()).toEqual(['OPTIONS 204', 'cached']);
    const first = rows.find((r) => r.preflight === 'OPTIONS 204')!;
    const second = rows.find((r) => r.preflight === 'cached')!;
    await s.panel.click(`tr[data-flow-id="${second.id}"]`);
    await s.panel.waitForFunction((i: string) => document.querySelector('.detail')?.getAttribute('data-flow-id') === i, { polling: 50, timeout: 5_000 }, second.id);
    expect(await s.panel.$eval('[data-note="cached"]', (p) => p.textContent)).toContain('preflight cache (Access-Control-Max-Age allowed 600 s)');
    await s.panel.click('[data-note="cached"] button.link');
    await s.panel.waitForFunction((i: string) => document.querySelector('.detail')?.getAttribute('data-flow-id') === i, { polling: 50, timeout: 5_000 }, first.id);

    await openFlow(s.panel, url(CROSS_SITE_API, '/lab/public'));
    expect(await s.panel.$eval('.preflight-note p', (p) => [p.getAttribute('data-note'), p.textContent])).toEqual([
      'not-needed',
      'No preflight: not needed. The method and headers are ones a page may send cross-origin without asking first.',
    ]);
  });

  it('Preserve log keeps flows across a navigation; without it they go', async () => {
    const mark = url(CROSS_SITE_API, '/lab/public?before=navigation');
    await s.run({ via: 'fetch', url: mark });
    await waitForRows(s.panel, [mark]);
    await s.panel.click('input[name="preserve-log"]');
    await s.page.reload();
    await waitForRows(s.panel, [`${page}/`]);
    expect((await shownRows(s.panel)).map((r) => r.url)).toContain(mark);

    await s.panel.click('input[name="preserve-log"]');
    await s.page.reload();
    await s.panel.waitForFunction((u: string) => ![...document.querySelectorAll('tr[data-flow-id] .url')].some((e) => e.textContent === u), { polling: 100, timeout: 10_000 }, mark);
    await waitForRows(s.panel, [`${page}/`]);
  });

  it('Clear empties the list in the panel and in the background: still empty after the panel reopens', async () => {
    await s.runLab('simple-get-no-acao');
    await waitForRows(s.panel, [url(CROSS_SITE_API, '/lab/no-acao')]);
    await s.panel.click('button.clear');
    await waitForCount(s.panel, 0);
    expect(await counts(s.panel)).toEqual({ failures: 0, warnings: 0 });
    expect(await s.panel.$eval('.empty', (p) => p.textContent)).toBe('No requests yet. Make the page send some, or reload it.');
    const panel = await reloadPanel(s);
    // The snapshot the reopened panel gets from the background is empty too.
    expect(await panel.$$eval('tr[data-flow-id]', (trs) => trs.length)).toBe(0);
    expect(await panel.$eval('.shown', (e) => e.getAttribute('data-total'))).toBe('0');
    // And capture goes on.
    await s.runLab('simple-get-wildcard');
    await waitForRows(panel, [url(CROSS_SITE_API, '/lab/public')]);
    expect(await panel.$$eval('tr[data-flow-id]', (trs) => trs.length)).toBe(1);
  });
});
