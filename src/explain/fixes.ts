/**
 * What the server (or the page) must change for each finding: which header, on which response,
 * with which value — and configuration snippets for common servers.
 */
import type { CorsError, Fix, WarningCode } from '../model/index.ts';
import { authGatewayAdvice, type AuthGateway } from './auth-gateway.ts';
import { corsSnippets, type CorsPolicy } from './snippets.ts';

export interface FixInput {
  code: CorsError | WarningCode;
  failedParameter: string;
  stage: 'preflight' | 'actual';
  /** Is the failing response a redirect (3xx)? */
  redirectResponse: boolean;
  /** Method and URL of the failing exchange, for the sentence. */
  method: string;
  url: string;
  policy: CorsPolicy;
  gateway: AuthGateway | null;
}

const where = (i: FixInput) =>
  i.stage === 'preflight'
    ? `the preflight response (OPTIONS ${i.url})`
    : i.redirectResponse
      ? `the redirect response (${i.method} ${i.url}) — every hop of a CORS redirect must pass the check`
      : `the response to ${i.method} ${i.url}`;

function headerFix(i: FixInput, header: string, value: string, lead: string): Fix {
  return {
    summary: `${lead} Send \`${header}: ${value}\` on ${where(i)}.`,
    on: i.stage === 'preflight' ? 'preflight' : i.redirectResponse ? 'redirect' : 'actual',
    header,
    value,
    snippets: corsSnippets(i.policy),
  };
}

const noSnippets = (summary: string, on: Fix['on']): Fix => ({ summary, on, snippets: {} });

export function fixFor(i: FixInput): Fix | null {
  const origin = i.policy.origin;
  const originLead =
    origin === 'null'
      ? 'The request carried `Origin: null` after a cross-origin redirect. Best: have the page call the final URL directly. Otherwise'
      : '';
  switch (i.code) {
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader':
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues': {
      const lead = i.code.includes('Multiple')
        ? 'Send the header once, with one origin (check that the application and a proxy/CDN do not both add it).'
        : originLead || 'Name the page’s origin exactly.';
      if (i.gateway && i.stage === 'preflight') return { ...headerFix(i, 'Access-Control-Allow-Origin', origin, lead), summary: authGatewayAdvice(i.gateway) };
      return headerFix(i, 'Access-Control-Allow-Origin', origin, lead);
    }
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return headerFix(i, 'Access-Control-Allow-Origin', origin, 'Replace `*` with the requesting origin (and add `Vary: Origin`), or make the request without credentials.');
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return headerFix(i, 'Access-Control-Allow-Credentials', 'true', 'The value must be exactly `true`, in lower case.');
    case 'PreflightInvalidStatus':
      if (i.gateway) return { summary: authGatewayAdvice(i.gateway), on: 'preflight', snippets: corsSnippets(i.policy) };
      return {
        summary: `Answer OPTIONS ${i.url} with 204 (or 200) and the CORS headers, before authentication, routing or validation reject it.`,
        on: 'preflight',
        snippets: corsSnippets(i.policy),
      };
    case 'PreflightDisallowedRedirect':
      if (i.gateway) return { summary: authGatewayAdvice(i.gateway), on: 'preflight', snippets: corsSnippets(i.policy) };
      return {
        summary: `Answer OPTIONS ${i.url} directly with 204 and the CORS headers instead of redirecting; or have the page call the URL the redirect points to (check the trailing slash and http→https).`,
        on: 'preflight',
        snippets: corsSnippets(i.policy),
      };
    case 'InvalidAllowMethodsPreflightResponse':
      return headerFix(i, 'Access-Control-Allow-Methods', [...i.policy.methods, 'GET', 'POST'].join(', '), 'List methods as comma-separated names.');
    case 'InvalidAllowHeadersPreflightResponse':
      return headerFix(i, 'Access-Control-Allow-Headers', i.policy.headers.join(', ') || i.failedParameter, 'List header names comma-separated.');
    case 'MethodDisallowedByPreflightResponse':
      return headerFix(i, 'Access-Control-Allow-Methods', [...new Set([...i.policy.methods, i.failedParameter])].join(', '), `Allow ${i.failedParameter}, spelled exactly as the page sends it.`);
    case 'HeaderDisallowedByPreflightResponse':
      return headerFix(i, 'Access-Control-Allow-Headers', [...new Set([...i.policy.headers, i.failedParameter])].join(', '), `Allow the request header ${i.failedParameter}.`);
    case 'RedirectContainsCredentials':
      return noSnippets(`Remove the user name and password from the Location of the redirect at ${i.url}; authenticate with a header or a cookie instead.`, 'redirect');
    case 'CorsDisabledScheme':
      return noSnippets('Make the request (and every redirect target) an http or https URL; serve local files from a local web server instead of file:.', 'request');
    case 'DisallowedByMode':
      return noSnippets("Use mode 'cors' (the default) for a cross-origin URL, or request a URL on the page's own origin.", 'request');
    case 'InsecureLocalNetwork':
      return noSnippets('Serve the page over https (a secure context); Chromium then asks the user for local network access instead of blocking. Or call the local service through your public server.', 'request');
    case 'LocalNetworkAccessPermissionDenied':
      return noSnippets('The user must allow local network access for this site (site settings), or the page must reach the service through a public endpoint.', 'request');
    case 'InvalidLocalNetworkAccess':
      return noSnippets('Make the targetAddressSpace the page declares match the server’s real address space.', 'request');
    case 'NoCorsRedirectModeNotFollow':
      return noSnippets("Use redirect: 'follow' with mode 'no-cors'.", 'request');
    case 'InvalidResponse':
    case 'PreflightMissingAllowExternal':
    case 'PreflightInvalidAllowExternal':
      return noSnippets('Return a well-formed HTTP response.', i.stage === 'preflight' ? 'preflight' : 'actual');
    case 'ReflectedOriginWithCredentials':
      return headerFix(i, 'Access-Control-Allow-Origin', origin, 'Check the Origin against a fixed list of trusted origins before echoing it.');
    case 'AllowOriginNull':
      return headerFix(i, 'Access-Control-Allow-Origin', origin === 'null' ? 'https://your-app.example' : origin, 'Do not allow `null`; name real origins.');
    case 'MissingVaryOrigin':
      return { summary: `Add \`Vary: Origin\` to ${where(i)}.`, on: 'actual', header: 'Vary', value: 'Origin', snippets: corsSnippets(i.policy) };
    case 'WildcardOriginWithSetCookie':
      return headerFix(i, 'Access-Control-Allow-Origin', origin === '*' ? 'https://your-app.example' : origin, 'If the page needs the cookie, name the origin, allow credentials and fetch with credentials.');
    case 'AuthorizationCoveredByWildcard':
      return headerFix(i, 'Access-Control-Allow-Headers', [...new Set(['authorization', ...i.policy.headers])].join(', '), 'List Authorization explicitly.');
    case 'ExposeHeadersWildcardWithCredentials':
      return headerFix(i, 'Access-Control-Expose-Headers', i.policy.expose.join(', ') || 'x-your-header', 'Name each header the page must read.');
    case 'SameOriginModeRedirected':
      return noSnippets("Call the final URL directly, or use mode 'cors' and answer the cross-origin request with CORS headers; or stop the server from redirecting off the page's origin.", 'request');
    case 'PreflightMaxAgeCapped':
      return { summary: 'Use Access-Control-Max-Age: 7200 or less; Chromium ignores anything longer.', on: 'preflight', header: 'Access-Control-Max-Age', value: '7200', snippets: {} };
  }
}
