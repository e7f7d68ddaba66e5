/**
 * The value pools the random generator draws from: Access-Control-* answers good, bad and odd
 * (padding, tabs, case, duplicate lines, empty, very long, non-ASCII bytes), request methods and
 * headers, statuses, Location forms, Set-Cookie lines and extra response headers. Every draw goes
 * through the seeded `Rand`, so a seed always gives the same values.
 */
import { pick, weighted, type Rand } from '../support/prng.ts';

export type H = [string, string];

/**
 * Non-ASCII bytes as Node writes them (latin1): `é` alone is not UTF-8; `Ã©` is the UTF-8 of `é`.
 * Responses carry UTF-8 only: DevTools decodes header bytes as UTF-8 and a stray byte swallows
 * what follows it (even the line break), so the recording could not show what Chromium read.
 */
export const LATIN1_E = '\u00e9';
export const UTF8_E = '\u00c3\u00a9';

/** What an Access-Control-Allow-Origin answer is, resolved per request (`reflect` echoes Origin). */
export type AcaoKind =
  | 'absent' | 'exact' | 'exact-padded' | 'tab-padded' | 'reflect' | 'wildcard' | 'wildcard-padded' | 'null' | 'other'
  | 'slash' | 'two-lines' | 'two-wildcards' | 'same-twice' | 'empty-second-line' | 'list' | 'empty' | 'garbage'
  | 'upper' | 'no-port' | 'trailing-dot' | 'quoted' | 'long' | 'non-ascii' | 'control' | 'tab-inside' | 'reflect-padded';
export const ACAO_KINDS: [number, AcaoKind][] = [
  [6, 'exact'], [6, 'reflect'], [5, 'wildcard'], [4, 'absent'], [1, 'null'], [1, 'other'], [1, 'slash'],
  [1, 'two-lines'], [1, 'two-wildcards'], [1, 'same-twice'], [1, 'empty-second-line'], [1, 'list'], [1, 'empty'],
  [1, 'garbage'], [1, 'exact-padded'], [1, 'tab-padded'], [1, 'wildcard-padded'], [1, 'upper'], [1, 'no-port'],
  [1, 'trailing-dot'], [1, 'quoted'], [1, 'long'], [1, 'non-ascii'], [1, 'control'], [1, 'tab-inside'], [1, 'reflect-padded'],
];

export function acaoHeaders(kind: AcaoKind, pageOrigin: string, requestOrigin: string | undefined): H[] {
  const h = (v: string): H => ['Access-Control-Allow-Origin', v];
  const u = new URL(pageOrigin);
  switch (kind) {
    case 'absent': return [];
    case 'exact': return [h(pageOrigin)];
    case 'exact-padded': return [h(` ${pageOrigin} `)];
    case 'tab-padded': return [h(`\t${pageOrigin}\t`)];
    case 'reflect': return requestOrigin === undefined ? [] : [h(requestOrigin)];
    case 'reflect-padded': return requestOrigin === undefined ? [] : [h(` ${requestOrigin}\t`)];
    case 'tab-inside': return [h(`${pageOrigin},\t*`)];
    case 'wildcard': return [h('*')];
    case 'wildcard-padded': return [h('  *\t')];
    case 'null': return [h('null')];
    case 'other': return [h('https://elsewhere.site-e.test')];
    case 'slash': return [h(`${pageOrigin}/`)];
    case 'two-lines': return [h(pageOrigin), h('*')];
    case 'two-wildcards': return [h('*'), h('*')];
    case 'same-twice': return [h(pageOrigin), h(pageOrigin)];
    case 'empty-second-line': return [h(pageOrigin), h('')];
    case 'list': return [h(`${pageOrigin}, https://elsewhere.site-e.test`)];
    case 'empty': return [h('')];
    case 'garbage': return [h('not an origin')];
    case 'upper': return [h(pageOrigin.toUpperCase())];
    case 'no-port': return [h(`${u.protocol}//${u.hostname}`)];
    case 'trailing-dot': return [h(`${u.protocol}//${u.hostname}.:${u.port}`)];
    case 'quoted': return [h(`"${pageOrigin}"`)];
    case 'long': return [h(`${pageOrigin}/${'a'.repeat(3000)}`)];
    // UTF-8 bytes: DevTools decodes header bytes as UTF-8 and loses bytes that are not (see README).
    case 'non-ascii': return [h(`${u.protocol}//app.sit${UTF8_E}-a.test:${u.port}`)];
    case 'control': return [h(`${pageOrigin}\x7f\x01`)];
  }
}

