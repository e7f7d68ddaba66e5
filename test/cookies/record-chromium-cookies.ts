/**
 * Records what Chromium itself decides about cookies — the ground truth of
 * src/cookies/chromium-156.test.ts. For each situation in cookie-cases.ts, with third-party
 * cookies allowed and then blocked, a page on the lab server makes one fetch; the recording keeps
 * the flow (Cookie, Set-Cookie, Date and Location headers only), the jar before and after
 * (`Network.getAllCookies`), and what CDP reported: `responseReceivedExtraInfo.blockedCookies`
 * per response and `requestWillBeSentExtraInfo.associatedCookies` per request.
 *
 *   npx tsx test/cookies/record-chromium-cookies.ts [--out FILE] [--only NAME] [--compare FILE]
 *
 * --out      where to write (default: src/cookies/fixtures/chromium-156.json)
 * --only     record only the situations whose name contains NAME
 * --compare  after writing, compare with FILE modulo ports, dates and times; exits 1 on a difference
 *
 * Needs /usr/bin/chromium; takes about a minute. Ports and timestamps change on every run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Protocol } from 'devtools-protocol';
import type { Browser } from 'puppeteer';
import type { Exchange, Header, Hop, StoredCookie } from '../../src/model/index.ts';
import { PageCapture, type CapturedRequest } from '../conformance/cdp-capture.ts';
import { cookieJarFromCdp } from '../conformance/jar.ts';
import { startLabServer, type LabServer } from '../lab/server.ts';
import { launchChromium } from '../support/chromium.ts';
import { cookieCases, type CookieCase, type CookieRequest } from './cookie-cases.ts';
import { fixtureDifferences } from './fixture-compare.ts';

const DEFAULT_OUT = resolve(import.meta.dirname, '../../src/cookies/fixtures/chromium-156.json');
const ABOUT =
  'Recorded from Chromium 156 (headless, lab server, test/cookies/record-chromium-cookies.ts): each case is a fetch flow with the jar before and after, and what CDP reported — responseReceivedExtraInfo.blockedCookies per response (set) and requestWillBeSentExtraInfo.associatedCookies per request (send). Headers are trimmed to Cookie, Set-Cookie, Date, Location.';
const KEPT_HEADERS = ['cookie', 'set-cookie', 'date', 'location'];

export interface RecordedCase {
  id: string;
  thirdPartyCookies: 'allowed' | 'blocked';
  now: number;
  flow: {
    id: string;
    request: { url: string; method: string; headers: Header[]; mode: 'cors'; credentials: string; initiatorType: 'fetch'; origin: string; topLevelUrl: string };
    hops: Hop[];
    inferred: [];
  };
  jarBefore: StoredCookie[];
  jarAfter: StoredCookie[];
  truth: {
    set: { hop: number; stage: 'preflight' | 'actual'; blocked: { line: string; reasons: string[] }[] }[];
    send: { hop: number; stage: 'preflight' | 'actual'; cookies: { name: string; domain: string; path: string; reasons: string[] }[] }[];
  };
}

/** CDP's ExtraInfo headers are byte strings shown as Latin-1, while blockedCookies lines are UTF-8. */
const utf8 = (s: string) => (/^[\u0000-\u00ff]*$/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s);

/** Raw CDP headers (several lines of one name joined by \n) → the kept headers, one per line. */
function kept(headers: Protocol.Network.Headers | undefined): Header[] {
  return Object.entries(headers ?? {})
    .filter(([name]) => KEPT_HEADERS.includes(name.toLowerCase()))
    .flatMap(([name, value]) => String(value).split('\n').map((v) => ({ name, value: utf8(v) })));
}

function exchange(r: CapturedRequest, i: number): Exchange {
  const sent = r.willBeSent[i]!.request;
  const res = r.extraResponses[i];
  return {
    request: { url: sent.url, method: sent.method, headers: kept(r.extraRequests[i]?.headers) },
    ...(res ? { response: { status: res.statusCode, headers: kept(res.headers) } } : {}),
  };
}

