/** The preflight's own response: its status, redirects, and the CORS check on it; then the actual response after it. */
import { CROSS_SITE, defineScenarios, type ScenarioEnv } from '../scenario.ts';
import { acac, acam, acao, location, ok, preflightOk, put, withHeader } from './helpers.ts';

export default defineScenarios('preflight', [
  ...[301, 302, 307].map((status) => ({
    id: `preflight-status-${status}`,
    title: `Preflight answered ${status} with a Location`,
    routes: (e: ScenarioEnv) => ({
      r: { preflight: { status, headers: [acao(e.pageOrigin), acam('PUT'), location(e.at(CROSS_SITE, 'other'))] }, actual: ok(acao(e.pageOrigin)) },
      other: ok(acao(e.pageOrigin)),
    }),
    request: (e: ScenarioEnv) => put(e),
  })),
  ...[401, 403, 404, 500].map((status) => ({
    id: `preflight-status-${status}`,
    title: `Preflight answered ${status} (with good CORS headers)`,
    routes: (e: ScenarioEnv) => ({ r: { preflight: { status, headers: [acao(e.pageOrigin), acam('PUT')] }, actual: ok(acao(e.pageOrigin)) } }),
    request: (e: ScenarioEnv) => put(e),
  })),
  {
    id: 'preflight-status-200',
    title: 'Preflight answered 200 instead of 204 is fine',
    routes: (e) => ({ r: { preflight: { status: 200, headers: [acao(e.pageOrigin), acam('PUT')], body: 'ok' }, actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-403-no-acao',
    title: 'Preflight answered 403 without CORS headers (a CORS middleware refusing, or an auth layer)',
    routes: () => ({ r: { preflight: { status: 403, body: 'forbidden' }, actual: ok() } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-auth-gateway-login-redirect',
    title: 'An access proxy answers the preflight with a redirect to its login page',
    routes: (e) => ({
      r: { preflight: { status: 302, headers: [location(`${e.origin('login.site-d.test')}/login?next=1`)] }, actual: ok(acao(e.pageOrigin)) },
    }),
    request: (e) => ({ ...withHeader(e, 'Authorization', 'Bearer t'), credentials: 'include' }),
  },
  {
    id: 'preflight-missing-acao',
    title: 'Preflight without Access-Control-Allow-Origin',
    routes: (e) => ({ r: { preflight: preflightOk(acam('PUT')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-acao-mismatch',
    title: 'Preflight allows another origin',
    routes: (e) => ({ r: { preflight: preflightOk(acao('http://app.site-e.test'), acam('PUT')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-acao-multiple',
    title: 'Preflight with two Access-Control-Allow-Origin lines',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acao('*'), acam('PUT')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-acao-invalid',
    title: 'Preflight Access-Control-Allow-Origin that is not an origin',
    routes: (e) => ({ r: { preflight: preflightOk(acao('app.site-a.test'), acam('PUT')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-wildcard-origin-with-credentials',
    title: 'Preflight answers * to a credentialed request',
    routes: (e) => ({ r: { preflight: preflightOk(acao('*'), acac(), acam('PUT')), actual: ok(acao(e.pageOrigin), acac()) } }),
    request: (e) => put(e, { credentials: 'include' }),
  },
  {
    id: 'preflight-acac-missing',
    title: 'Credentialed preflight without Access-Control-Allow-Credentials',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT')), actual: ok(acao(e.pageOrigin), acac()) } }),
    request: (e) => put(e, { credentials: 'include' }),
  },
  {
    id: 'preflight-ok-actual-missing-acao',
    title: 'The preflight passes but the actual response lacks Access-Control-Allow-Origin',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT')), actual: ok() } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-ok-actual-acac-missing',
    title: 'Credentialed: the preflight passes, the actual response lacks Access-Control-Allow-Credentials',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acac(), acam('PUT')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e, { credentials: 'include' }),
  },
]);
