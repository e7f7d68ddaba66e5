/** Which response headers the page's JavaScript can read. */
import { CROSS_SITE, defineScenarios, PAGE_HOST } from '../scenario.ts';
import { acac, acao, aceh, setCookie, type H } from './helpers.ts';

const many: H[] = [
  ['Content-Type', 'application/json'],
  ['Content-Language', 'en'],
  ['Expires', '0'],
  ['Last-Modified', 'Wed, 21 Oct 2015 07:28:00 GMT'],
  ['Pragma', 'no-cache'],
  ['X-Request-Id', 'r-1'],
  ['X-Trace', 't-1'],
  ['ETag', '"v1"'],
];
const res = (...extra: H[]) => ({ status: 200, headers: [...many, ...extra], body: '{}' });

export default defineScenarios('headers-exposed', [
  {
    id: 'expose-none',
    title: 'No Access-Control-Expose-Headers: only safelisted names are readable',
    routes: () => ({ r: res(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'expose-listed',
    title: 'X-Request-Id exposed',
    routes: () => ({ r: res(acao('*'), aceh('X-Request-Id')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'expose-odd-spacing-and-case',
    title: 'Expose-Headers with odd spacing and case, on two lines',
    routes: () => ({ r: res(acao('*'), aceh(' x-request-id ,ETAG'), aceh('x-trace')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'expose-wildcard-no-credentials',
    title: 'Access-Control-Expose-Headers: * without credentials exposes every name',
    routes: () => ({ r: res(acao('*'), aceh('*'), setCookie('s=1')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'expose-wildcard-with-credentials',
    title: 'Access-Control-Expose-Headers: * is literal with credentials',
    routes: (e) => ({ r: res(acao(e.pageOrigin), acac(), aceh('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'expose-wildcard-and-name-with-credentials',
    title: 'Access-Control-Expose-Headers: *, X-Trace with credentials exposes X-Trace only',
    routes: (e) => ({ r: res(acao(e.pageOrigin), acac(), aceh('*, X-Trace')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), credentials: 'include' }),
  },
  {
    id: 'expose-set-cookie',
    title: 'Set-Cookie is never readable, even when exposed',
    routes: () => ({ r: res(acao('*'), aceh('Set-Cookie, X-Trace'), setCookie('s=1')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'expose-invalid-token',
    title: 'Access-Control-Expose-Headers with an invalid token',
    routes: () => ({ r: res(acao('*'), aceh('X-Request-Id, (bad), X-Trace')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'expose-content-length',
    title: 'Content-Length is safelisted',
    routes: () => ({ r: { rawHead: 'HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nX-Hidden: 1', body: 'hello' } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'expose-same-origin',
    title: 'Same-origin: every header but Set-Cookie is readable',
    routes: () => ({ r: res(setCookie('s=1')) }),
    request: (e) => ({ via: 'fetch', url: e.at(PAGE_HOST, 'r') }),
  },
  {
    id: 'expose-xhr-listed',
    title: 'XMLHttpRequest getAllResponseHeaders with X-Trace exposed',
    routes: () => ({ r: res(acao('*'), aceh('X-Trace')) }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r') }),
  },
]);
