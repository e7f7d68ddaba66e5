/**
 * Runs conformance scenarios in real headless Chromium and records what it did. One browser per
 * third-party-cookie setting; inside it a few lanes (each an isolated browser context with one
 * page and a CDP capture) work through the scenarios in parallel. A scenario whose main request
 * left no events is run again in a fresh context (CDP sometimes misses them after a navigation).
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'puppeteer';
import { PAGE_RUNNER_SOURCE, type PageRequestSpec, type PageResult } from '../lab/page-runner.ts';
import { startLabServer, type LabServer } from '../lab/server.ts';
import { launchChromium, type LaunchedChromium } from '../support/chromium.ts';
import type { AddressSpace } from '../../src/model/index.ts';
import { PageCapture } from './cdp-capture.ts';
import { freePort } from './ports.ts';
import { buildRecording } from './capture-to-recording.ts';
import { cookieJarFromCdp } from './jar.ts';
import type { PortMap, Recording, ServerLogEntry } from './recording.ts';
import { PAGE_HOST, routePrefix, TARGET_ADDRESS_SPACE_SHIM, toRoute, type RecordedRequestSpec, type Scenario, type ScenarioEnv } from './scenario.ts';

const RUNNER_PATH = '/conformance/page';
const PLANT_NAME = '__plant';

export interface RecorderOptions {
  /** Parallel pages per browser (default 3). */
  lanes?: number;
  log?: (line: string) => void;
}

export type RunOutcome = { ok: true; recording: Recording } | { ok: false; id: string; error: string };

interface Lane {
  context: BrowserContext;
  page: Page;
  session: CDPSession;
  capture: PageCapture;
}

export class ChromiumRecorder {
  private browsers = new Map<'allowed' | 'blocked', Promise<LaunchedChromium>>();

  private constructor(
    readonly server: LabServer,
    /** Its ports are declared `public` to Chromium, for Local Network Access scenarios. */
    readonly publicServer: LabServer,
    readonly refusedPort: number,
    private readonly opts: RecorderOptions,
  ) {}

  static async start(opts: RecorderOptions = {}): Promise<ChromiumRecorder> {
    const server = await startLabServer();
    const publicServer = await startLabServer();
    for (const s of [server, publicServer]) {
      s.page(RUNNER_PATH, `<!doctype html><meta charset="utf-8"><title>conformance</title><script>${PAGE_RUNNER_SOURCE}${TARGET_ADDRESS_SPACE_SHIM}</script>`);
      s.page('/favicon.ico', '', 'image/x-icon');
    }
    return new ChromiumRecorder(server, publicServer, await freePort(), opts);
  }

  get ports(): PortMap {
    return {
      http: this.server.httpPort,
      https: this.server.httpsPort,
      publicHttp: this.publicServer.httpPort,
      publicHttps: this.publicServer.httpsPort,
      refused: this.refusedPort,
    };
  }

  /** Every lab host resolves to 127.0.0.1: loopback, except the ports Chromium is told are public. */
  labAddressSpace(url: string): AddressSpace {
    const u = new URL(url);
    const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
    return port === this.publicServer.httpPort || port === this.publicServer.httpsPort ? 'public' : 'loopback';
  }

  env(scenario: Scenario): ScenarioEnv {
    const prefix = routePrefix(scenario.id);
    const page = scenario.page ?? {};
    const pageServer = page.addressSpace === 'public' ? this.publicServer : this.server;
    return {
      origin: (host, secure) => this.server.origin(host, { secure: secure ?? false }),
      at: (host, name, secure) => this.server.url(host, `${prefix}/${name}`, { secure: secure ?? false }),
      pageOrigin: pageServer.origin(page.host ?? PAGE_HOST, { secure: page.secure ?? false }),
      refusedUrl: (name) => `http://api.site-b.test:${this.refusedPort}${prefix}/${name}`,
    };
  }

  private browser(setting: 'allowed' | 'blocked'): Promise<LaunchedChromium> {
    let b = this.browsers.get(setting);
    if (!b) {
      const p = this.publicServer;
      b = launchChromium({
        thirdPartyCookies: setting === 'allowed',
        args: [`--ip-address-space-overrides=127.0.0.1:${p.httpPort}=public,127.0.0.1:${p.httpsPort}=public`],
      });
      this.browsers.set(setting, b);
    }
    return b;
  }

