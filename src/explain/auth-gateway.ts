/**
 * Recognizes an access gateway (Cloudflare Access, an OAuth proxy, a corporate SSO) answering a
 * preflight: a login redirect, a 401/407, WWW-Authenticate, or the headers and cookies of a known
 * access proxy. Preflights never carry cookies or Authorization, so a gateway that authenticates
 * every request turns every preflight away. A bare 403 is no evidence: CORS middlewares refuse an
 * origin, method or header that way too (Spring answers 403 "Invalid CORS request").
 */
import type { Header, WireResponse } from '../model/index.ts';
import { lowerAscii, normalizedHeader, safeHeaders } from '../fetch/http.ts';
import { code } from './code-spans.ts';

export interface AuthGateway {
  /** A product name when the evidence names one. */
  product: string | null;
  evidence: string[];
}

const LOGIN_PATH = /\/(cdn-cgi\/access|oauth2?|login|log-in|signin|sign-in|sso|saml|auth|authorize|openid|adfs)\b/i;

/** Session cookies of access proxies, as their Set-Cookie names them. */
const PROXY_COOKIES: [RegExp, string][] = [
  [/^\s*CF_Authorization=/i, 'Cloudflare Access'],
  [/^\s*_oauth2_proxy(_csrf)?=/, 'oauth2-proxy'],
  [/^\s*_pomerium=/, 'Pomerium'],
  [/^\s*AWSELBAuthSessionCookie/, 'an AWS load balancer with authentication'],
];

function product(headers: Header[], location: string | null): string | null {
  const names = new Set(headers.map((h) => lowerAscii(h.name)));
  if ((location && /cloudflareaccess\.com|\/cdn-cgi\/access\//i.test(location)) || [...names].some((n) => n.startsWith('cf-access'))) {
    return 'Cloudflare Access';
  }
  for (const h of headers) {
    if (lowerAscii(h.name) !== 'set-cookie') continue;
    const hit = PROXY_COOKIES.find(([re]) => re.test(h.value));
    if (hit) return hit[1];
  }
  if (location && /\/oauth2\/(start|sign_in)/i.test(location)) return 'oauth2-proxy';
  if (location && /accounts\.google\.com|login\.microsoftonline\.com|okta\.com|auth0\.com/i.test(location)) return 'an identity provider login';
  const server = normalizedHeader(headers, 'Server') ?? '';
  if (/awselb|alb/i.test(server) && location) return 'an AWS load balancer with authentication';
  return null;
}

/** Evidence that the preflight was answered by an authentication layer, or null. */
export function detectAuthGateway(response: WireResponse | undefined): AuthGateway | null {
  if (!response) return null;
  const headers = safeHeaders(response.headers);
  const status = Number(response.status);
  const location = response.redirectURL ?? normalizedHeader(headers, 'Location');
  const evidence: string[] = [];
  if (status === 401 || status === 407) evidence.push(`the preflight got ${status} (authentication required)`);
  if (status >= 300 && status < 400 && location && LOGIN_PATH.test(location)) {
    evidence.push(`the preflight was redirected to a login page (${code(location)})`);
  }
  const wwwAuth = normalizedHeader(headers, 'WWW-Authenticate');
  if (wwwAuth) evidence.push(`it asks for credentials (${code(`WWW-Authenticate: ${wwwAuth}`)})`);
  const name = product(headers, location);
  if (name && evidence.length === 0 && status >= 300) evidence.push(`the answer comes from ${name}`);
  if (evidence.length === 0) return null;
  // A 403 says only "forbidden"; with evidence of a gateway beside it, it is the gateway's refusal.
  if (status === 403) evidence.unshift('the preflight got 403 (forbidden)');
  return { product: name, evidence };
}

/**
 * A preflight refused with a bare 403 (no sign of an auth layer): the server's CORS configuration
 * refusing this origin, method or headers is the common case; an auth layer is the other.
 */
export function bare403Advice(origin: string, method: string, headers: string[]): string {
  const asked = [`the origin ${code(origin)}`, `the method ${code(method)}`, ...(headers.length ? [`the headers ${headers.map((h) => code(h)).join(', ')}`] : [])].join(', ');
  return (
    `The preflight was refused with 403 and nothing says who refused it. Most often it is the server's CORS configuration: many CORS middlewares (Spring's answers "Invalid CORS request") refuse a preflight whose origin, method or headers are not on their lists — allow ${asked} there. ` +
    'Otherwise an authentication layer turned it away: browsers never send cookies or Authorization on a preflight, so let OPTIONS requests through without authentication.'
  );
}

export function authGatewayAdvice(g: AuthGateway): string {
  const who = g.product ?? 'an authentication layer (gateway, proxy or middleware)';
  const specific =
    g.product === 'Cloudflare Access'
      ? ' In the Cloudflare Access application, open Settings → CORS and turn on "Bypass OPTIONS requests to origin" (or configure the CORS headers there), so that preflights reach the API or are answered by Access itself.'
      : ' Let OPTIONS requests through without authentication (answer them before the auth check), or have the gateway answer preflights itself.';
  return `The preflight was answered by ${who}: ${g.evidence.join('; ')}. Browsers never send cookies or Authorization on a preflight, so the gateway sees an anonymous request and turns it away.${specific}`;
}