/** The cookie outcomes CDP reported, per response (set) and per request (send). */
function truthOf(main: CapturedRequest, preflight: CapturedRequest | undefined): RecordedCase['truth'] {
  const both = [main, preflight].filter((r): r is CapturedRequest => r !== undefined);
  const stage = (r: CapturedRequest) => (r === preflight ? 'preflight' : 'actual');
  return {
    set: both.flatMap((r) =>
      r.extraResponses.map((x, hop) => ({ hop, stage: stage(r), blocked: x.blockedCookies.map((b) => ({ line: b.cookieLine, reasons: b.blockedReasons })) })),
    ),
    send: both.flatMap((r) =>
      r.extraRequests.map((x, hop) => ({
        hop,
        stage: stage(r),
        cookies: x.associatedCookies.map((a) => ({ name: a.cookie.name, domain: a.cookie.domain, path: a.cookie.path, reasons: a.blockedReasons })),
      })),
    ),
  };
}

const fetchFrom = (page: import('puppeteer').Page, r: CookieRequest) =>
  page.evaluate(async (q: CookieRequest) => {
    try {
      await (await fetch(q.url, { credentials: q.credentials, method: q.method })).text();
    } catch {
      // A refused request is part of what is recorded.
    }
  }, r);

async function recordCase(browser: Browser, server: LabServer, k: CookieCase, mode: 'allowed' | 'blocked'): Promise<RecordedCase> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    const capture = await PageCapture.attach(cdp);
    const jar = async () => cookieJarFromCdp(((await cdp.send('Network.getAllCookies')) as Protocol.Network.GetAllCookiesResponse).cookies);
    k.setup(server);
    for (const url of k.jar ?? []) await page.goto(url);
    await page.goto(k.page);
    for (const r of k.pre ?? []) await fetchFrom(page, r);
    const jarBefore = await jar();
    capture.reset();
    const now = Date.now();
    await fetchFrom(page, k.req);
    const main = await capture.settle(k.req.url, { quietMs: 300 });
    if (!main) throw new Error(`${k.name}: Chromium reported no request to ${k.req.url}.`);
    const preflight = capture.preflightsOf(main.requestId)[0];
    const jarAfter = await jar();
    const hops: Hop[] = main.willBeSent.map((_, i) => ({ ...exchange(main, i), sent: true, ...(i === 0 && preflight ? { preflight: exchange(preflight, 0) } : {}) }));
    const origin = new URL(k.page).origin;
    return {
      id: `${mode}/${k.name}`,
      thirdPartyCookies: mode,
      now,
      flow: {
        id: k.name,
        request: { url: k.req.url, method: k.req.method ?? 'GET', headers: [], mode: 'cors', credentials: k.req.credentials ?? 'same-origin', initiatorType: 'fetch', origin, topLevelUrl: k.page },
        hops,
        inferred: [],
      },
      jarBefore,
      jarAfter,
      truth: truthOf(main, preflight),
    };
  } finally {
    await context.close();
  }
}

/** Long runs of one character (the oversize cases) are written as ⟦x*4100⟧ to keep the file small. */
const squeeze = (_k: string, v: unknown) => (typeof v === 'string' ? v.replace(/(.)\1{99,}/g, (m: string, ch: string) => `⟦${ch}*${m.length}⟧`) : v);

export async function recordCookieCases(only?: string): Promise<RecordedCase[]> {
  const out: RecordedCase[] = [];
  for (const mode of ['allowed', 'blocked'] as const) {
    const server = await startLabServer();
    server.page('/page', '<!doctype html><title>p</title>');
    const chromium = await launchChromium({ thirdPartyCookies: mode === 'allowed' });
    try {
      for (const k of cookieCases(server)) {
        if (only && !k.name.includes(only)) continue;
        out.push(await recordCase(chromium.browser, server, k, mode));
        process.stderr.write(`recorded ${mode}/${k.name}\n`);
      }
    } finally {
      await chromium.close();
      await server.close();
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, only: { type: 'string' }, compare: { type: 'string' } } });
  const out = resolve(values.out ?? DEFAULT_OUT);
  const cases = await recordCookieCases(values.only);
  writeFileSync(out, JSON.stringify({ about: ABOUT, cases }, squeeze));
  console.log(`${cases.length} cases written to ${out}`);
  if (values.compare) {
    const diffs = fixtureDifferences(readFileSync(resolve(values.compare), 'utf8'), readFileSync(out, 'utf8'));
    console.log(diffs.length === 0 ? `Same content as ${values.compare} (ports, dates and times aside).` : diffs.join('\n'));
    if (diffs.length) process.exitCode = 1;
  }
}
