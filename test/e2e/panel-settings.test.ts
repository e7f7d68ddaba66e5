/**
 * The per-tab cap, set from the panel with the keyboard: the background takes it (and keeps it in
 * storage.local), drops the oldest requests past it, and the panel lists only the newest and says
 * how many were dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API } from '../lab/lab-scenarios.ts';
import { startExtensionSession, waitForRows, type ExtensionSession } from '../support/extension-session.ts';

const CAP = 100;
const REQUESTS = 130;
const item = (i: number) => `/cap/item?n=${String(i).padStart(3, '0')}`;

describe('the per-tab cap in the panel', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await startExtensionSession();
    s.server.route('/cap/item', { actual: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('is set with the keyboard; only the newest requests stay listed and the dropped count shows', async () => {
    const { panel, devtools } = s;
    await panel.waitForFunction(() => /^Keep \d/.test(document.querySelector('details.settings summary')?.textContent ?? ''), { polling: 100, timeout: 5_000 });
    expect(await panel.$eval('details.settings summary', (e) => e.textContent)).toBe('Keep 5,000');

    // Keyboard only: focus the toggle, open it, type the cap, apply with Enter.
    await panel.focus('details.settings summary');
    await devtools.keyboard.press('Enter');
    await panel.waitForSelector('details.settings[open] #cap-per-tab');
    await devtools.keyboard.press('Tab');
    expect(await panel.evaluate(() => document.activeElement?.id)).toBe('cap-per-tab');
    await devtools.keyboard.down('Control');
    await devtools.keyboard.press('KeyA');
    await devtools.keyboard.up('Control');
    await devtools.keyboard.type(String(CAP));
    await devtools.keyboard.press('Enter');
    await panel.waitForFunction((c: string) => document.querySelector('details.settings summary')?.textContent === `Keep ${c}`, { polling: 100, timeout: 5_000 }, String(CAP));
    const worker = await s.worker();
    expect(await worker.evaluate(() => (globalThis as unknown as { __corsLens: { store: { capPerTab: number } } }).__corsLens.store.capPerTab)).toBe(CAP);
    expect(
      await worker.evaluate(async () => {
        const storage = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<{ settings?: { capPerTab: number } }> } } } }).chrome.storage;
        return (await storage.local.get('settings')).settings?.capPerTab;
      }),
    ).toBe(CAP);
    await devtools.keyboard.press('Escape');
    expect(await panel.$eval('details.settings', (d) => (d as HTMLDetailsElement).open)).toBe(false);

    // More requests than the cap, one after another so that their order is known.
    await s.page.evaluate(async (urls: string[]) => {
      for (const u of urls) await fetch(u).then((r) => r.text());
    }, Array.from({ length: REQUESTS }, (_, i) => s.server.url(CROSS_SITE_API, item(i))));
    // The list shows only the rows in view: find rows by filtering on each request's `n=` part.
    const filterFor = async (i: number) => {
      const q = `n=${String(i).padStart(3, '0')}`;
      await panel.$eval('input.search', (el) => {
        (el as HTMLInputElement).value = '';
      });
      await panel.type('input.search', q);
      await panel.waitForFunction((want: string) => (document.querySelector('input.search') as HTMLInputElement).value === want, {}, q);
    };
    await filterFor(REQUESTS - 1);
    await waitForRows(panel, [s.server.url(CROSS_SITE_API, item(REQUESTS - 1))], 15_000);
    await panel.waitForFunction((cap: number) => Number(document.querySelector('.shown')?.getAttribute('data-total')) === cap, { polling: 100, timeout: 5_000 }, CAP);

    const total = Number(await panel.$eval('.shown', (e) => e.getAttribute('data-total')));
    expect(total).toBe(CAP);
    const shownText = await panel.$eval('.shown', (e) => e.textContent!);
    const dropped = Number(/ · ([\d,]+) older requests dropped/.exec(shownText)?.[1]?.replace(/,/g, ''));
    // The page and its script came first; everything before the newest CAP requests was dropped.
    expect(dropped).toBeGreaterThanOrEqual(REQUESTS - CAP);

    // Which of our requests are listed.
    const listed = async (i: number) => {
      await filterFor(i);
      return Number(await panel.$eval('.shown', (e) => e.getAttribute('data-shown')));
    };
    expect(await listed(REQUESTS - 1)).toBe(1);
    expect(await listed(REQUESTS - CAP)).toBe(1);
    expect(await listed(REQUESTS - CAP - 1)).toBe(0);
    expect(await listed(0)).toBe(0);

    // The popover says the same.
    await panel.click('details.settings summary');
    expect(await panel.$eval('details.settings .dropped', (e) => Number(e.getAttribute('data-dropped')))).toBe(dropped);
  });
});
