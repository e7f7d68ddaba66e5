/**
 * Runs conformance scenarios in firefox-esr (puppeteer over WebDriver BiDi) and records what the
 * page saw and what Firefox printed: its CORS console messages reach puppeteer as `pageerror`
 * events carrying the exact text. What Firefox sent is in the lab server's log. Each scenario runs
 * in a fresh browser context (its own cookie jar).
 */
import puppeteer, { type Browser, type BrowserContext } from 'puppeteer';
import { PAGE_RUNNER_SOURCE, type PageRequestSpec, type PageResult } from '../lab/page-runner.ts';
import { startLabServer, type LabServer } from '../lab/server.ts';
import type { FirefoxRecording, PortMap, ServerLogEntry } from './recording.ts';
import { PAGE_HOST, routePrefix, toRoute, type Scenario, type ScenarioEnv } from './scenario.ts';
import { freePort } from './ports.ts';
import { findFirefox } from '../support/firefox.ts';

const RUNNER_PATH = '/conformance/page';
const PLANT_NAME = '__plant';
export const FIREFOX_PATH = findFirefox();

/** Firefox's console lines that report a refused request (CORS, or a mode `same-origin` violation), and warnings. */
const BLOCKED = ['Cross-Origin Request Blocked:', 'Security Error:'];
const WARNING = 'Cross-Origin Request Warning:';

export type FirefoxOutcome = { ok: true; id: string; recording: FirefoxRecording } | { ok: false; id: string; error: string };

/** Scenarios Firefox can be held to: it has no third-party-cookie switch like Chromium's here, nor address-space overrides. */
export function firefoxCanRun(s: Scenario): boolean {
  return (s.thirdPartyCookies ?? 'allowed') === 'allowed' && s.page?.addressSpace !== 'public' && !s.targetAddressSpace;
}

export class FirefoxRecorder {
  private constructor(
    readonly browser: Browser,
    readonly server: LabServer,
    readonly refusedPort: number,
    readonly version: string,
    private readonly lanes: number,
  ) {}

  static async start(opts: { lanes?: number } = {}): Promise<FirefoxRecorder> {
    const server = await startLabServer();
    server.page(RUNNER_PATH, `<!doctype html><meta charset="utf-8"><title>conformance</title><script>${PAGE_RUNNER_SOURCE}</script>`);
    server.page('/favicon.ico', '', 'image/x-icon');
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      // Firefox has no host-resolver rules: every name goes to loopback.
      extraPrefsFirefox: { 'network.dns.forceResolve': '127.0.0.1', 'network.proxy.allow_hijacking_localhost': true },
    });
    const version = await browser.version();
    return new FirefoxRecorder(browser, server, await freePort(), version, opts.lanes ?? 3);
  }

  /** The ports to normalize (Firefox runs have no public server: its fixed ports are never used). */
  get ports(): PortMap {
    return { http: this.server.httpPort, https: this.server.httpsPort, publicHttp: -1, publicHttps: -2, refused: this.refusedPort };
  }

  env(scenario: Scenario): ScenarioEnv {
    const prefix = routePrefix(scenario.id);
    const page = scenario.page ?? {};
    return {
      origin: (host, secure) => this.server.origin(host, { secure: secure ?? false }),
      at: (host, name, secure) => this.server.url(host, `${prefix}/${name}`, { secure: secure ?? false }),
      pageOrigin: this.server.origin(page.host ?? PAGE_HOST, { secure: page.secure ?? false }),
      refusedUrl: (name) => `http://api.site-b.test:${this.refusedPort}${prefix}/${name}`,
    };
  }

  async run(scenarios: Scenario[]): Promise<FirefoxOutcome[]> {
    const results = new Map<string, FirefoxOutcome>();
    const queue = scenarios.filter(firefoxCanRun);
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(this.lanes, queue.length)) }, async () => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          let outcome: FirefoxOutcome | null = null;
          for (let attempt = 1; attempt <= 3 && !outcome?.ok; attempt++) {
            if (attempt > 1) await new Promise((r) => setTimeout(r, 500 * (attempt - 1)));
            const context = await this.browser.createBrowserContext();
            outcome = await this.runOne(context, s).catch((e: unknown) => ({ ok: false as const, id: s.id, error: String(e) }));
            await context.close().catch(() => undefined);
          }
          results.set(s.id, outcome!);
        }
      }),
    );
    return scenarios.filter(firefoxCanRun).map((s) => results.get(s.id)!);
  }

  private async runOne(context: BrowserContext, scenario: Scenario): Promise<FirefoxOutcome> {
    const env = this.env(scenario);
    const prefix = routePrefix(scenario.id);
    for (const [name, spec] of Object.entries(scenario.routes(env))) this.server.route(`${prefix}/${name}`, toRoute(spec));
    const spec: PageRequestSpec = scenario.request(env);
    // One tab for everything: cookies are planted by visiting their sites in it first. (Opening and
    // closing a tab per plant made BiDi's next browsingContext.create fail now and then with
    // DiscardedBrowsingContextError on a loaded machine.)
    const page = await context.newPage();
    for (const [i, plant] of (scenario.plant ?? []).entries()) {
      const path = `${prefix}/${PLANT_NAME}${i}`;
      this.server.route(path, { actual: { headers: plant.setCookies.map((c) => ['Set-Cookie', c] as [string, string]), body: 'planted' } });
      await page.goto(this.server.url(plant.host, path, { secure: plant.secure ?? false }));
    }
    const lines: string[] = [];
    let lastAt = Date.now();
    page.on('pageerror', (e) => {
      lines.push(e instanceof Error ? e.message : String(e));
      lastAt = Date.now();
    });
    page.on('console', (m) => {
      lines.push(m.text());
      lastAt = Date.now();
    });
    await page.goto(`${env.pageOrigin}${RUNNER_PATH}`);
    lines.length = 0;
    const logStart = this.server.log.length;
    const result = (await Promise.race([
      page.evaluate((s: PageRequestSpec) => (window as unknown as { corsLensRun(x: PageRequestSpec): Promise<PageResult> }).corsLensRun(s), spec),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the page did not finish its request within 20 s')), 20_000)),
    ])) as PageResult;
    // Console lines can trail the page's result: wait until none has come for a while.
    const settleStart = Date.now();
    while (Date.now() - Math.max(lastAt, settleStart) < 250) await new Promise((r) => setTimeout(r, 25));
    await page.close();
    const serverLog: ServerLogEntry[] = this.server.log
      .slice(logStart)
      .filter((e) => e.path.startsWith(`${prefix}/`) && !e.path.includes(PLANT_NAME))
      .map((e) => ({ method: e.method, url: e.url, preflight: e.preflight, headers: e.headers }));
    const blocked = lines.filter((l) => BLOCKED.some((prefix) => l.startsWith(prefix)));
    return {
      ok: true,
      id: scenario.id,
      recording: {
        version: this.version,
        console: lines,
        corsMessage: blocked.length > 0 ? blocked.join('\n') : null,
        warnings: lines.filter((l) => l.startsWith(WARNING)),
        result,
        serverLog,
      },
    };
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.close();
  }
}