export function acacValue(r: Rand): string[] {
  return weighted<string[]>(r, [
    [8, []], [8, ['true']], [1, ['TRUE']], [1, ['True']], [1, ['false']], [1, [' true ']], [1, ['\ttrue']],
    [1, ['']], [1, ['true', 'true']],
  ]);
}

export const METHODS: [number, string][] = [
  [10, 'GET'], [6, 'POST'], [2, 'HEAD'], [4, 'PUT'], [1, 'put'], [3, 'DELETE'], [1, 'Delete'], [1, 'delete'],
  [2, 'PATCH'], [1, 'patch'], [1, 'Patch'], [1, 'QUERY'], [1, 'query'], [1, 'OPTIONS'], [1, 'options'], [1, 'Get'],
  [1, 'post'], [1, 'head'],
];

/** Request headers a page might set: safelisted or not by name or value, forbidden, odd. */
export const HEADERS: [number, H][] = [
  [4, ['X-Api-Key', 'k-1']], [3, ['Authorization', 'Bearer t']], [3, ['Content-Type', 'application/json']],
  [2, ['Content-Type', 'text/plain']], [1, ['Content-Type', 'Text/Plain; charset=UTF-8']],
  [1, ['Content-Type', 'multipart/form-data; boundary=x']], [1, ['Content-Type', 'application/x-www-form-urlencoded;charset=utf-8']],
  [1, ['Content-Type', 'text/plain; x="a(b)"']], [1, ['Content-Type', 'text/plain;']], [1, ['content-type', 'TEXT/PLAIN']],
  [1, ['Content-Type', 'text/plain ; charset=utf-8']], [1, ['Content-Type', 'application/csp-report']],
  [2, ['Accept', 'application/json']], [1, ['Accept', `application/${'v'.repeat(130)}`]], [1, ['Accept', 'text/html, */*;q=0.8']],
  [1, ['Accept', 'text/"x"']], [1, ['Accept', `text/caf${LATIN1_E}`]], [1, ['Accept-Language', 'en-US,en;q=0.9']],
  [1, ['Accept-Language', 'fr_FR']], [1, ['Content-Language', 'de-DE']], [1, ['Content-Language', 'de/DE']],
  [1, ['Range', 'bytes=0-']], [1, ['Range', 'bytes=0-10']], [1, ['Range', 'bytes=10-5']], [1, ['Range', 'bytes=0-1,3-4']],
  [1, ['Range', 'bytes = 0-1']], [2, ['X-Requested-With', 'XMLHttpRequest']], [1, ['x-API-key', 'mixed']], [1, ['X-Empty', '']],
  [1, ['X-Long', 'v'.repeat(2000)]], [1, ['X-Latin1', `caf${LATIN1_E}`]], [1, ['X-Padded', '\t padded \t']], [1, ['DPR', '2.0']],
  [1, ['Save-Data', 'on']], [1, ['ECT', '5g']], [1, ['Viewport-Width', '800']], [1, ['Device-Memory', '8']],
  [1, ['Intervention', 'x']], [1, ['Cookie', 'c=1']], [1, ['User-Agent', 'ua/1']], [1, ['Sec-Custom', '1']],
  [1, ['Proxy-Thing', '1']], [1, ['X-HTTP-Method-Override', 'TRACE']], [1, ['X-HTTP-Method-Override', 'PATCH']],
  [1, ['Origin', 'http://evil.test']], [1, ['Cache-Control', 'no-cache']], [1, ['If-None-Match', '"e1"']],
];

