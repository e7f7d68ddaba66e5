/** Redirects in CORS mode: tainted origins, method rewriting, credentials in Location, limits. */
import type { ResponseSpec } from '../../lab/server.ts';
import { CROSS_SITE, defineScenarios, PAGE_HOST, THIRD_SITE, type ScenarioEnv } from '../scenario.ts';
import { acac, acah, acam, acao, ok, preflightOk, redirect } from './helpers.ts';

const postRedirect = (status: number) => ({
  id: `redirect-${status}-post`,
  title: `POST redirected with ${status} to another origin`,
  routes: (e: ScenarioEnv) => ({
    r: redirect(status, e.at(THIRD_SITE, 'end'), acao('*')),
    end: ok(acao('*')),
  }),
  request: (e: ScenarioEnv) => ({
    via: 'fetch' as const,
    url: e.at(CROSS_SITE, 'r'),
    method: 'POST',
    headers: [['Content-Type', 'text/plain'] as [string, string]],
    body: 'payload',
  }),
});

/** Answers a redirect to the same path with ?n+1, `total` times, then 200. */
const loop =
  (e: ScenarioEnv, total: number) =>
  (req: { url: string }): ResponseSpec => {
    const n = Number(new URL(req.url).searchParams.get('n') ?? '0');
    return n < total ? redirect(302, `${e.at(CROSS_SITE, 'loop')}?n=${n + 1}`, acao('*')) : ok(acao('*'));
  };

export default defineScenarios('redirects', [
  {
    id: 'redirect-same-origin-hop-allowed',
    title: 'Redirect within the API’s origin keeps the page’s Origin',
    routes: (e) => ({ r: redirect(302, e.at(CROSS_SITE, 'end'), acao(e.pageOrigin)), end: ok(acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'redirect-cross-origin-exact-origin-blocked',
    title: 'After a cross-origin redirect Origin is null; the exact page origin no longer matches',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end'), acao(e.pageOrigin)), end: ok(acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'redirect-cross-origin-null-allowed',
    title: 'After a cross-origin redirect, Access-Control-Allow-Origin: null passes',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end'), acao(e.pageOrigin)), end: ok(acao('null')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'redirect-cross-origin-wildcard-allowed',
    title: 'After a cross-origin redirect, * passes',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end'), acao('*')), end: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'redirect-response-missing-acao',
    title: 'The redirect response itself lacks Access-Control-Allow-Origin',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end')), end: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'redirect-second-hop-missing-acao',
    title: 'The redirect passes, the final response lacks Access-Control-Allow-Origin',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end'), acao('*')), end: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'redirect-null-origin-credentials',
    title: 'Credentialed, redirected cross-origin: null + Access-Control-Allow-Credentials passes',
    routes: (e) => ({
      r: redirect(302, e.at(THIRD_SITE, 'end'), acao(e.pageOrigin), acac()),
      end: ok(acao('null'), acac()),
    }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'redirect-same-origin-page-to-cross-origin',
    title: 'A same-origin URL redirects to another origin: the request becomes CORS',
    routes: (e) => ({ r: redirect(302, e.at(CROSS_SITE, 'end')), end: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(PAGE_HOST, 'r') }),
  },
  {
    id: 'redirect-same-origin-page-to-cross-origin-allowed',
    title: 'A same-origin URL redirects to another origin that allows the page',
    routes: (e) => ({ r: redirect(302, e.at(CROSS_SITE, 'end')), end: ok(acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'fetch', url: e.at(PAGE_HOST, 'r') }),
  },
  {
    id: 'redirect-relative-location',
    title: 'A relative Location stays on the API’s origin',
    routes: (e) => ({ r: redirect(302, 'end?x=1', acao(e.pageOrigin)), end: ok(acao(e.pageOrigin)) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  ...[301, 302, 303, 307, 308].map(postRedirect),
  {
    id: 'redirect-303-put-becomes-get',
    title: 'A preflighted PUT answered 303: the next hop is a GET without preflight',
    routes: (e) => ({
      r: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT')), actual: redirect(303, e.at(THIRD_SITE, 'end'), acao(e.pageOrigin)) },
      end: ok(acao('*')),
    }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'PUT', body: 'x' }),
  },
  {
    id: 'redirect-307-put-preflighted-again',
    title: 'A preflighted PUT redirected with 307 to another origin is preflighted again (Origin null)',
    routes: (e) => ({
      r: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT')), actual: redirect(307, e.at(THIRD_SITE, 'end'), acao(e.pageOrigin)) },
      end: { preflight: preflightOk(acao('null'), acam('PUT')), actual: ok(acao('null')) },
    }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'PUT', body: 'x' }),
  },
  {
    id: 'redirect-307-second-preflight-fails',
    title: 'The second preflight (after a 307 to another origin) lacks Access-Control-Allow-Origin',
    routes: (e) => ({
      r: { preflight: preflightOk(acao(e.pageOrigin), acah('x-api-key')), actual: redirect(307, e.at(THIRD_SITE, 'end'), acao(e.pageOrigin)) },
      end: { preflight: preflightOk(acah('x-api-key')), actual: ok(acao('*')) },
    }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), headers: [['X-Api-Key', 'k']] }),
  },
  {
    id: 'redirect-credentials-in-location',
    title: 'A redirect to a URL with user:password',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end').replace('://', '://user:secret@'), acao('*')), end: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'redirect-to-data-url',
    title: 'A redirect to a data: URL',
    routes: () => ({ r: redirect(302, 'data:text/plain,hello', acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'redirect-to-ftp-url',
    title: 'A redirect to an ftp: URL',
    routes: () => ({ r: redirect(302, 'ftp://files.site-c.test/x', acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'redirect-too-many',
    title: '21 redirects: Chromium gives up (not a CORS error)',
    routes: (e) => ({ loop: { actual: loop(e, 21) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'loop') }),
  },
  {
    id: 'redirect-twenty-allowed',
    title: '20 redirects are still followed',
    routes: (e) => ({ loop: { actual: loop(e, 20) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'loop') }),
  },
  {
    id: 'redirect-mode-error',
    title: 'fetch with redirect: "error" meets a redirect',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end'), acao('*')), end: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), redirect: 'error' }),
  },
  {
    id: 'redirect-mode-manual-redirect-fails-cors',
    title: 'redirect: "manual", and the redirect response lacks Access-Control-Allow-Origin',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end')), end: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), redirect: 'manual' }),
  },
  {
    id: 'redirect-mode-manual',
    title: 'fetch with redirect: "manual" gets an opaque-redirect response',
    routes: (e) => ({ r: redirect(302, e.at(THIRD_SITE, 'end'), acao('*')), end: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), redirect: 'manual' }),
  },
]);
