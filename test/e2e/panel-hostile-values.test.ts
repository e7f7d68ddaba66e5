/**
 * Values from the network are data, never markup or script, and never break the layout: a request
 * and a response full of hostile values (HTML and script in URLs, header names and values and
 * cookies, `javascript:` URLs, 100 KB values, control characters, right-to-left overrides) are
 * shown in the real panel; nothing executes, every value shows as text, and the panel keeps its
 * width (measured).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_SITE_API } from '../lab/lab-scenarios.ts';
import { startExtensionSession, waitForRows, type ExtensionSession } from '../support/extension-session.ts';
import { openFlow } from '../support/panel-driver.ts';

const MARKUP = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
const RTL = 'invoice\u202Etxt.exe';

describe('hostile values in the panel', () => {
  let s: ExtensionSession;
  beforeAll(async () => {
    s = await startExtensionSession();
    s.server.route('/hostile/values', {
      preflight: {
        status: 204,
        headers: [
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Headers', '*'],
          ['X-Pre', MARKUP],
        ],
      },
      actual: {
        // Written raw: Node refuses these values, browsers take them.
        rawHead: [
          'HTTP/1.1 200 OK',
          'Access-Control-Allow-Origin: *',
          'Access-Control-Expose-Headers: X-Markup, X-Rtl',
          `X-Markup: ${MARKUP}`,
          'X-Link: javascript:window.pwned=3',
          `X-Rtl: ${RTL}`,
          'X-Ctl: a\u0001b\u0007c\u001bd',
          `X-Huge: ${'A'.repeat(100_000)}`,
          `Set-Cookie: <b>sid</b>=<img src=x onerror="window.pwned=5">; Path=/`,
          `<svg onload="window.pwned=7">: x`,
        ].join('\r\n'),
        body: MARKUP,
      },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows every hostile value as text, runs nothing, and keeps the layout', async () => {
    const asked = s.server.url(CROSS_SITE_API, `/hostile/values?q=<script>window.pwned=6</script>&r=${RTL}&u=javascript:alert(1)`);
    const result = await s.run({
      via: 'fetch',
      url: asked,
      headers: [
        ['X-Evil', '<img src=x onerror="window.pwned=4">'],
        // Node's server refuses request heads over 16 KB; the 100 KB value is in the response.
        ['X-Long', 'L'.repeat(12_000)],
      ],
    });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const url = new URL(asked).href;
    await waitForRows(s.panel, [url]);
    await openFlow(s.panel, url);
    // Open every step and every long value, so that all of it is in the DOM and laid out.
    await s.panel.$$eval('.detail details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await s.panel.$$eval('.detail button.more', (bs) => bs.forEach((b) => (b as HTMLButtonElement).click()));

    const seen = await s.panel.evaluate(() => {
      const main = document.querySelector('main')!;
      const detail = document.querySelector<HTMLElement>('.detail')!;
      const body = document.querySelector<HTMLElement>('.detail-body')!;
      const widest = (sel: string) => Math.max(0, ...[...document.querySelectorAll<HTMLElement>(sel)].map((e) => e.getBoundingClientRect().right));
      return {
        elements: main.querySelectorAll('img, script, svg, iframe, object, embed, a[href^="javascript"]').length,
        pwned: (window as unknown as { pwned?: number }).pwned ?? null,
        text: detail.textContent ?? '',
        rowUrl: document.querySelector('tr.selected .url')?.textContent ?? '',
        rowHeight: document.querySelector<HTMLElement>('tr.selected')!.getBoundingClientRect().height,
        viewport: document.documentElement.clientWidth,
        pageScrollWidth: document.documentElement.scrollWidth,
        detailRight: detail.getBoundingClientRect().right,
        bodyRight: body.getBoundingClientRect().right,
        bodyScrollWidth: body.scrollWidth,
        bodyClientWidth: body.clientWidth,
        contentRight: widest('.detail-body table, .detail-body .step, .detail-body .finding, .detail-body section'),
        toolbarHeight: document.querySelector<HTMLElement>('.toolbar')!.getBoundingClientRect().height,
      };
    });
    expect(seen.elements).toBe(0);
    expect(seen.pwned).toBeNull();
    expect(await s.devtools.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? null)).toBeNull();
    expect(await s.page.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? null)).toBeNull();

    // Shown as text: the markup, the javascript: value, the cookie, the header name.
    expect(seen.text).toContain(MARKUP);
    expect(seen.text).toContain('javascript:window.pwned=3');
    expect(seen.text).toContain('<img src=x onerror="window.pwned=4">');
    expect(seen.text).toContain('<b>sid</b>=<img src=x onerror="window.pwned=5">');
    // Controls and the right-to-left override show as marks instead of acting.
    expect(seen.text).toContain('invoice\\u202Etxt.exe');
    expect(seen.text).not.toContain('\u202E');
    expect(seen.text).toContain('a\\x01b\\x07c\\x1Bd');
    expect(seen.text).toContain('L'.repeat(10_000));
    expect(seen.rowUrl).toBe(url);

    // The layout holds: nothing wider than the panel, the row keeps its height, values wrap.
    expect(seen.pageScrollWidth).toBeLessThanOrEqual(seen.viewport);
    expect(seen.detailRight).toBeLessThanOrEqual(seen.viewport + 0.5);
    expect(seen.bodyScrollWidth).toBeLessThanOrEqual(seen.bodyClientWidth);
    expect(seen.contentRight).toBeLessThanOrEqual(seen.bodyRight + 0.5);
    expect(seen.rowHeight).toBe(21);
    expect(seen.toolbarHeight).toBeLessThan(70);
  });
});
