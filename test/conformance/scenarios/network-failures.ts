/** Failures that are not CORS: refused connections, closed sockets, TLS, and where they strike. */
import { CROSS_SITE, defineScenarios } from '../scenario.ts';
import { acam, acao, ok, preflightOk, redirect } from './helpers.ts';

export default defineScenarios('network-failures', [
  {
    id: 'net-connection-refused',
    title: 'Nothing listens on the port',
    routes: () => ({}),
    request: (e) => ({ via: 'fetch', url: e.refusedUrl('r') }),
  },
  {
    id: 'net-connection-refused-preflighted',
    title: 'A preflighted request to a port where nothing listens',
    routes: () => ({}),
    request: (e) => ({ via: 'fetch', url: e.refusedUrl('r'), method: 'PUT', body: 'x' }),
  },
  {
    id: 'net-connection-refused-xhr',
    title: 'XHR to a port where nothing listens',
    routes: () => ({}),
    request: (e) => ({ via: 'xhr', url: e.refusedUrl('r') }),
  },
  {
    id: 'net-socket-closed',
    title: 'The server closes the connection without answering',
    routes: () => ({ r: { destroy: true } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'net-preflight-socket-closed',
    title: 'The server closes the connection on the preflight',
    routes: (e) => ({ r: { preflight: { destroy: true }, actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'PUT', body: 'x' }),
  },
  {
    id: 'net-actual-socket-closed-after-preflight',
    title: 'The preflight passes, then the server closes the connection on the actual request',
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT')), actual: { destroy: true } } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), method: 'PUT', body: 'x' }),
  },
  {
    id: 'net-redirect-to-refused',
    title: 'A redirect to a port where nothing listens',
    routes: (e) => ({ r: redirect(302, e.refusedUrl('end'), acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'net-tls-to-plain-http-port',
    title: 'https:// to a port that speaks plain HTTP (TLS handshake fails)',
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r').replace('http://', 'https://') }),
  },
  {
    id: 'net-malformed-response',
    title: 'A response that is not HTTP',
    routes: () => ({ r: { rawHead: 'NOT HTTP AT ALL' } }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
]);