  private async openLane(browser: Browser): Promise<Lane> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const session = await page.createCDPSession();
    const capture = await PageCapture.attach(session);
    return { context, page, session, capture };
  }

  /** Runs scenarios (grouped by third-party-cookie setting) and returns one outcome per scenario, in order. */
  async run(scenarios: Scenario[]): Promise<RunOutcome[]> {
    const results = new Map<string, RunOutcome>();
    for (const setting of ['allowed', 'blocked'] as const) {
      const group = scenarios.filter((s) => (s.thirdPartyCookies ?? 'allowed') === setting);
      if (group.length === 0) continue;
      const { browser } = await this.browser(setting);
      const version = await browser.version();
      const queue = [...group];
      const lanes = Math.max(1, Math.min(this.opts.lanes ?? 3, group.length));
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          let lane = await this.openLane(browser);
          for (let s = queue.shift(); s; s = queue.shift()) {
            let outcome: RunOutcome | null = null;
            for (let attempt = 1; attempt <= 3 && !outcome?.ok; attempt++) {
              if (attempt > 1) {
                this.opts.log?.(`${s.id}: attempt ${attempt} in a fresh context (${outcome && !outcome.ok ? outcome.error : ''})`);
                await lane.context.close().catch(() => undefined);
                lane = await this.openLane(browser);
              }
              outcome = await this.runOne(lane, s, version, setting).catch((e: unknown) => ({ ok: false as const, id: s.id, error: String(e) }));
            }
            results.set(s.id, outcome!);
          }
          await lane.context.close().catch(() => undefined);
        }),
      );
    }
    return scenarios.map((s) => results.get(s.id)!);
  }

  private async runOne(lane: Lane, scenario: Scenario, version: string, setting: 'allowed' | 'blocked'): Promise<RunOutcome> {
    const env = this.env(scenario);
    const prefix = routePrefix(scenario.id);
    for (const [name, spec] of Object.entries(scenario.routes(env))) this.server.route(`${prefix}/${name}`, toRoute(spec));
    const spec: RecordedRequestSpec = { ...scenario.request(env), ...(scenario.targetAddressSpace ? { targetAddressSpace: scenario.targetAddressSpace } : {}) };

    await lane.session.send('Network.clearBrowserCookies');
    for (const [i, plant] of (scenario.plant ?? []).entries()) {
      const path = `${prefix}/${PLANT_NAME}${i}`;
      this.server.route(path, { actual: { headers: plant.setCookies.map((c) => ['Set-Cookie', c] as [string, string]), body: 'planted' } });
      const tab = await lane.context.newPage();
      await tab.goto(this.server.url(plant.host, path, { secure: plant.secure ?? false }));
      await tab.close();
    }
    const { cookies } = await lane.session.send('Network.getAllCookies');
    const cookieJar = cookieJarFromCdp(cookies);

    const pageUrl = `${env.pageOrigin}${RUNNER_PATH}`;
    // A fresh document per scenario: Blink reports each deprecation once per page, and an earlier
    // scenario's would hide this one's.
    await lane.page.goto(pageUrl);
    lane.capture.reset();
    const logStart = this.server.log.length;
    const now = Date.now();
    const result = (await Promise.race([
      lane.page.evaluate((s: PageRequestSpec) => (window as unknown as { corsLensRun(x: PageRequestSpec): Promise<PageResult> }).corsLensRun(s), spec),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the page did not finish its request within 20 s')), 20_000)),
    ])) as PageResult;
    const main = await lane.capture.settle(spec.url);
    if (!main && !lane.capture.corsIssueWithoutRequest(spec.url)) {
      return { ok: false, id: scenario.id, error: `no Network events for ${spec.url}` };
    }
    const after = await lane.session.send('Network.getAllCookies');
    const serverLog: ServerLogEntry[] = this.server.log
      .slice(logStart)
      .filter((e) => e.path.startsWith(`${prefix}/`) && !e.path.includes(PLANT_NAME))
      .map((e) => ({ method: e.method, url: e.url, preflight: e.preflight, headers: e.headers }));
    const recording = buildRecording({
      scenario,
      spec,
      pageUrl,
      pageOrigin: env.pageOrigin,
      version,
      thirdPartyCookies: setting,
      cookieJar,
      cookieJarAfter: cookieJarFromCdp(after.cookies),
      now,
      result,
      captured: lane.capture.snapshot(),
      main,
      serverLog,
      labAddressSpace: (url) => this.labAddressSpace(url),
    });
    return { ok: true, recording };
  }

  async close(): Promise<void> {
    for (const b of this.browsers.values()) await (await b).close();
    this.browsers.clear();
    await this.server.close();
    await this.publicServer.close();
  }
}