export function acamValue(r: Rand, method: string): string[] {
  return weighted<string[]>(r, [
    [6, []], [6, [method]], [4, ['*']], [2, ['GET, POST']], [1, [method.toLowerCase()]], [1, [`${method}; GET`]],
    [1, [`,${method},,`]], [1, [`GET , ${method}`]], [1, [`GET ${method}`]], [1, [`\t${method}\t`]], [1, ['GET', method]],
    [1, ['']], [1, [method.toUpperCase()]], [1, [`${method}, *`]], [1, [`GET,\t${method}`]], [1, [`P(UT`]],
  ]);
}

export function acahValue(r: Rand, names: string[]): string[] {
  const list = names.join(', ');
  return weighted<string[]>(r, [
    [6, []], [6, [list]], [4, ['*']], [1, [names.slice(0, 1).join(', ')]], [1, [`${list}, (x)`]], [1, ['Authorization, *']],
    [1, [names.map((n) => n.toUpperCase()).join(',')]], [1, [names.join(' ')]], [1, [`\t${names.join(',\t')}\t`]],
    [1, names.length > 0 ? names : ['']], [1, ['']], [1, [`${list},`]], [1, [`${list}, authorization`]],
    [1, [[...Array.from({ length: 300 }, (_, i) => `x-filler-${i}`), ...names].join(', ')]], [1, [`*, ${list}`]],
  ]);
}

export function acehValue(r: Rand): string[] {
  return weighted<string[]>(r, [
    [6, []], [4, ['X-Request-Id']], [3, ['*']], [1, ['x-request-id, *']], [1, ['(bad)']], [1, ['X-REQUEST-ID']],
    [1, ['\tx-request-id\t']], [1, [',x-request-id,']], [1, ['x-request-id x-extra']], [1, ['x-request-id;']], [1, ['']],
    [1, ['Set-Cookie, X-Request-Id']], [1, ['X-Request-Id', 'X-Extra']], [1, ['*, x-request-id']], [1, ['x-request-id,,*']],
    [1, [`x-requ${UTF8_E}st-id, x-extra`]], [1, ['X-Extra, X-Empty, X-Utf8, X-Dup']], [1, ['x-request-id', '']],
    [1, [[...Array.from({ length: 200 }, (_, i) => `x-filler-${i}`), 'x-request-id'].join(',')]], [1, ['content-length, x-extra']],
  ]);
}

/** Extra headers on the final response, beside X-Request-Id (what the page might read). */
export function extraResponseHeaders(r: Rand): H[] {
  const pool: H[][] = [
    [['Vary', 'Origin']], [['Vary', '*']], [['Content-Language', 'en']], [['Expires', '0']],
    [['Last-Modified', 'Thu, 01 Jan 2026 00:00:00 GMT']], [['Pragma', 'no-cache']], [['X-Empty', '']], [['X-Long', 'x'.repeat(6000)]],
    [['X-Utf8', `caf${UTF8_E}`]], [['x-lower', '1']], [['X-Dup', 'a'], ['X-Dup', 'b']],
    [['Set-Cookie2', 'a=1']], [['X-Extra', 'e']], [['Content-Length', '2']],
  ];
  const n = weighted(r, [[5, 0], [3, 1], [2, 2], [1, 3]]);
  const out: H[] = [];
  for (let i = 0; i < n; i++) out.push(...pick(r, pool));
  return out;
}

