/**
 * Cookies on credentialed cross-origin requests: which Set-Cookie lines Chromium stores and which
 * cookies it sends, with the CDP reasons. The page is https://app.site-a.test unless said otherwise.
 */
import type { PageRequestSpec } from '../../lab/page-runner.ts';
import { CROSS_SITE, defineScenarios, SAME_SITE, THIRD_SITE, type PlantSpec, type ScenarioEnv } from '../scenario.ts';
import { acac, acao, ok, setCookie } from './helpers.ts';

const secure = { secure: true };
const credentialed = (e: ScenarioEnv, host: string, secureUrl = true): PageRequestSpec => ({
  via: 'fetch',
  url: e.at(host, 'r', secureUrl),
  credentials: 'include',
});
/** A credentialed, CORS-allowed response carrying these Set-Cookie lines. */
const setting = (...lines: string[]) => (e: ScenarioEnv) => ({ r: ok(acao(e.pageOrigin), acac(), ...lines.map(setCookie)) });
const allowing = (e: ScenarioEnv) => ({ r: ok(acao(e.pageOrigin), acac()) });
const plantOn = (host: string, ...setCookies: string[]): PlantSpec[] => [{ host, secure: true, setCookies }];

export default defineScenarios('cookies', [
  {
    id: 'cookie-set-cross-site-samesite-variants',
    title: 'Cross-site response sets None;Secure, None, Lax, Strict and default cookies',
    page: secure,
    routes: setting('none_secure=1; SameSite=None; Secure', 'none_insecure=1; SameSite=None', 'lax=1; SameSite=Lax', 'strict=1; SameSite=Strict', 'plain=1'),
    request: (e) => credentialed(e, CROSS_SITE),
  },
  {
    id: 'cookie-set-same-site-samesite-variants',
    title: 'Same-site (api.site-a.test) response sets Lax, Strict and default cookies',
    page: secure,
    routes: setting('lax=1; SameSite=Lax', 'strict=1; SameSite=Strict', 'plain=1', 'none_insecure=1; SameSite=None'),
    request: (e) => credentialed(e, SAME_SITE),
  },
  {
    id: 'cookie-set-schemeful-cross-site',
    title: 'http page, https API on the same registrable domain: schemefully cross-site',
    routes: setting('lax=1; SameSite=Lax', 'plain=1', 'none_secure=1; SameSite=None; Secure'),
    request: (e) => credentialed(e, SAME_SITE),
  },
  {
    id: 'cookie-set-http-cross-site',
    title: 'http page, http API on another site: Lax, Strict and default cookies',
    routes: setting('lax=1; SameSite=Lax', 'strict=1; SameSite=Strict', 'plain=1'),
    request: (e) => credentialed(e, CROSS_SITE, false),
  },
  {
    id: 'cookie-set-on-failing-redirect-hop-http',
    title: 'http: a Lax cookie set by a redirect response that then fails the CORS check',
    routes: (e) => ({
      r: { status: 302, headers: [['Location', e.at(SAME_SITE, 'end')], acao(e.pageOrigin), setCookie('r_lax=1; SameSite=Lax')] },
      end: ok(acao(e.pageOrigin), acac()),
    }),
    request: (e) => credentialed(e, CROSS_SITE, false),
  },
  {
    id: 'cookie-set-secure-over-http',
    title: 'A Secure cookie set over http',
    routes: setting('sec=1; Secure', 'plain=1'),
    request: (e) => credentialed(e, SAME_SITE, false),
  },
  {
    id: 'cookie-set-prefixes',
    title: '__Host- and __Secure- prefixes, kept and broken',
    page: secure,
    routes: setting(
      '__Host-ok=1; Secure; Path=/; SameSite=None',
      '__Host-domain=1; Secure; Path=/; Domain=site-b.test; SameSite=None',
      '__Host-nopath=1; Secure; SameSite=None',
      '__Secure-ok=1; Secure; SameSite=None',
      '__Secure-insecure=1; SameSite=None',
    ),
    request: (e) => credentialed(e, CROSS_SITE),
  },
  {
    id: 'cookie-set-partitioned',
    title: 'Partitioned cookies from a cross-site response',
    page: secure,
    routes: setting('chip=1; Secure; SameSite=None; Partitioned; Path=/', 'chip_insecure=1; SameSite=None; Partitioned'),
    request: (e) => credentialed(e, CROSS_SITE),
  },
  {
    id: 'cookie-set-invalid-domain',
    title: 'A Domain attribute for another site',
    page: secure,
    routes: setting('d=1; Domain=site-c.test; Secure; SameSite=None', 'ok=1; Domain=site-b.test; Secure; SameSite=None'),
    request: (e) => credentialed(e, CROSS_SITE),
  },
  {
    id: 'cookie-set-on-cors-blocked-response',
    title: 'Set-Cookie on a response that fails the CORS check (* with credentials)',
    page: secure,
    routes: () => ({ r: ok(acao('*'), setCookie('blocked_resp=1; SameSite=None; Secure')) }),
    request: (e) => credentialed(e, CROSS_SITE),
  },
  {
    id: 'cookie-set-without-credentials',
    title: 'Set-Cookie on a response to a request without credentials',
    page: secure,
    routes: () => ({ r: ok(acao('*'), setCookie('anon=1; SameSite=None; Secure')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r', true) }),
  },
  {
    id: 'cookie-set-on-preflight',
    title: 'Set-Cookie on a preflight response',
    page: secure,
    routes: (e) => ({
      r: {
        preflight: { status: 204, headers: [acao(e.pageOrigin), acac(), ['Access-Control-Allow-Methods', 'PUT'], setCookie('pf=1; SameSite=None; Secure')] },
        actual: ok(acao(e.pageOrigin), acac()),
      },
    }),
    request: (e) => ({ ...credentialed(e, CROSS_SITE), method: 'PUT', body: 'x' }),
  },
  {
    id: 'cookie-set-syntax-oddities',
    title: 'A nameless cookie and an empty Set-Cookie',
    page: secure,
    routes: setting('justvalue; Secure; SameSite=None', '=eq; Secure; SameSite=None'),
    request: (e) => credentialed(e, CROSS_SITE),
  },
  {
    id: 'cookie-set-third-party-blocked',
    title: 'Third-party cookies blocked: None;Secure and Partitioned cookies from a cross-site response',
    page: secure,
    thirdPartyCookies: 'blocked',
    routes: setting('none_secure=1; SameSite=None; Secure', 'chip=1; Secure; SameSite=None; Partitioned; Path=/', 'lax=1; SameSite=Lax'),
    request: (e) => credentialed(e, CROSS_SITE),
  },
  {
    id: 'cookie-set-third-party-blocked-same-site',
    title: 'Third-party cookies blocked: a same-site response is not third-party',
    page: secure,
    thirdPartyCookies: 'blocked',
    routes: setting('none_secure=1; SameSite=None; Secure', 'lax=1; SameSite=Lax'),
    request: (e) => credentialed(e, SAME_SITE),
  },
  {
    id: 'cookie-send-cross-site-variants',
    title: 'Cookies planted first-party on api.site-b.test, then a credentialed cross-site fetch',
    page: secure,
    plant: plantOn(CROSS_SITE, 'none_secure=1; SameSite=None; Secure', 'lax=1; SameSite=Lax', 'strict=1; SameSite=Strict', 'plain=1'),
    routes: allowing,
    request: (e) => credentialed(e, CROSS_SITE),
  },
  {
    id: 'cookie-send-same-site-variants',
    title: 'Cookies planted on api.site-a.test, then a credentialed same-site fetch',
    page: secure,
    plant: plantOn(SAME_SITE, 'lax=1; SameSite=Lax', 'strict=1; SameSite=Strict', 'plain=1'),
    routes: allowing,
    request: (e) => credentialed(e, SAME_SITE),
  },
  {
    id: 'cookie-send-credentials-omitted',
    title: 'Planted cookies, but the cross-site fetch uses the default credentials mode',
    page: secure,
    plant: plantOn(CROSS_SITE, 'none_secure=1; SameSite=None; Secure'),
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r', true) }),
  },
  {
    id: 'cookie-send-path-and-secure',
    title: 'Cookies with another Path, and a Secure cookie over http',
    plant: [
      { host: SAME_SITE, secure: true, setCookies: ['sec=1; Secure', 'elsewhere=1; Path=/nowhere', 'here=1'] },
    ],
    routes: allowing,
    request: (e) => credentialed(e, SAME_SITE, false),
  },
  {
    id: 'cookie-send-domain-cookie-to-subdomain',
    title: 'A Domain=site-b.test cookie goes to api.site-b.test',
    page: secure,
    plant: [
      { host: 'www.site-b.test', secure: true, setCookies: ['wide=1; Domain=site-b.test; Secure; SameSite=None', 'narrow=1; Secure; SameSite=None'] },
      { host: THIRD_SITE, secure: true, setCookies: ['elsewhere=1; Secure; SameSite=None'] },
    ],
    routes: allowing,
    request: (e) => credentialed(e, CROSS_SITE),
  },
  {
    id: 'cookie-send-third-party-blocked',
    title: 'Third-party cookies blocked: a planted None;Secure cookie is withheld cross-site',
    page: secure,
    thirdPartyCookies: 'blocked',
    plant: plantOn(CROSS_SITE, 'none_secure=1; SameSite=None; Secure'),
    routes: allowing,
    request: (e) => credentialed(e, CROSS_SITE),
  },
  {
    id: 'cookie-send-after-cross-site-redirect',
    title: 'Same-site Lax cookie on a request that went through another site first',
    page: secure,
    plant: plantOn(SAME_SITE, 'lax=1; SameSite=Lax', 'none_secure=1; SameSite=None; Secure'),
    routes: (e) => ({
      r: { status: 302, headers: [['Location', e.at(SAME_SITE, 'end', true)], acao(e.pageOrigin), acac()] },
      end: ok(acao('null'), acac()),
    }),
    request: (e) => credentialed(e, CROSS_SITE),
  },
]);
