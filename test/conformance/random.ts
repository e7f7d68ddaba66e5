/**
 * Seeded random scenarios: random server answers to random requests, drawn from random-pools.ts —
 * Access-Control-* values good, bad and odd (padding, tabs, case, duplicate lines, empty, very long,
 * non-ASCII), preflight and final statuses (1xx before the head, 2xx, 3xx without Location, 304, 4xx,
 * 5xx), 0–3 redirects across sites and schemes with a preflight at each hop, Location forms,
 * Set-Cookie lines (Secure, Domain, prefixes, Partitioned, oversized, non-ASCII) on any hop or
 * preflight, cookies planted first, raw response heads with wire quirks, and requests by fetch or XHR
 * with methods in any case, safelisted/unsafe/forbidden/duplicate headers, every credentials mode,
 * and now and then no-cors, same-origin, `redirect: manual|error`. The same seed always gives the
 * same scenarios.
 */
import type { PageRequestSpec } from '../lab/page-runner.ts';
import type { ResponseSpec, RouteSpec } from '../lab/server.ts';
import { pick, prng, weighted, type Rand } from '../support/prng.ts';
import {
  ACAO_KINDS, acacValue, acahValue, acamValue, acaoHeaders, acehValue, extraResponseHeaders, FINAL_STATUSES, HEADERS,
  LOCATION_FORMS, locationValues, METHODS, ODD_REDIRECT_STATUSES, PLANTED, PREFLIGHT_STATUSES, rawHead, REDIRECT_STATUSES, SET_COOKIES, WIRE_QUIRKS,
  type AcaoKind, type H, type LocationForm, type WireQuirk,
} from './random-pools.ts';
import { CROSS_SITE, PAGE_HOST, requestHeader, SAME_SITE, THIRD_SITE, type PlantSpec, type Scenario, type ScenarioEnv } from './scenario.ts';

interface CorsAnswer {
  acao: AcaoKind;
  acac: string[];
  wire: WireQuirk;
  /** How the header names are written: as usual, all lower case, all upper case. */
  names: 'as-is' | 'lower' | 'upper';
}

/**
 * Draws the scenario's values. Half the scenarios get a server that means to pass (answers a careful
 * server sends, some with harmless oddities), and most of those one field drawn from the full
 * pools — the boundary where an evaluator goes wrong; the other half draw every field at random.
 */
class Draw {
  private field = 0;
  constructor(
    readonly r: Rand,
    private readonly random: boolean,
    private readonly mutated: number,
  ) {}
  /** The next field: `good` for a careful server, `any` otherwise (or when this is the mutated field). */
  pick<T>(good: () => T, any: () => T): T {
    const useAny = this.random || this.field === this.mutated;
    this.field++;
    return useAny ? any() : good();
  }
}

function corsAnswer(d: Draw, include: boolean): CorsAnswer {
  const r = d.r;
  return {
    acao: d.pick<AcaoKind>(
      () => weighted(r, include ? [[6, 'reflect'], [1, 'reflect-padded']] : [[3, 'reflect'], [3, 'wildcard'], [1, 'wildcard-padded'], [1, 'reflect-padded']]),
      () => weighted(r, ACAO_KINDS),
    ),
    acac: d.pick(
      () => (include ? weighted<string[]>(r, [[5, ['true']], [1, [' true ']], [1, ['\ttrue']]]) : weighted<string[]>(r, [[3, []], [1, ['true']]])),
      () => acacValue(r),
    ),
    wire: weighted(r, WIRE_QUIRKS),
    names: weighted(r, [[10, 'as-is'], [1, 'lower'], [1, 'upper']] as const),
  };
}