/** `{site}`: the registrable domain of the host that answers; `{host}`: its name. */
export const SET_COOKIES = [
  'r_none=1; SameSite=None; Secure', 'r_lax=1; SameSite=Lax', 'r_plain=1', 'r_insecure_none=1; SameSite=None',
  '__Host-r_host=1; Secure; Path=/; SameSite=None', 'r_chip=1; Secure; SameSite=None; Partitioned; Path=/',
  '__Secure-r_bad=1; SameSite=None', 'r_strict=1; SameSite=Strict; Secure', 'r_dom=1; Domain={site}; SameSite=None; Secure',
  'r_hostdom=1; Domain={host}; SameSite=None; Secure', 'r_dotdom=1; Domain=.{site}; SameSite=None; Secure',
  'r_baddom=1; Domain=site-e.test; SameSite=None; Secure', 'r_tld=1; Domain=test; SameSite=None; Secure', 'r_exp=1; Max-Age=0',
  'r_past=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=None; Secure', 'r_http=1; HttpOnly; SameSite=None; Secure',
  'r_bogus=1; SameSite=Bogus', 'r_lower=1; samesite=none; secure', 'noequals', '=emptyname', `r_long=${'x'.repeat(4100)}`,
  `r_longattr=1; Path=/${'p'.repeat(1100)}; SameSite=None; Secure`, '__Host-r_dom=1; Secure; Path=/; Domain={site}',
  '__Host-r_nopath=1; Secure; SameSite=None', 'r_part_insecure=1; Partitioned; SameSite=None', `r_utf8=caf${UTF8_E}; SameSite=None; Secure`,
  'r_tab=a\tb; SameSite=None; Secure', 'r_sec=1; Secure; SameSite=None',
  'r_path=1; Path=/c; SameSite=None; Secure', 'r_maxage=1; Max-Age=abc; SameSite=None; Secure', 'r_quoted="q"; SameSite=None; Secure',
  '__secure-r_lowerprefix=1; SameSite=None', 'r_lax_sec=1; SameSite=Lax; Secure',
];

/** Planted first-party on a host before the request (`{site}`: that host's registrable domain). */
export const PLANTED = [
  'p_none=1; SameSite=None; Secure', 'p_lax=1; SameSite=Lax; Secure', 'p_strict=1; SameSite=Strict; Secure', 'p_plain=1; Secure',
  'p_http=1', 'p_path=1; Path=/elsewhere; SameSite=None; Secure', 'p_dom=1; Domain={site}; SameSite=None; Secure',
  'p_httponly=1; HttpOnly; SameSite=None; Secure', 'p_lax_insecure=1; SameSite=Lax', 'p_chip=1; Secure; SameSite=None; Partitioned; Path=/',
  'p_cpath=1; Path=/c; SameSite=None; Secure', '__Host-p_host=1; Secure; Path=/; SameSite=None',
];

/** Statuses of a preflight answer (`Location` added for redirects). */
export const PREFLIGHT_STATUSES: [number, number][] = [
  [12, 204], [5, 200], [1, 201], [1, 206], [1, 299], [1, 304], [1, 401], [1, 403], [1, 404], [1, 500], [1, 302], [1, 307],
];
/** Statuses of the final answer. */
export const FINAL_STATUSES: [number, number][] = [
  [14, 200], [1, 201], [1, 203], [1, 204], [1, 206], [1, 300], [1, 304], [1, 404], [1, 500], [1, 503],
];
export const REDIRECT_STATUSES: [number, number][] = [[2, 301], [3, 302], [2, 303], [2, 307], [2, 308]];
/** 3xx codes that are not redirects in Fetch, sent with a Location all the same. */
export const ODD_REDIRECT_STATUSES: [number, number][] = [[1, 300], [1, 305], [1, 306], [1, 399]];

export type LocationForm =
  | 'absolute' | 'fragment' | 'padded' | 'scheme-relative' | 'path-absolute' | 'userinfo' | 'query' | 'empty-fragment' | 'two-lines'
  | 'data' | 'ftp' | 'empty' | 'garbage' | 'backslashes' | 'upper-scheme';
