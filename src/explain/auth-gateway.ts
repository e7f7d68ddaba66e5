/**
 * Recognizes an access gateway (Cloudflare Access, an OAuth proxy, a corporate SSO) answering a
 * preflight: a login redirect or a 401/403/407. Preflights never carry cookies or Authorization,
 * so a gateway that authenticates every request turns every preflight away.
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

function product(headers: Header[], location: string | null): string | null {
  const names = new Set(headers.map((h) => lowerAscii(h.name)));
  if ((location && /cloudflareaccess\.com|\/cdn-cgi\/access\//i.test(location)) || [...names].some((n) => n.startsWith('cf-access'))) {
    return 'Cloudflare Access';
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
  if (status === 403) evidence.push('the preflight got 403 (forbidden)');
  if (status >= 300 && status < 400 && location && LOGIN_PATH.test(location)) {
    evidence.push(`the preflight was redirected to a login page (${code(location)})`);
  }
  const wwwAuth = normalizedHeader(headers, 'WWW-Authenticate');
  if (wwwAuth) evidence.push(`it asks for credentials (${code(`WWW-Authenticate: ${wwwAuth}`)})`);
  const name = product(headers, location);
  if (name && evidence.length === 0 && status >= 300) evidence.push(`the answer comes from ${name}`);
  if (evidence.length === 0) return null;
  return { product: name, evidence };
}

export function authGatewayAdvice(g: AuthGateway): string {
  const who = g.product ?? 'an authentication layer (gateway, proxy or middleware)';
  const specific =
    g.product === 'Cloudflare Access'
      ? ' In the Cloudflare Access application, open Settings → CORS and turn on "Bypass OPTIONS requests to origin" (or configure the CORS headers there), so that preflights reach the API or are answered by Access itself.'
      : ' Let OPTIONS requests through without authentication (answer them before the auth check), or have the gateway answer preflights itself.';
  return `The preflight was answered by ${who}: ${g.evidence.join('; ')}. Browsers never send cookies or Authorization on a preflight, so the gateway sees an anonymous request and turns it away.${specific}`;
}
