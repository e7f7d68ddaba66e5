/**
 * Seeded random scenarios: random server answers (Access-Control-* values good and bad, preflight
 * statuses, 0–2 redirects, Set-Cookie variants) to random requests (methods in either case,
 * headers, credentials, fetch or XHR). The same seed always gives the same scenarios.
 */
import type { PageRequestSpec } from '../lab/page-runner.ts';
import type { ResponseSpec, RouteSpec } from '../lab/server.ts';
import { pick, prng, weighted, type Rand } from './prng.ts';
import { CROSS_SITE, PAGE_HOST, requestHeader, SAME_SITE, THIRD_SITE, type Scenario, type ScenarioEnv } from './scenario.ts';

type H = [string, string];

/** What an Access-Control-Allow-Origin answer is, resolved per request (`reflect` echoes Origin). */
type AcaoKind =
  | 'absent'
  | 'exact'
  | 'exact-padded'
  | 'reflect'
  | 'wildcard'
  | 'null'
  | 'other'
  | 'slash'
  | 'two-lines'
  | 'list'
  | 'empty'
  | 'garbage';
const ACAO_KINDS: [number, AcaoKind][] = [
  [3, 'exact'],
  [3, 'reflect'],
  [3, 'wildcard'],
  [2, 'absent'],
  [1, 'null'],
  [1, 'other'],
  [1, 'slash'],
  [1, 'two-lines'],
  [1, 'list'],
  [1, 'empty'],
  [1, 'garbage'],
  [1, 'exact-padded'],
];

function acaoHeaders(kind: AcaoKind, pageOrigin: string, requestOrigin: string | undefined): H[] {
  const h = (v: string): H => ['Access-Control-Allow-Origin', v];
  switch (kind) {
    case 'absent':
      return [];
    case 'exact':
      return [h(pageOrigin)];
    case 'exact-padded':
      return [h(` ${pageOrigin} `)];
    case 'reflect':
      return requestOrigin === undefined ? [] : [h(requestOrigin)];
    case 'wildcard':
      return [h('*')];
    case 'null':
      return [h('null')];
    case 'other':
      return [h('https://elsewhere.site-e.test')];
    case 'slash':
      return [h(`${pageOrigin}/`)];
    case 'two-lines':
      return [h(pageOrigin), h('*')];
    case 'list':
      return [h(`${pageOrigin}, https://elsewhere.site-e.test`)];
    case 'empty':
      return [h('')];
    case 'garbage':
      return [h('not an origin')];
  }
}

interface CorsAnswer {
  acao: AcaoKind;
  acac: string | null;
  extra: H[];
}

function corsAnswer(r: Rand): CorsAnswer {
  return {
    acao: weighted(r, ACAO_KINDS),
    acac: weighted(r, [
      [4, null],
      [4, 'true'],
      [1, 'TRUE'],
      [1, 'false'],
      [1, ' true '],
    ]),
    extra: [],
  };
}

function respond(a: CorsAnswer, pageOrigin: string, base: ResponseSpec) {
  return (req: { headers: [string, string][] }): ResponseSpec => ({
    ...base,
    headers: [
      ...acaoHeaders(a.acao, pageOrigin, requestHeader(req.headers, 'origin')),
      ...(a.acac === null ? [] : [['Access-Control-Allow-Credentials', a.acac] as H]),
      ...a.extra,
      ...(base.headers ?? []),
    ],
  });
}

const METHODS: [number, string][] = [
  [5, 'GET'],
  [3, 'POST'],
  [1, 'HEAD'],
  [2, 'PUT'],
  [1, 'put'],
  [2, 'DELETE'],
  [1, 'PATCH'],
  [1, 'patch'],
];
const HEADERS: H[] = [
  ['X-Api-Key', 'k-1'],
  ['Authorization', 'Bearer t'],
  ['Content-Type', 'application/json'],
  ['Content-Type', 'text/plain'],
  ['Accept', 'application/json'],
  ['Accept', `application/${'v'.repeat(130)}`],
  ['X-Requested-With', 'XMLHttpRequest'],
];
const PLANTED = [
  'p_none=1; SameSite=None; Secure',
  'p_lax=1; SameSite=Lax; Secure',
  'p_strict=1; SameSite=Strict; Secure',
  'p_plain=1; Secure',
  'p_http=1',
  'p_path=1; Path=/elsewhere; SameSite=None; Secure',
];
const SET_COOKIES = [
  'r_none=1; SameSite=None; Secure',
  'r_lax=1; SameSite=Lax',
  'r_plain=1',
  'r_insecure_none=1; SameSite=None',
  '__Host-r_host=1; Secure; Path=/; SameSite=None',
  'r_chip=1; Secure; SameSite=None; Partitioned; Path=/',
  '__Secure-r_bad=1; SameSite=None',
];

function acamValue(r: Rand, method: string): string | null {
  return weighted<string | null>(r, [
    [3, null],
    [3, method],
    [2, '*'],
    [1, 'GET, POST'],
    [1, method.toLowerCase()],
    [1, `${method}; GET`],
    [1, `,${method},,`],
    [1, `GET , ${method}`],
    [1, `GET ${method}`],
  ]);
}

function acahValue(r: Rand, names: string[]): string | null {
  return weighted<string | null>(r, [
    [3, null],
    [3, names.join(', ')],
    [2, '*'],
    [1, names.slice(0, 1).join(', ')],
    [1, `${names.join(', ')}, (x)`],
    [1, `Authorization, *`],
    [1, names.map((n) => n.toUpperCase()).join(',')],
    [1, names.join(' ')],
  ]);
}

