/** XMLHttpRequest: the same checks, Chromium's XHR wording. */
import { CROSS_SITE, defineScenarios, THIRD_SITE } from '../scenario.ts';
import { acac, acah, acam, acao, ok, preflightOk, redirect } from './helpers.ts';

export default defineScenarios('xhr', [
  {
    id: 'xhr-no-acao',
    title: 'XHR GET without Access-Control-Allow-Origin',
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'xhr-allowed',
    title: 'XHR GET allowed by the exact origin',
    routes: (e) => ({ r: ok(acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'xhr-acao-mismatch',
    title: 'XHR: Access-Control-Allow-Origin names another origin',
    routes: () => ({ r: ok(acao('https://app.site-a.test')) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'xhr-acao-multiple',
    title: 'XHR: two Access-Control-Allow-Origin values',
    routes: (e) => ({ r: ok(acao(`${e.pageOrigin}, *`)) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'xhr-acao-invalid',
    title: 'XHR: an invalid Access-Control-Allow-Origin',
    routes: () => ({ r: ok(acao('app.site-a.test')) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'xhr-wildcard-with-credentials',
    title: 'XHR withCredentials answered with *',
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'xhr-acac-missing',
    title: 'XHR withCredentials without Access-Control-Allow-Credentials',
    routes: (e) => ({ r: ok(acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'xhr-preflight-header-not-allowed',
    title: 'XHR with X-Api-Key not allowed by the preflight',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r'), headers: [['X-Api-Key', 'k']] }),
  },
  {
    id: 'xhr-preflight-missing-acao',
    title: 'XHR PUT whose preflight lacks Access-Control-Allow-Origin',
    routes: () => ({ r: { preflight: preflightOk(acam('PUT')), actual: ok() } }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r'), method: 'PUT', body: 'x' }),
  },
  {
    id: 'xhr-preflight-wildcard-credentials',
    title: 'XHR withCredentials whose preflight answers *',
    routes: (e) => ({ r: { preflight: preflightOk(acao('*'), acah('x-api-key')), actual: ok(acao(e.pageOrigin), acac()) } }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r'), headers: [['X-Api-Key', 'k']], credentials: 'include' }),
  },
  {
    id: 'xhr-preflight-invalid-status',
    title: 'XHR whose preflight is answered 500',
    routes: (e) => ({ r: { preflight: { status: 500, headers: [acao(e.pageOrigin)] }, actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r'), method: 'DELETE' }),
  },
  {
    id: 'xhr-method-lowercase-patch',
    title: 'XHR method "patch" is not normalized',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PATCH')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r'), method: 'patch', body: 'x' }),
  },
  {
    id: 'xhr-redirect-cross-origin-blocked',
    title: 'XHR redirected to another origin that allows only the page',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end'), acao(e.pageOrigin)), end: ok(acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'xhr-redirect-missing-acao',
    title: 'XHR whose redirect response lacks Access-Control-Allow-Origin',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end')), end: ok(acao('*')) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
]);
