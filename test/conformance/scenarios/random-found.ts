/**
 * Disagreements the seeded random generator found (random.ts), each kept as a named scenario once
 * understood and fixed: response heads Chromium reads more leniently than a naive parser, bytes the
 * console escapes, headers a redirect drops, fragments, Opaque Response Blocking, XHR's refused
 * headers, cookies deleted on arrival.
 */
import { CROSS_SITE, defineScenarios, PAGE_HOST, SAME_SITE, THIRD_SITE } from '../scenario.ts';
import { acac, acah, acam, acao, ok, preflightOk, put, redirect, setCookie } from './helpers.ts';

/** A raw response head (Chromium parses it; Node would refuse or normalize it). */
const raw = (head: string, body = 'ok') => ({ rawHead: head, body });

export default defineScenarios('random-found', [
  {
    id: 'found-head-space-before-colon',
    title: 'A space between the header name and the colon: Chromium trims it and reads the header',
    routes: (e) => ({ r: raw(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nAccess-Control-Allow-Origin : ${e.pageOrigin}`) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-head-obs-fold',
    title: 'Access-Control-Allow-Headers folded over two lines (obs-fold): one value, joined by a space',
    routes: (e) => ({
      r: {
        preflight: { rawHead: `HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: ${e.pageOrigin}\r\nAccess-Control-Allow-Methods: PUT\r\nAccess-Control-Allow-Headers: x-a,\r\n\tx-b` },
        actual: ok(acao(e.pageOrigin)),
      },
    }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'PUT', headers: [['X-A', '1'], ['X-B', '2']], body: '{}' }),
  },
  {
    id: 'found-head-bare-lf',
    title: 'A head whose lines end in LF alone',
    routes: (e) => ({ r: raw(`HTTP/1.1 200 OK\nContent-Type: text/plain\nAccess-Control-Allow-Origin: ${e.pageOrigin}\nAccess-Control-Expose-Headers: X-Id\nX-Id: 7`) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-acao-utf8-bytes',
    title: 'Access-Control-Allow-Origin with UTF-8 bytes: the console prints each byte as \\u00XX',
    routes: () => ({ r: raw('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nAccess-Control-Allow-Origin: http://app.sit\u00e9-a.test') }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-acao-tab-inside',
    title: 'Two Access-Control-Allow-Origin values separated by a comma and a tab: the tab prints as \\u0009',
    routes: (e) => ({ r: raw(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nAccess-Control-Allow-Origin: ${e.pageOrigin},\t*`) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-acac-control-bytes',
    title: 'Access-Control-Allow-Credentials with non-ASCII and control bytes, escaped in the console',
    routes: (e) => ({ r: raw(`HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: ${e.pageOrigin}\r\nAccess-Control-Allow-Credentials: tr\u00fcE\t\x01`) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'found-xhr-refused-unsafe-headers',
    title: 'XMLHttpRequest setting forbidden headers: one "Refused to set unsafe header" line each, the rest goes through',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('x-api-key, x-http-method-override')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({
      via: 'xhr',
      url: e.at(CROSS_SITE, 'r'),
      headers: [['Cookie', 'c=1'], ['Origin', 'http://evil.test'], ['X-Api-Key', 'k'], ['Sec-Custom', '1'], ['X-HTTP-Method-Override', 'TRACE'], ['X-HTTP-Method-Override', 'PATCH']],
    }),
  },
  {
    id: 'found-no-cors-304-orb',
    title: 'no-cors answered 304 with no body: ORB cuts it (net::ERR_ABORTED), the page still gets an opaque response',
    routes: () => ({ r: { status: 304, headers: [['Content-Type', 'text/plain']] } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), mode: 'no-cors' }),
  },
  {
    id: 'found-no-cors-json-orb',
    title: 'no-cors answered with JSON: ORB blocks it (net::ERR_ABORTED, an ORB issue), the page still gets an opaque response',
    routes: () => ({ r: { status: 200, headers: [['Content-Type', 'application/json']], body: '{"a":1}' } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'POST', mode: 'no-cors', body: 'x' }),
  },
  {
    id: 'found-set-cookie-max-age-0',
    title: 'A credentialed response deletes a cookie with Max-Age=0: accepted, and the jar loses it',
    page: { secure: true },
    plant: [{ host: CROSS_SITE, secure: true, setCookies: ['gone=1; SameSite=None; Secure; Path=/'] }],
    routes: (e) => ({ r: ok(acao(e.pageOrigin), acac(), setCookie('gone=; Max-Age=0; SameSite=None; Secure; Path=/')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r', true), credentials: 'include' }),
  },
  {
    id: 'found-redirect-drops-authorization',
    title: 'A redirect to another origin drops Authorization: the next preflight asks only for x-long',
    routes: (e) => ({
      r: redirect(307, e.at(SAME_SITE, 'end')),
      end: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT'), acah('x-long')), actual: ok(acao(e.pageOrigin)) },
    }),
    request: (e) => ({ via: 'fetch', url: e.at(PAGE_HOST, 'r'), method: 'PUT', headers: [['Authorization', 'Bearer t'], ['X-Long', 'v']], body: '{}' }),
  },
  {
    id: 'found-redirect-drops-authorization-blocked',
    title: 'After a cross-origin redirect without Authorization, the preflight names the header that is left',
    routes: (e) => ({
      r: redirect(307, e.at(SAME_SITE, 'end')),
      end: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT')), actual: ok(acao(e.pageOrigin)) },
    }),
    request: (e) => ({ via: 'fetch', url: e.at(PAGE_HOST, 'r'), method: 'PUT', headers: [['Range', 'bytes=10-5'], ['Authorization', 'Bearer t'], ['X-Long', 'v']], body: '{}' }),
  },
  {
    id: 'found-header-order-blink-accept-last',
    title: "Range and X-Long both disallowed: Chromium names x-long (Blink's own Accept goes in after the page's headers)",
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'PUT', headers: [['Range', 'bytes=10-5'], ['X-Long', 'v']], body: '{}' }),
  },
  {
    id: 'found-header-order-forbidden-ignored',
    title: 'A forbidden header the page tried to set takes no place in the header order: content-type is named',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), headers: [['Sec-Custom', '1'], ['Content-Type', 'application/json'], ['Authorization', 'Bearer t']] }),
  },
  {
    id: 'found-header-order-https-client-hints',
    title: 'To an https URL Blink adds the UA client hints to its header map: the same headers are named in another order',
    page: { secure: true },
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r', true), headers: [['Content-Type', 'application/json'], ['Authorization', 'Bearer t']] }),
  },
  {
    id: 'found-cookie-preflight-and-actual-same-line',
    title: 'The preflight and the actual response set the same cookie: the preflight line is dropped, the actual one stored',
    page: { secure: true },
    routes: (e) => ({
      r: {
        preflight: { status: 204, headers: [acao(e.pageOrigin), acac(), acam('PUT'), setCookie('twice=1; SameSite=None; Secure')] },
        actual: ok(acao(e.pageOrigin), acac(), setCookie('twice=1; SameSite=None; Secure')),
      },
    }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r', true), method: 'PUT', body: '{}', credentials: 'include' }),
  },
  {
    id: 'found-300-with-location',
    title: 'A 300 with a Location is not followed: the page gets the 300',
    routes: (e) => ({ r: redirect(300, e.at(THIRD_SITE, 't'), acao('*')), t: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-empty-location',
    title: 'A 301 whose only Location is empty is not a redirect: the page gets the 301',
    routes: (e) => ({ r: redirect(301, '', acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-empty-then-real-location',
    title: 'An empty Location line, then a real one: Chromium follows the first that is not empty',
    routes: (e) => ({ r: { status: 302, headers: [['Location', ''], ['Location', e.at(CROSS_SITE, 't')], acao('*')] }, t: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-fragment-inherited',
    title: "The page's URL fragment: never sent, but printed, and a Location without one inherits it",
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 't'), acao('*')), t: ok() }),
    request: (e) => ({ via: 'fetch', url: `${e.at(CROSS_SITE, 'r')}#top` }),
  },
  {
    id: 'found-fragment-from-location',
    title: "A Location's own fragment replaces the page's in Chromium's message",
    routes: (e) => ({ r: redirect(302, `${e.at(THIRD_SITE, 't')}#x`, acao('*')), t: ok() }),
    request: (e) => ({ via: 'xhr', url: `${e.at(CROSS_SITE, 'r')}#top` }),
  },
  {
    id: 'found-acao-twice-upper-case',
    title: 'Two ACCESS-CONTROL-ALLOW-ORIGIN lines in capitals: Chromium says multiple values; Firefox counts only lines spelled Access-Control-Allow-Origin and says they do not match',
    routes: (e) => ({ r: ok(['ACCESS-CONTROL-ALLOW-ORIGIN', e.pageOrigin], ['ACCESS-CONTROL-ALLOW-ORIGIN', e.pageOrigin]) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-acao-twice-mixed-case',
    title: 'Access-Control-Allow-Origin once as spelled and once in lower case: one line to Firefox, two to Chromium',
    routes: (e) => ({ r: ok(acao(e.pageOrigin), ['access-control-allow-origin', '*']) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-preflight-acao-twice-upper-case',
    title: 'A preflight answered with two ACCESS-CONTROL-ALLOW-ORIGIN lines in capitals, credentials included',
    routes: (e) => ({
      r: {
        preflight: preflightOk(['ACCESS-CONTROL-ALLOW-ORIGIN', e.pageOrigin], ['ACCESS-CONTROL-ALLOW-ORIGIN', e.pageOrigin], acac(), acam('PUT')),
        actual: ok(acao(e.pageOrigin), acac()),
      },
    }),
    request: (e) => put(e, { credentials: 'include' }),
  },
  {
    id: 'found-same-origin-mode-non-ascii-query',
    title: 'mode: "same-origin" to another origin with é in the query: "Fetch API cannot load" prints the URL percent-encoded',
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: `${e.at(CROSS_SITE, 'r')}?q=café&r=a%20b`, mode: 'same-origin' }),
  },
  {
    id: 'found-same-origin-mode-long-url',
    title: 'mode: "same-origin" to another origin with a 2,000-character URL: the first 511 and the last 510 characters around "..."',
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: `${e.at(CROSS_SITE, 'r')}?q=${'x'.repeat(1000)}${'y'.repeat(1000)}`, mode: 'same-origin' }),
  },
  {
    id: 'found-no-cors-manual-same-origin',
    title: 'mode: "no-cors" with redirect: "manual" to the page\'s own origin: allowed, and the redirect comes back as an opaque-redirect response',
    routes: (e) => ({ r: redirect(302, e.at(CROSS_SITE, 'end')), end: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(PAGE_HOST, 'r'), mode: 'no-cors', redirect: 'manual' }),
  },
  {
    id: 'found-no-cors-error-same-origin',
    title: 'mode: "no-cors" with redirect: "error" to the page\'s own origin, which redirects: a network error, not a CORS one',
    routes: (e) => ({ r: redirect(302, e.at(PAGE_HOST, 'end')), end: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(PAGE_HOST, 'r'), mode: 'no-cors', redirect: 'error' }),
  },
  {
    id: 'found-redirect-to-data-acao-mismatch',
    title: 'A redirect to a data: URL whose Access-Control-Allow-Origin does not match: Chromium names the mismatch; Firefox refuses the data: redirect first and names nothing',
    routes: () => ({ r: redirect(302, 'data:text/plain,hi', acao('http://app.site-a.test.'), acac('TRUE')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'POST', body: 'payload', credentials: 'include' }),
  },
  {
    id: 'found-acao-then-empty-line',
    title: 'access-control-allow-origin twice, the second line empty, credentials without Allow-Credentials: Chromium reads "origin, " (multiple values); Firefox drops the empty line and names the missing Allow-Credentials',
    routes: (e) => ({ r: ok(['access-control-allow-origin', e.pageOrigin], ['access-control-allow-origin', '']) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'found-empty-line-then-acao',
    title: 'An empty access-control-allow-origin line, then the page\'s origin: Chromium blocks ", origin"; Firefox reads the origin alone and lets the response through',
    routes: (e) => ({ r: ok(['access-control-allow-origin', ''], ['access-control-allow-origin', e.pageOrigin]) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-redirect-mode-error-acao-mismatch',
    title: 'redirect: "error" and a redirect whose Access-Control-Allow-Origin does not match: both name the mismatch; Firefox adds no "did not succeed"',
    routes: (e) => ({ r: redirect(301, e.at(CROSS_SITE, 'end'), acao('https://elsewhere.site-e.test')), end: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), redirect: 'error' }),
  },
  {
    id: 'found-empty-location-acao-missing',
    title: 'A 301 with an empty Location and no Access-Control-Allow-Origin: not a redirect to Chromium; to Firefox a redirect to the same URL, so it adds "did not succeed"',
    routes: () => ({ r: { status: 301, headers: [['Location', '']] } }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'found-accept-non-ascii',
    title: 'Accept: text/café and X-A, a preflight that allows neither: Chromium names X-A (é is no CORS-unsafe byte); Firefox counts every byte above 0x7F as unsafe and names Accept',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), headers: [['Accept', 'text/café'], ['X-A', '1']] }),
  },
  {
    id: 'found-content-type-non-ascii',
    title: 'Content-Type: text/plain; charset=café — no preflight in Chromium; Firefox preflights it',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'POST', body: 'x', headers: [['Content-Type', 'text/plain; charset=café']] }),
  },
  {
    id: 'found-preflight-redirect-mismatch-mode-error',
    title: 'redirect: "error", and the preflight is redirected with a mismatched Access-Control-Allow-Origin: Firefox prints the mismatch and one "did not succeed"',
    routes: (e) => ({ r: { preflight: redirect(302, e.at(CROSS_SITE, 'login'), acao('https://elsewhere.site-e.test')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e, { redirect: 'error' }),
  },
  {
    id: 'found-preflight-redirect-mode-error',
    title: 'redirect: "error", and the preflight is redirected with a matching Access-Control-Allow-Origin',
    routes: (e) => ({ r: { preflight: redirect(302, e.at(CROSS_SITE, 'login'), acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e, { redirect: 'error' }),
  },
]);