/** One random scenario; `index` makes its id (and so its URLs) unique within the seed. */
export function randomScenario(seed: number, index: number): Scenario {
  const r = prng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const pageSecure = r() < 0.4;
  const targetSecure = pageSecure || r() < 0.3;
  const via = r() < 0.7 ? ('fetch' as const) : ('xhr' as const);
  const method = weighted(r, METHODS);
  const headerCount = weighted(r, [
    [4, 0],
    [3, 1],
    [1, 2],
  ]);
  const headers: H[] = [];
  for (let i = 0; i < headerCount; i++) {
    const h = pick(r, HEADERS);
    if (!headers.some(([n]) => n.toLowerCase() === h[0].toLowerCase())) headers.push(h);
  }
  const credentials = via === 'xhr' ? pick(r, [undefined, 'include'] as const) : pick(r, [undefined, 'omit', 'same-origin', 'include', 'include'] as const);
  const firstHost = weighted(r, [
    [6, CROSS_SITE],
    [3, SAME_SITE],
    [1, PAGE_HOST],
  ]);
  const redirects = weighted(r, [
    [6, 0],
    [3, 1],
    [1, 2],
  ]);
  const hosts = [firstHost];
  for (let i = 0; i < redirects; i++) hosts.push(pick(r, [CROSS_SITE, THIRD_SITE, SAME_SITE, PAGE_HOST]));
  const statuses = hosts.slice(1).map(() => pick(r, [301, 302, 303, 307, 308]));
  const answers = hosts.map(() => corsAnswer(r));
  const preflights = hosts.map(() => ({
    status: weighted(r, [
      [6, 204],
      [2, 200],
      [1, 403],
      [1, 500],
      [1, 302],
    ]),
    answer: corsAnswer(r),
    acam: acamValue(r, method),
    acah: acahValue(r, headers.map(([n]) => n)),
  }));
  const aceh = weighted<string | null>(r, [
    [3, null],
    [2, 'X-Request-Id'],
    [2, '*'],
    [1, 'x-request-id, *'],
    [1, '(bad)'],
  ]);
  const cookieCount = weighted(r, [
    [3, 0],
    [2, 1],
    [1, 2],
  ]);
  const cookies = Array.from({ length: cookieCount }, () => pick(r, SET_COOKIES)).filter((c, i, all) => all.indexOf(c) === i);
  const cookieHop = Math.floor(r() * hosts.length);
  // Cookies in the jar before the request, set first-party on the first host.
  const plantCount = weighted(r, [
    [3, 0],
    [2, 1],
    [1, 2],
  ]);
  const planted = Array.from({ length: plantCount }, () => pick(r, PLANTED)).filter((c, i, all) => all.indexOf(c) === i);
  const thirdPartyCookies = r() < 0.15 ? ('blocked' as const) : ('allowed' as const);
  const hasBody = !['GET', 'HEAD'].includes(method.toUpperCase());

  const title = `${via} ${method} ${headers.map(([n]) => n).join('+') || 'no headers'} credentials=${credentials ?? 'default'}, ${redirects} redirect(s) via ${hosts.join(' → ')}`;
  return {
    id: `random-${seed}-${index}`,
    theme: 'random',
    title,
    page: { secure: pageSecure },
    thirdPartyCookies,
    ...(planted.length > 0 ? { plant: [{ host: firstHost, secure: true, setCookies: planted }] } : {}),
    routes: (e: ScenarioEnv) => {
      const routes: Record<string, RouteSpec> = {};
      hosts.forEach((_, i) => {
        const last = i === hosts.length - 1;
        const a = answers[i]!;
        const setCookie: H[] = i === cookieHop ? cookies.map((c) => ['Set-Cookie', c] as H) : [];
        const base: ResponseSpec = last
          ? {
              status: 200,
              headers: [['Content-Type', 'text/plain'], ['X-Request-Id', `r-${i}`], ...(aceh === null ? [] : [['Access-Control-Expose-Headers', aceh] as H]), ...setCookie],
              body: 'ok',
            }
          : { status: statuses[i]!, headers: [['Location', e.at(hosts[i + 1]!, `h${i + 1}`, targetSecure)], ...setCookie] };
        const pf = preflights[i]!;
        const pfBase: ResponseSpec = {
          status: pf.status,
          headers: [
            ...(pf.acam === null ? [] : [['Access-Control-Allow-Methods', pf.acam] as H]),
            ...(pf.acah === null ? [] : [['Access-Control-Allow-Headers', pf.acah] as H]),
            ...(pf.status === 302 ? [['Location', e.at(hosts[i]!, 'login', targetSecure)] as H] : []),
          ],
        };
        // A preflight answer is static (it cannot see the request): `reflect` there means the page's origin.
        const pfAnswer: CorsAnswer = pf.answer.acao === 'reflect' ? { ...pf.answer, acao: 'exact' } : pf.answer;
        routes[`h${i}`] = { preflight: respond(pfAnswer, e.pageOrigin, pfBase)({ headers: [] }), actual: respond(a, e.pageOrigin, base) };
      });
      return routes;
    },
    request: (e: ScenarioEnv): PageRequestSpec => ({
      via,
      url: e.at(firstHost, 'h0', targetSecure),
      method,
      ...(headers.length > 0 ? { headers } : {}),
      ...(credentials ? { credentials } : {}),
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
  return JSON.stringify({ id: s.id, title: s.title, page: s.page, thirdPartyCookies: s.thirdPartyCookies, request: s.request(env), routes }, null, 2);
}