export const LOCATION_FORMS: [number, LocationForm][] = [
  [16, 'absolute'], [1, 'fragment'], [1, 'padded'], [1, 'scheme-relative'], [1, 'path-absolute'], [1, 'userinfo'], [1, 'query'],
  [1, 'empty-fragment'], [1, 'two-lines'], [1, 'data'], [1, 'ftp'], [1, 'empty'], [1, 'garbage'], [1, 'backslashes'], [1, 'upper-scheme'],
];

/** The Location line(s) a redirect sends for `url`. */
export function locationValues(form: LocationForm, url: string, sameHostAndScheme: boolean): string[] {
  if (form === 'two-lines') return [url, 'https://elsewhere.site-e.test/other'];
  return [locationValue(form, url, sameHostAndScheme)];
}

function locationValue(form: Exclude<LocationForm, 'two-lines'>, url: string, sameHostAndScheme: boolean): string {
  const u = new URL(url);
  switch (form) {
    case 'absolute': return url;
    case 'empty-fragment': return `${url}#`;
    case 'data': return 'data:text/plain,hi';
    case 'ftp': return `ftp://${u.hostname}/file`;
    case 'empty': return '';
    case 'garbage': return 'http://[bad';
    case 'backslashes': return `${u.protocol}\\\\${u.host}${u.pathname.replaceAll('/', '\\')}`;
    case 'upper-scheme': return url.replace(/^https?/, (m) => m.toUpperCase());
    case 'fragment': return `${url}#frag`;
    case 'padded': return ` ${url}\t`;
    case 'scheme-relative': return url.slice(u.protocol.length);
    case 'path-absolute': return sameHostAndScheme ? u.pathname : url;
    case 'userinfo': return `${u.protocol}//user:pw@${u.host}${u.pathname}`;
    case 'query': return `${url}?q=${UTF8_E}`;
  }
}

/**
 * How a response head goes on the wire: through Node (`node`) or written raw with a quirk Node
 * would refuse or normalize (a space before the colon, an obs-fold continuation, bare LF line ends,
 * HTTP/1.0, no reason phrase, a 103 Early Hints head first).
 */
export type WireQuirk = 'node' | 'raw' | 'space-before-colon' | 'obs-fold' | 'bare-lf' | 'http10' | 'no-reason' | 'early-hints';
export const WIRE_QUIRKS: [number, WireQuirk][] = [
  [30, 'node'], [1, 'raw'], [1, 'space-before-colon'], [1, 'obs-fold'], [1, 'bare-lf'], [1, 'http10'], [1, 'no-reason'], [1, 'early-hints'],
];

/** The response head for `rawHead` (without the final CRLF; the lab server adds Content-Length). */
export function rawHead(quirk: WireQuirk, status: number, headers: H[]): string {
  const reason = status === 200 ? 'OK' : 'Status';
  const version = quirk === 'http10' ? 'HTTP/1.0' : 'HTTP/1.1';
  const statusLine = quirk === 'no-reason' ? `${version} ${status}` : `${version} ${status} ${reason}`;
  const corsIndex = headers.findIndex(([n]) => n.toLowerCase().startsWith('access-control-'));
  const lines = [['Cache-Control', 'no-store'] as H, ...headers].map(([n, v], i) => {
    if (i - 1 !== corsIndex) return `${n}: ${v}`;
    if (quirk === 'space-before-colon') return `${n} : ${v}`;
    if (quirk === 'obs-fold') return v.includes(',') ? `${n}: ${v.replace(/, */, ',\r\n ')}` : `${n}:\r\n ${v}`;
    return `${n}: ${v}`;
  });
  const eol = quirk === 'bare-lf' ? '\n' : '\r\n';
  const head = [statusLine, ...lines].join(eol);
  return quirk === 'early-hints' ? `HTTP/1.1 103 Early Hints\r\nLink: </x.css>; rel=preload\r\n\r\n${head}` : head;
}
