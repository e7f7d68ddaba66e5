/** Preflighted requests: why a request is preflighted, and each way a preflight can fail or pass. */
import type { PageRequestSpec } from '../../lab/page-runner.ts';
import { CROSS_SITE, defineScenarios, type ScenarioEnv } from '../scenario.ts';
import { acac, acah, acam, acao, ok, preflightOk, put, withHeader } from './helpers.ts';

export default defineScenarios('preflight', [
  {
    id: 'preflight-put-allowed',
    title: 'PUT allowed by Access-Control-Allow-Methods',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('GET, PUT')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-delete-not-allowed',
    title: 'DELETE not in Access-Control-Allow-Methods',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('GET, POST')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'DELETE' }),
  },
  {
    id: 'preflight-put-no-acam',
    title: 'PUT with a preflight that allows the origin but names no methods',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-custom-header-allowed',
    title: 'X-Api-Key listed in Access-Control-Allow-Headers',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('X-Api-Key')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => withHeader(e, 'X-Api-Key', 'k1'),
  },
  {
    id: 'preflight-custom-header-not-allowed',
    title: 'X-Api-Key not listed in Access-Control-Allow-Headers',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('X-Other')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => withHeader(e, 'X-Api-Key', 'k1'),
  },
  {
    id: 'preflight-two-headers-one-missing',
    title: 'Two custom headers, only one allowed: Chromium names the first missing one',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('x-b')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({
      via: 'fetch',
      url: e.at(CROSS_SITE, 'r'),
      headers: [
        ['X-B', '1'],
        ['X-A', '2'],
      ],
    }),
  },
  ...(
    [
      ['two-custom', [['X-B', '1'], ['X-A', '2']]],
      ['authorization-then-custom', [['Authorization', 'Bearer t'], ['X-Api-Key', 'k']]],
      ['custom-then-authorization', [['X-Api-Key', 'k'], ['Authorization', 'Bearer t']]],
      ['long-accept-then-authorization', [['Accept', `application/${'v'.repeat(130)}`], ['Authorization', 'Bearer t']]],
      ['json-content-type-then-custom', [['Content-Type', 'application/json'], ['X-Api-Key', 'k']]],
      ['custom-then-json-content-type', [['X-Api-Key', 'k'], ['Content-Type', 'application/json']]],
      ['long-accept-then-custom', [['Accept', `application/${'v'.repeat(130)}`], ['X-Api-Key', 'k']]],
      ['unsafe-byte-accept-then-authorization', [['Accept', 'application/json (v2)'], ['Authorization', 'Bearer t']]],
      ['long-content-language-then-custom', [['Content-Language', `${'de,'.repeat(60)}en`], ['X-Api-Key', 'k']]],
      ['json-content-type-then-authorization', [['Content-Type', 'application/json'], ['Authorization', 'Bearer t']]],
    ] as [string, [string, string][]][]
  ).map(([name, headers]) => ({
    id: `preflight-first-disallowed-${name}`,
    title: `Which disallowed header Chromium names: ${headers.map(([n]) => n).join(' then ')}, none allowed`,
    routes: (e: ScenarioEnv) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e: ScenarioEnv): PageRequestSpec => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'PUT', headers, body: 'x' }),
  })),
  {
    id: 'preflight-json-content-type',
    title: 'Content-Type application/json needs Access-Control-Allow-Headers: Content-Type',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'POST', headers: [['Content-Type', 'application/json']], body: '{}' }),
  },
  {
    id: 'preflight-json-content-type-allowed',
    title: 'Content-Type application/json allowed',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('content-type')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'POST', headers: [['Content-Type', 'application/json']], body: '{}' }),
  },
  {
    id: 'preflight-long-accept',
    title: 'An Accept value over 128 bytes is no longer safelisted',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => withHeader(e, 'Accept', `application/${'x'.repeat(130)}`),
  },
  {
    id: 'preflight-accept-unsafe-byte',
    title: 'An Accept value with a CORS-unsafe byte ("(") is preflighted',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => withHeader(e, 'Accept', 'application/json (v2)'),
  },
  {
    id: 'preflight-content-language-slash',
    title: 'Content-Language with "/" is not safelisted',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin)), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => withHeader(e, 'Content-Language', 'en/US'),
  },
  {
    id: 'preflight-content-type-unsafe-byte-allowed',
    title: 'text/plain with an unsafe byte is preflighted; allowed when listed',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('Content-Type')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'POST', headers: [['Content-Type', 'text/plain; x="y"']], body: 'a' }),
  },
  {
    id: 'preflight-authorization-listed',
    title: 'Authorization listed explicitly',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('Authorization')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => withHeader(e, 'Authorization', 'Bearer abc'),
  },
  {
    id: 'preflight-authorization-under-wildcard',
    title: 'Authorization with Access-Control-Allow-Headers: * (no credentials)',
    routes: () => ({ r: { preflight: preflightOk(acao('*'), acah('*')), actual: ok(acao('*')) } }),
    request: (e) => withHeader(e, 'Authorization', 'Bearer abc'),
  },
  {
    id: 'preflight-authorization-and-custom-under-wildcard',
    title: 'Authorization and X-Api-Key with Access-Control-Allow-Headers: *',
    routes: () => ({ r: { preflight: preflightOk(acao('*'), acah('*')), actual: ok(acao('*')) } }),
    request: (e) => ({
      via: 'fetch',
      url: e.at(CROSS_SITE, 'r'),
      headers: [
        ['Authorization', 'Bearer abc'],
        ['X-Api-Key', 'k'],
      ],
    }),
  },
  {
    id: 'preflight-authorization-under-wildcard-actual-blocked',
    title: 'Authorization under Access-Control-Allow-Headers: *, then the actual response fails the CORS check',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('*')), actual: ok(acao('')) } }),
    request: (e) => withHeader(e, 'Authorization', 'Bearer abc'),
  },
  {
    id: 'preflight-authorization-and-long-accept-under-wildcard',
    title: 'Authorization and a long Accept under Access-Control-Allow-Headers: *',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('*')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({
      via: 'fetch',
      url: e.at(CROSS_SITE, 'r'),
      headers: [
        ['Accept', `application/${'v'.repeat(130)}`],
        ['Authorization', 'Bearer abc'],
      ],
    }),
  },
  {
    id: 'preflight-wildcard-headers-no-credentials',
    title: 'Access-Control-Allow-Headers: * covers X-Api-Key without credentials',
    routes: () => ({ r: { preflight: preflightOk(acao('*'), acah('*')), actual: ok(acao('*')) } }),
    request: (e) => withHeader(e, 'X-Api-Key', 'k'),
  },
  {
    id: 'preflight-wildcard-headers-with-credentials',
    title: 'Access-Control-Allow-Headers: * is literal with credentials',
    routes: (e) => ({
      r: { preflight: preflightOk(acao(e.pageOrigin), acac(), acah('*')), actual: ok(acao(e.pageOrigin), acac()) },
    }),
    request: (e) => ({ ...withHeader(e, 'X-Api-Key', 'k'), credentials: 'include' }),
  },
  {
    id: 'preflight-wildcard-methods-no-credentials',
    title: 'Access-Control-Allow-Methods: * covers PUT without credentials',
    routes: () => ({ r: { preflight: preflightOk(acao('*'), acam('*')), actual: ok(acao('*')) } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-wildcard-methods-with-credentials',
    title: 'Access-Control-Allow-Methods: * is literal with credentials',
    routes: (e) => ({
      r: { preflight: preflightOk(acao(e.pageOrigin), acac(), acam('*')), actual: ok(acao(e.pageOrigin), acac()) },
    }),
    request: (e) => put(e, { credentials: 'include' }),
  },
  {
    id: 'preflight-method-lowercase-patch',
    title: 'fetch method "patch" stays lower-case and does not match PATCH',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PATCH')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'patch', body: '{}' }),
  },
  {
    id: 'preflight-method-patch-allowed',
    title: 'PATCH allowed by PATCH',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PATCH')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'PATCH', body: '{}' }),
  },
  {
    id: 'preflight-method-lowercase-put-normalized',
    title: 'fetch method "put" is normalized to PUT',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e, { method: 'put' }),
  },
  {
    id: 'preflight-acam-lowercase',
    title: 'Access-Control-Allow-Methods: put (lower-case) for a PUT',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('put')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-acah-case-insensitive',
    title: 'Access-Control-Allow-Headers matches names case-insensitively',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('X-API-KEY')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => withHeader(e, 'x-api-key', 'k'),
  },
  {
    id: 'preflight-acam-unparseable',
    title: 'Access-Control-Allow-Methods that is not a token list',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT; GET')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e),
  },
  {
    id: 'preflight-acah-unparseable',
    title: 'Access-Control-Allow-Headers that is not a token list',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acah('x-api-key, (x)')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => withHeader(e, 'X-Api-Key', 'k'),
  },
  {
    id: 'preflight-acam-empty-items',
    title: 'Access-Control-Allow-Methods with empty list items (",PUT,,")',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam(',PUT,,')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => put(e),
  },
]);
