/** Simple requests (no preflight): the CORS check on the one response. */
import { CROSS_SITE, defineScenarios, PAGE_HOST, SAME_SITE } from '../scenario.ts';
import { acao, ok } from './helpers.ts';

export default defineScenarios('simple', [
  {
    id: 'simple-get-no-acao',
    title: 'Simple GET, no Access-Control-Allow-Origin',
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'simple-get-exact-origin',
    title: 'Simple GET allowed by the exact origin',
    routes: (e) => ({ r: ok(acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'simple-get-wildcard',
    title: 'Simple GET allowed by *',
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'simple-post-text-plain',
    title: 'POST with Content-Type text/plain is not preflighted',
    routes: (e) => ({ r: ok(acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'POST', headers: [['Content-Type', 'text/plain;charset=UTF-8']], body: 'hi' }),
  },
  {
    id: 'simple-post-form-urlencoded-no-acao',
    title: 'Form-encoded POST without Access-Control-Allow-Origin',
    routes: () => ({ r: ok() }),
    request: (e) => ({
      via: 'fetch',
      url: e.at(CROSS_SITE, 'r'),
      method: 'POST',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: 'a=1',
    }),
  },
  {
    id: 'simple-head-wildcard',
    title: 'HEAD is a safelisted method',
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'HEAD' }),
  },
  {
    id: 'simple-404-with-acao',
    title: 'A 404 with a good Access-Control-Allow-Origin is readable',
    routes: (e) => ({ r: { status: 404, headers: [acao(e.pageOrigin)], body: 'nope' } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'simple-500-no-acao',
    title: 'A 500 without Access-Control-Allow-Origin is blocked, not a server error to the page',
    routes: () => ({ r: { status: 500, body: 'boom' } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'simple-same-origin',
    title: 'Same-origin GET: CORS does not apply',
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(PAGE_HOST, 'r') }),
  },
  {
    id: 'simple-same-origin-put',
    title: 'Same-origin PUT with a custom header: no preflight, no CORS check',
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(PAGE_HOST, 'r'), method: 'PUT', headers: [['X-Custom', '1']], body: '{}' }),
  },
  {
    id: 'simple-same-site-no-acao',
    title: 'Same-site but cross-origin (api.site-a.test) still needs Access-Control-Allow-Origin',
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(SAME_SITE, 'r') }),
  },
  {
    id: 'simple-safelisted-headers',
    title: 'Accept, Accept-Language, Content-Language with safe values stay simple',
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({
      via: 'fetch',
      url: e.at(CROSS_SITE, 'r'),
      headers: [
        ['Accept', 'application/json'],
        ['Accept-Language', 'en-US,en;q=0.9'],
        ['Content-Language', 'de-DE'],
      ],
    }),
  },
  {
    id: 'simple-range-header',
    title: 'A simple Range header (bytes=0-10) is safelisted',
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), headers: [['Range', 'bytes=0-10']] }),
  },
  {
    id: 'simple-https-page-https-api-no-acao',
    title: 'HTTPS page to an HTTPS API without Access-Control-Allow-Origin',
    page: { secure: true },
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r', true) }),
  },
]);
