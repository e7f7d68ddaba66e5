/**
 * Probe: the order in which Chromium checks a request's non-safelisted headers against the
 * preflight's Access-Control-Allow-Headers (it names the first one it finds missing). Sends the
 * same PUT repeatedly, each time allowing the headers named so far, and prints the order.
 *
 *   npx tsx test/conformance/tools/probe-header-order.ts '[["X-B","1"],["Authorization","t"],["Content-Type","application/json"]]' [xhr] [nobody] [get] [https | target-https]
 *
 * Seen with Chromium 156: the order depends on the set of names, not on the order the page set
 * them, and is neither alphabetical nor by length (it looks like Blink's header hash-map order).
 */
import { PAGE_RUNNER_SOURCE } from '../../lab/page-runner.ts';
import { startLabServer } from '../../lab/server.ts';
import { launchChromium } from '../../support/chromium.ts';
const server = await startLabServer();
server.page('/page', `<!doctype html><script>${PAGE_RUNNER_SOURCE}</script>`);
const secure = process.argv.includes('https');
const pageOrigin = server.origin('app.site-a.test', { secure });
const c = await launchChromium();
const page = await c.browser.newPage();
const cdp = await page.createCDPSession();
const seen: { last: { failedParameter: string } | null } = { last: null };
cdp.on('Network.loadingFailed', (e: { corsErrorStatus?: { failedParameter: string } }) => { if (e.corsErrorStatus) seen.last = e.corsErrorStatus; });
await cdp.send('Network.enable');
await page.goto(pageOrigin + '/page');
const all: [string, string][] = JSON.parse(process.argv[2]!);
const via = process.argv.includes('xhr') ? 'xhr' : 'fetch';
const method = process.argv.includes('get') ? 'GET' : 'PUT';
const body = process.argv.includes('nobody') || method === 'GET' ? {} : { body: 'x' };
let remaining = [...all];
const order: string[] = [];
let n = 0;
while (remaining.length) {
  const path = `/o${n++}`;
  server.route(path, { preflight: { status: 204, headers: [['Access-Control-Allow-Origin', pageOrigin], ['Access-Control-Allow-Methods', method], ['Access-Control-Allow-Headers', order.join(', ')]] }, actual: { headers: [['Access-Control-Allow-Origin', pageOrigin]] } });
  seen.last = null as { failedParameter: string } | null;
  await page.evaluate((s) => (window as unknown as { corsLensRun(x: unknown): Promise<unknown> }).corsLensRun(s), { via, url: server.url('api.site-b.test', path, { secure: secure || process.argv.includes('target-https') }), method, headers: all, ...body });
  await new Promise((r) => setTimeout(r, 100));
  const failed = seen.last as { failedParameter: string } | null;
  if (!failed) { console.log('allowed'); break; }
  const named = failed.failedParameter;
  order.push(named);
  remaining = remaining.filter(([k]) => k.toLowerCase() !== named);
}
console.log(order.join(' < '));
await c.close(); await server.close();
