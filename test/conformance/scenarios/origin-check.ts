/** The CORS check on a simple response: every way Access-Control-Allow-Origin / -Credentials can fail. */
import { CROSS_SITE, defineScenarios } from '../scenario.ts';
import { acac, acao, ok } from './helpers.ts';

export default defineScenarios('origin-check', [
  {
    id: 'acao-two-lines',
    title: 'Two Access-Control-Allow-Origin lines',
    routes: (e) => ({ r: ok(acao(e.pageOrigin), acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-comma-list',
    title: 'A comma-separated list of origins',
    routes: (e) => ({ r: ok(acao(`${e.pageOrigin}, http://app.site-e.test`)) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-space-list',
    title: 'A space-separated list of origins',
    routes: (e) => ({ r: ok(acao(`${e.pageOrigin} http://app.site-e.test`)) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-invalid-host-only',
    title: 'A bare host name is not an origin',
    routes: () => ({ r: ok(acao('app.site-a.test')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-garbage',
    title: 'A value that is no origin at all',
    routes: () => ({ r: ok(acao('%%garbage%%')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-empty',
    title: 'An empty Access-Control-Allow-Origin',
    routes: () => ({ r: ok(acao('')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-mismatch-other-origin',
    title: 'Another site’s origin',
    routes: () => ({ r: ok(acao('https://www.example.com')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-mismatch-port',
    title: 'The page’s host with another port',
    routes: () => ({ r: ok(acao('http://app.site-a.test:1')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-mismatch-scheme',
    title: 'https:// for an http page',
    routes: (e) => ({ r: ok(acao(e.pageOrigin.replace('http:', 'https:'))) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-trailing-slash',
    title: 'The origin with a trailing slash',
    routes: (e) => ({ r: ok(acao(`${e.pageOrigin}/`)) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-case',
    title: 'The origin in upper case',
    routes: (e) => ({ r: ok(acao(e.pageOrigin.toUpperCase())) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-null-for-real-origin',
    title: 'Access-Control-Allow-Origin: null for a page with a real origin',
    routes: () => ({ r: ok(acao('null')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-wildcard-with-credentials',
    title: '* with credentials: include',
    routes: () => ({ r: ok(acao('*'), acac()) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'acao-wildcard-with-credentials-no-acac',
    title: '* with credentials: include and no Access-Control-Allow-Credentials',
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'acao-wildcard-credentials-omit',
    title: '* with credentials: omit',
    routes: () => ({ r: ok(acao('*'), acac()) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'omit' }),
  },
  {
    id: 'acac-missing',
    title: 'Credentialed request, exact origin, no Access-Control-Allow-Credentials',
    routes: (e) => ({ r: ok(acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'acac-upper-case',
    title: 'Access-Control-Allow-Credentials: TRUE',
    routes: (e) => ({ r: ok(acao(e.pageOrigin), acac('TRUE')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'acac-false',
    title: 'Access-Control-Allow-Credentials: false',
    routes: (e) => ({ r: ok(acao(e.pageOrigin), acac('false')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'acac-true-allowed',
    title: 'Credentialed request allowed by the exact origin and Access-Control-Allow-Credentials: true',
    routes: (e) => ({ r: ok(acao(e.pageOrigin), acac(), ['Vary', 'Origin']) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'acac-ignored-without-credentials',
    title: 'Access-Control-Allow-Credentials: false does not matter without credentials',
    routes: (e) => ({ r: ok(acao(e.pageOrigin), acac('false')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'acao-mismatch-before-acac',
    title: 'Mismatched origin and missing Access-Control-Allow-Credentials: which one is reported',
    routes: () => ({ r: ok(acao('http://app.site-e.test')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'acao-raw-odd-whitespace',
    title: 'Access-Control-Allow-Origin with surrounding tabs (raw head)',
    routes: (e) => ({ r: { rawHead: `HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin:\t${e.pageOrigin}\t\r\nContent-Type: text/plain`, body: 'ok' } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
]);