/** The answer as a ResponseSpec for a request with this Origin (written raw when the answer has a wire quirk). */
function answer(a: CorsAnswer, pageOrigin: string, base: { status: number; headers: H[]; body?: string }, requestOrigin: string | undefined): ResponseSpec {
  const cased = (n: string) => (a.names === 'lower' ? n.toLowerCase() : a.names === 'upper' ? n.toUpperCase() : n);
  const headers: H[] = [
    ...acaoHeaders(a.acao, pageOrigin, requestOrigin),
    ...a.acac.map((v): H => ['Access-Control-Allow-Credentials', v]),
    ...base.headers,
  ].map(([n, v]): H => [cased(n), v]);
  const body = base.body ?? '';
  // Node refuses control characters in header values: such a head goes on the wire raw.
  // eslint-disable-next-line no-control-regex
  const wire = a.wire === 'node' && headers.some(([, v]) => /[\x00-\x08\x0a-\x1f\x7f]/.test(v)) ? 'raw' : a.wire;
  if (wire === 'node') return { status: base.status, headers, body };
  return { rawHead: rawHead(wire, base.status, headers), body: [204, 304].includes(base.status) ? '' : body };
}

/** Fetch "normalize a method". */
const normalize = (m: string) => (['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(m.toUpperCase()) ? m.toUpperCase() : m);
const siteOfHost = (host: string) => host.split('.').slice(-2).join('.');
const cookieLine = (line: string, host: string) => line.replaceAll('{site}', siteOfHost(host)).replaceAll('{host}', host);

function distinct<T>(xs: T[]): T[] {
  return xs.filter((x, i) => xs.indexOf(x) === i);
}

/** One random scenario; `index` makes its id (and so its URLs) unique within the seed. */
export function randomScenario(seed: number, index: number): Scenario {
  const r = prng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const pageSecure = r() < 0.4;
  const via = r() < 0.65 ? ('fetch' as const) : ('xhr' as const);
  const method = weighted(r, METHODS);
  const headerCount = weighted(r, [[4, 0], [3, 1], [2, 2], [1, 3]]);
  const headers: H[] = [];
  for (let i = 0; i < headerCount; i++) {
    const h = weighted(r, HEADERS);
    // Now and then the same name twice: the browser combines the values.
    if (!headers.some(([n]) => n.toLowerCase() === h[0].toLowerCase()) || r() < 0.3) headers.push(h);
  }
  const credentials = via === 'xhr' ? pick(r, [undefined, 'include'] as const) : pick(r, [undefined, 'omit', 'same-origin', 'include', 'include'] as const);
  const include = credentials === 'include';
  let mode = via === 'fetch' ? weighted(r, [[30, undefined], [2, 'no-cors'], [1, 'same-origin'], [1, 'cors']] as const) : undefined;
  // fetch() throws before any request for a no-cors request with another method.
  if (mode === 'no-cors' && !['GET', 'HEAD', 'POST'].includes(normalize(method))) mode = undefined;
  const redirectMode = via === 'fetch' ? weighted(r, [[30, undefined], [1, 'manual'], [1, 'error'], [1, 'follow']] as const) : undefined;

  const firstHost = weighted(r, [[6, CROSS_SITE], [3, SAME_SITE], [1, PAGE_HOST]]);
  const redirects = weighted(r, [[10, 0], [5, 1], [2, 2], [1, 3]]);
  const hosts = [firstHost];
  for (let i = 0; i < redirects; i++) hosts.push(pick(r, [CROSS_SITE, THIRD_SITE, SAME_SITE, PAGE_HOST]));
  // Per hop scheme; an https page stays on https (mixed content is not CORS).
  const secure: boolean[] = [];
  for (let i = 0; i < hosts.length; i++) secure.push(pageSecure || (i === 0 ? r() < 0.3 : r() < 0.8 ? secure[i - 1]! : !secure[i - 1]));
  // The Origin each hop carries: the page's, or `null` once a redirect left a cross-origin URL for another origin (Fetch §4.4 step 12).
  const originOf = (i: number) => `${secure[i] ? 'https' : 'http'}://${hosts[i]}`;

  const d = new Draw(r, r() < 0.5, r() < 0.75 ? Math.floor(r() * (6 * hosts.length + 2)) : -1);
  const statuses = hosts.slice(1).map(() =>
    d.pick(() => weighted(r, REDIRECT_STATUSES), () => (r() < 0.9 ? weighted(r, REDIRECT_STATUSES) : weighted(r, ODD_REDIRECT_STATUSES))),
  );
  const locationForms = hosts.slice(1).map(() => d.pick<LocationForm>(() => 'absolute', () => weighted(r, LOCATION_FORMS)));
  const answers = hosts.map(() => corsAnswer(d, include));
  const finalStatus = d.pick(() => weighted(r, [[6, 200], [1, 201], [1, 204], [1, 404]]), () => weighted(r, FINAL_STATUSES));
  const finalExtra = extraResponseHeaders(r);
  const aceh = acehValue(r);
  const names = distinct(headers.map(([n]) => n));
  const preflights = hosts.map(() => ({
    status: d.pick(() => weighted(r, [[4, 204], [3, 200], [1, 201], [1, 299]]), () => weighted(r, PREFLIGHT_STATUSES)),
    answer: corsAnswer(d, include),
    acam: d.pick(
      () => weighted<string[]>(r, [[4, [normalize(method)]], [1, [`GET, ${normalize(method)}`]], [1, [`\t${normalize(method)}`]], [include ? 0 : 2, ['*']]]),
      () => acamValue(r, method),
    ),
    acah: d.pick(
      () => (names.length === 0 ? [] : weighted<string[]>(r, [[4, [names.join(', ')]], [1, [names.map((n) => n.toUpperCase()).join(',')]], [include ? 0 : 2, ['*']]])),
      () => acahValue(r, names),
    ),
    maxAge: weighted<string[]>(r, [[8, []], [1, ['600']], [1, ['-1']], [1, ['abc']]]),
    setCookie: r() < 0.08 ? [pick(r, SET_COOKIES)] : [],
  }));
  const cookieCount = weighted(r, [[3, 0], [2, 1], [1, 2], [1, 3]]);
  const cookies = distinct(Array.from({ length: cookieCount }, () => pick(r, SET_COOKIES)));
  const cookieHop = Math.floor(r() * hosts.length);
  // Cookies in the jar before the request, set first-party on one of the flow's hosts.
  const plantCount = weighted(r, [[3, 0], [2, 1], [1, 2], [1, 3]]);
  const planted = distinct(Array.from({ length: plantCount }, () => pick(r, PLANTED)));
  const plantHost = pick(r, hosts);
  const plantSecure = r() < 0.85;
  const thirdPartyCookies = r() < 0.15 ? ('blocked' as const) : ('allowed' as const);
  // The page's URL may carry a fragment: it never goes on the wire, yet Chromium prints it.
  const fragment = r() < 0.06 ? '#top' : '';
  const query = weighted(r, [[30, ''], [1, `?q=${'x'.repeat(2000)}`], [1, '?q=caf\u00e9&r=a%20b']]);
  // Now and then a page in the public address space: every lab server is loopback to it (Local Network Access).
  const publicPage = r() < 0.04;
  // (A public page is served on other ports: no lab host is its origin.)
  const pageKey = publicPage ? null : `${pageSecure ? 'https' : 'http'}://${PAGE_HOST}`;
  const nullOrigin: boolean[] = [false];
  for (let i = 1; i < hosts.length; i++) nullOrigin.push(nullOrigin[i - 1]! || (originOf(i) !== originOf(i - 1) && originOf(i - 1) !== pageKey));
  const hasBody = !['GET', 'HEAD'].includes(normalize(method));

  const options = [mode && `mode=${mode}`, redirectMode && `redirect=${redirectMode}`].filter(Boolean).join(' ');
  const title = `${via} ${method} ${headers.map(([n]) => n).join('+') || 'no headers'} credentials=${credentials ?? 'default'}${options ? ` ${options}` : ''}, ${redirects} redirect(s) via ${hosts.map((h, i) => `${secure[i] ? 'https' : 'http'}:${h}`).join(' → ')}`;
  const plant: PlantSpec[] = planted.length > 0 ? [{ host: plantHost, secure: plantSecure, setCookies: planted.map((c) => cookieLine(c, plantHost)) }] : [];
  return {
    id: `random-${seed}-${index}`,
    theme: 'random',
    title,
    page: { secure: pageSecure, ...(publicPage ? { addressSpace: 'public' as const } : {}) },
    thirdPartyCookies,
    ...(plant.length > 0 ? { plant } : {}),
    routes: (e: ScenarioEnv) => {
      const routes: Record<string, RouteSpec> = {};
      hosts.forEach((host, i) => {
        const last = i === hosts.length - 1;
        const setCookie: H[] = i === cookieHop ? cookies.map((c): H => ['Set-Cookie', cookieLine(c, host)]) : [];
        let base: { status: number; headers: H[]; body?: string };
        if (last) {
          base = {
            status: finalStatus,
            headers: [['Content-Type', 'text/plain'], ['X-Request-Id', `r-${i}`], ...finalExtra, ...aceh.map((v): H => ['Access-Control-Expose-Headers', v]), ...setCookie],
            body: 'ok',
          };
        } else {
          const target = e.at(hosts[i + 1]!, `h${i + 1}`, secure[i + 1]);
          const sameHostAndScheme = hosts[i + 1] === host && secure[i + 1] === secure[i];
          const locations = locationValues(locationForms[i]!, target, sameHostAndScheme).map((v): H => ['Location', v]);
          base = { status: statuses[i]!, headers: [...locations, ...setCookie] };
        }
        const pf = preflights[i]!;
        const pfRedirect = pf.status === 302 || pf.status === 307;
        const pfBase = {
          status: pf.status,
          headers: [
            ...pf.acam.map((v): H => ['Access-Control-Allow-Methods', v]),
            ...pf.acah.map((v): H => ['Access-Control-Allow-Headers', v]),
            ...pf.maxAge.map((v): H => ['Access-Control-Max-Age', v]),
            ...pf.setCookie.map((c): H => ['Set-Cookie', cookieLine(c, host)]),
            ...(pfRedirect ? [['Location', e.at(host, 'login', secure[i])] as H] : []),
          ],
        };
        // A preflight answer is static (it cannot see the request): `reflect` there echoes the Origin this hop carries.
        const a = answers[i]!;
        routes[`h${i}`] = {
          preflight: answer(pf.answer, e.pageOrigin, pfBase, nullOrigin[i] ? 'null' : e.pageOrigin),
          actual: (req) => answer(a, e.pageOrigin, base, requestHeader(req.headers, 'origin')),
        };
      });
      return routes;
    },
    request: (e: ScenarioEnv): PageRequestSpec => ({
      via,
      url: `${e.at(firstHost, 'h0', secure[0])}${query}${fragment}`,
      method,
      ...(headers.length > 0 ? { headers } : {}),
      ...(credentials ? { credentials } : {}),
      ...(mode ? { mode } : {}),
      ...(redirectMode ? { redirect: redirectMode } : {}),
      ...(hasBody ? { body: 'payload' } : {}),
    }),
  };
}

export function randomScenarios(seed: number, n: number): Scenario[] {
  return Array.from({ length: n }, (_, i) => randomScenario(seed, i));
}

/** The scenario as data, for a failure report: request and every route's answers. */
export function describeScenario(s: Scenario, env: ScenarioEnv): string {
  const routes = Object.fromEntries(
    Object.entries(s.routes(env)).map(([name, spec]) => {
      const route = 'actual' in spec ? spec : { actual: spec };
      const actual = typeof route.actual === 'function' ? route.actual({ headers: [['Origin', '<Origin>']] } as never) : route.actual;
      return [name, { preflight: route.preflight, actual }];
    }),
  );
  return JSON.stringify({ id: s.id, title: s.title, page: s.page, thirdPartyCookies: s.thirdPartyCookies, plant: s.plant, request: s.request(env), routes }, null, 2);
}
