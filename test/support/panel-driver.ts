/** Driving the CORS panel's flow list and detail from an end-to-end test. */
import type { Frame, Page } from 'puppeteer';

/** Clicks the row of the flow whose URL is `url` (a real mouse click) and waits for its detail. */
export async function openFlow(panel: Frame, url: string): Promise<string> {
  const rows = await panel.$$('tr[data-flow-id]');
  for (const row of rows) {
    const [rowUrl, id] = await row.evaluate((tr) => [tr.querySelector('.url')!.textContent, tr.getAttribute('data-flow-id')!]);
    if (rowUrl !== url) continue;
    await row.click();
    await panel.waitForFunction((i: string) => document.querySelector('.detail')?.getAttribute('data-flow-id') === i, { polling: 100, timeout: 5_000 }, id!);
    return id!;
  }
  throw new Error(`No row for ${url} in the panel (rows: ${rows.length}).`);
}

/** Collects what the page prints to its console (Chromium's CORS errors arrive here). */
export function collectConsole(page: Page): { lines: string[]; waitFor(pred: (line: string) => boolean, timeout?: number): Promise<string> } {
  const lines: string[] = [];
  page.on('console', (m) => lines.push(m.text()));
  return {
    lines,
    async waitFor(pred, timeout = 5_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const hit = lines.find(pred);
        if (hit !== undefined) return hit;
        if (Date.now() > deadline) throw new Error(`No console line matched within ${timeout} ms. Seen:\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
