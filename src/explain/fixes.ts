/**
 * What the server (or the page) must change for each finding: which header, on which response,
 * with which value — and configuration snippets for common servers.
 */
import type { AddressSpace, CorsError, Fix, WarningCode } from '../model/index.ts';
import { authGatewayAdvice, bare403Advice, type AuthGateway } from './auth-gateway.ts';
import { code } from './code-spans.ts';
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
  /** The Origin the failing request carried (`null` after a cross-origin redirect). */
  origin: string;
  /** The page's origin. */
  pageOrigin: string;
  policy: CorsPolicy;
  gateway: AuthGateway | null;
  /** For an unparseable Access-Control-Allow-Methods/-Headers: the value the response sent (Chromium's failedParameter is empty then). */
  sentValue?: string | null;
  /** The status the failing preflight got, when it got one. */
  preflightStatus?: number;
  /** The method the preflight asked for (Access-Control-Request-Method). */
  requestMethod?: string;
  /** Local Network Access: the resource's address space, and the one the page declared. */
  addressSpace?: AddressSpace;
  targetAddressSpace?: AddressSpace;
}

const where = (i: FixInput) =>
  i.stage === 'preflight'
    ? `the preflight response (OPTIONS ${i.url})`
    : i.redirectResponse
      ? `the redirect response (${i.method} ${i.url}) — every hop of a CORS redirect must pass the check`
      : `the response to ${i.method} ${i.url}`;

const onOf = (i: FixInput): Fix['on'] => (i.stage === 'preflight' ? 'preflight' : i.redirectResponse ? 'redirect' : 'actual');
const sendOn = (i: FixInput, header: string, value: string) => `send ${code(`${header}: ${value}`)} on ${where(i)}`;
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function headerFix(i: FixInput, header: string, value: string, lead: string, policy: CorsPolicy = i.policy): Fix {
  return { summary: `${lead} ${sentence(sendOn(i, header, value))}.`, on: onOf(i), header, value, snippets: corsSnippets(policy) };
}

const noSnippets = (summary: string, on: Fix['on']): Fix => ({ summary, on, snippets: {} });

/**
 * After a redirect to another origin the browser sends `Origin: null` (Fetch: "tainted origin",
 * HTTP-redirect fetch), so the page's own origin can no longer match.
 */
const afterTaintingRedirect = (i: FixInput) => i.origin === 'null' && i.pageOrigin !== 'null';
/** A sandboxed iframe, a file: or a data: page has an opaque origin and sends `Origin: null` itself. */
const opaquePage = (i: FixInput) => i.pageOrigin === 'null';

const NULL_AFTER_REDIRECT = 'After a redirect to another origin the browser sends `Origin: null`, so the page’s own origin cannot match here.';
const NULL_WITH_CREDENTIALS =
  'With credentials only `Access-Control-Allow-Origin: null` would pass, and any sandboxed page can send `Origin: null` too: it could read the response with the user’s cookies.';

/** The fix for a request that carried `Origin: null`; `lead` says what else was wrong. */
function nullOriginFix(i: FixInput, lead: string): Fix {
  const prefix = lead ? `${lead} ` : '';
  if (opaquePage(i)) {
    if (!i.policy.credentials) {
      return headerFix(i, 'Access-Control-Allow-Origin', '*', `${prefix}The page has an opaque origin (a sandboxed iframe, or a file: or data: page), so it sends \`Origin: null\`; the request has no credentials, so \`*\` fits.`);
    }
    return noSnippets(`${prefix}The page has an opaque origin (a sandboxed iframe, or a file: or data: page), so it sends \`Origin: null\`. Serve the page from an http(s) origin and name that origin. ${NULL_WITH_CREDENTIALS}`, 'request');
  }
  if (!i.policy.credentials) {
    return {
      summary: `${prefix}${NULL_AFTER_REDIRECT} Best: have the page request ${i.url} directly, so that it sends its own origin. Otherwise, as the request has no credentials, ${sendOn(i, 'Access-Control-Allow-Origin', '*')}.`,
      on: onOf(i),
      header: 'Access-Control-Allow-Origin',
      value: '*',
      snippets: corsSnippets({ ...i.policy, origin: '*' }),
    };
  }
  return {
    summary: `${prefix}${NULL_AFTER_REDIRECT} ${NULL_WITH_CREDENTIALS} Have the page request ${i.url} directly instead, and ${sendOn(i, 'Access-Control-Allow-Origin', i.pageOrigin)}, with \`Access-Control-Allow-Credentials: true\`.`,
    on: onOf(i),
    header: 'Access-Control-Allow-Origin',
    value: i.pageOrigin,
    snippets: corsSnippets({ ...i.policy, origin: i.pageOrigin }),
  };
}

const ORIGIN_LEAD: Partial<Record<CorsError, string>> = {
  MissingAllowOriginHeader: 'Say which origin may read the response.',
  PreflightMissingAllowOriginHeader: 'Say which origin may send the request.',
  AllowOriginMismatch: 'Name the page’s origin exactly: scheme, host and port.',
  PreflightAllowOriginMismatch: 'Name the page’s origin exactly: scheme, host and port.',
  InvalidAllowOriginValue: 'Use one exact origin: no path, no list, no pattern.',
  PreflightInvalidAllowOriginValue: 'Use one exact origin: no path, no list, no pattern.',
};
const MULTIPLE_LEAD = 'Send the header once, with one origin (check that the application and a proxy or CDN do not both add it).';

function allowOriginFix(i: FixInput): Fix {
  const multiple = i.code.includes('Multiple');
  const lead = multiple ? MULTIPLE_LEAD : (ORIGIN_LEAD[i.code as CorsError] ?? '');
  const fix = i.origin === 'null' ? nullOriginFix(i, multiple ? lead : '') : headerFix(i, 'Access-Control-Allow-Origin', i.policy.origin, lead);
  if (i.gateway && i.stage === 'preflight') {
    const then = fix.header && fix.value !== undefined ? ` Its answer to the preflight must then carry ${code(`${fix.header}: ${fix.value}`)}.` : '';
    return { ...fix, summary: `${authGatewayAdvice(i.gateway)}${then}` };
  }
  if (i.stage === 'preflight' && i.preflightStatus === 403) {
    return { ...fix, summary: `${fix.summary} ${bare403Advice(i.origin, i.requestMethod ?? i.method, i.policy.headers)}` };
  }
  return fix;
}

const PLACEHOLDER_ORIGIN = 'https://your-app.example';

/** The response let `Origin: null` through (a warning): what to allow instead. */
function nullOriginGranted(i: FixInput, lead: string): Fix {
  if (afterTaintingRedirect(i)) {
    const policy = { ...i.policy, origin: i.pageOrigin };
    return {
      summary: `${lead} The request carried \`Origin: null\` only because it was redirected to another origin. Have the page request ${i.url} directly, so that it sends its own origin, and ${sendOn(i, 'Access-Control-Allow-Origin', i.pageOrigin)}.${i.policy.credentials ? '' : ' If the response is public, `*` says so plainly.'}`,
      on: 'actual',
      header: 'Access-Control-Allow-Origin',
      value: i.pageOrigin,
      snippets: corsSnippets(policy),
    };
  }
  return headerFix(i, 'Access-Control-Allow-Origin', PLACEHOLDER_ORIGIN, `${lead} Serve the page from an http(s) origin and name that origin.`, { ...i.policy, origin: PLACEHOLDER_ORIGIN });
}

/** The first item of a comma-separated list that is not a token (Chromium: ParseAccessControlAllowList). */
function firstBadItem(value: string): string | null {
  return value.split(',').map((x) => x.trim()).find((x) => x !== '' && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(x)) ?? null;
}

/**
 * Access-Control-Allow-Methods/-Headers could not be parsed. Say what was wrong with it; when the
 * request needs nothing listed there, the header may simply go (never advise an empty value).
 */
function unparseableListFix(i: FixInput, header: string, what: string, needed: string[], needsList: boolean): Fix {
  const sent = i.sentValue ?? null;
  const bad = sent === null ? null : firstBadItem(sent);
  const problem =
    sent === null
      ? `${code(header)} could not be parsed: it must be a comma-separated list of ${what}.`
      : `${code(`${header}: ${sent}`)} is not a comma-separated list of ${what}${bad !== null ? `: ${code(bad)} is not one name (names hold no spaces, semicolons, quotes or slashes; separate them with commas)` : ''}.`;
  if (needsList) return headerFix(i, header, needed.join(', '), problem);
  return {
    summary: `${problem} This request needs nothing listed there: fix the syntax (for example ${code(`${header}: ${header.endsWith('Methods') ? 'PUT, DELETE' : 'x-api-key, x-request-id'}`)}) or remove the header from ${where(i)}.`,
    on: onOf(i),
    header,
    snippets: corsSnippets(i.policy),
  };
}

export function fixFor(i: FixInput): Fix | null {
  const origin = i.policy.origin;
  switch (i.code) {
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader':
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      return allowOriginFix(i);
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      if (i.origin === 'null') return nullOriginFix(i, '`*` does not work with credentials.');
      return {
        summary: `Name the requesting origin instead of \`*\`: ${sendOn(i, 'Access-Control-Allow-Origin', origin)}, with \`Vary: Origin\` — or make the request without credentials.`,
        on: onOf(i),
        header: 'Access-Control-Allow-Origin',
        value: origin,
        snippets: corsSnippets(i.policy),
      };
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return headerFix(
        i,
        'Access-Control-Allow-Credentials',
        'true',
        i.failedParameter === ''
          ? i.stage === 'preflight'
            ? 'The request carries credentials, so the preflight response must allow them.'
            : 'The request carries credentials, so the response must say it may be read with them.'
          : `The value must be exactly \`true\`, in lower case (it was ${code(i.failedParameter)}).`,
      );
    case 'PreflightInvalidStatus':
      if (i.gateway) return { summary: authGatewayAdvice(i.gateway), on: 'preflight', snippets: corsSnippets(i.policy) };
      if (i.preflightStatus === 403) return { summary: bare403Advice(i.origin, i.requestMethod ?? i.method, i.policy.headers), on: 'preflight', snippets: corsSnippets(i.policy) };
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
      return unparseableListFix(i, 'Access-Control-Allow-Methods', 'method names', [...new Set([...i.policy.methods, 'GET', 'POST'])], i.policy.methods.length > 0);
    case 'InvalidAllowHeadersPreflightResponse':
      return unparseableListFix(i, 'Access-Control-Allow-Headers', 'header names', i.policy.headers, i.policy.headers.length > 0);
    case 'MethodDisallowedByPreflightResponse': {
      const m = i.failedParameter;
      const fix = headerFix(i, 'Access-Control-Allow-Methods', [...new Set([...i.policy.methods, m])].join(', '), `Allow ${code(m)}, spelled exactly as the page sends it.`);
      if (m === m.toUpperCase()) return fix;
      // Browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT (Fetch "normalize a method").
      return {
        ...fix,
        summary: `${fix.summary} The browser keeps the case of ${code(m)} and compares it case-sensitively, and some CORS libraries (Flask-CORS) only send method names upper-cased: the simplest fix is to have the page send ${code(m.toUpperCase())} and allow that.`,
      };
    }
    case 'HeaderDisallowedByPreflightResponse':
      return headerFix(i, 'Access-Control-Allow-Headers', [...new Set([...i.policy.headers, i.failedParameter])].join(', '), `Allow the request header ${code(i.failedParameter)}.`);
    case 'RedirectContainsCredentials':
      return noSnippets(`Remove the user name and password from the Location of the redirect at ${i.url}; authenticate with a header or a cookie instead.`, 'redirect');
    case 'CorsDisabledScheme':
      return noSnippets('Make the request (and every redirect target) an http or https URL; serve local files from a local web server instead of file:.', 'request');
    case 'DisallowedByMode':
      return noSnippets("Use `mode: 'cors'` (the default) for a cross-origin URL, or request a URL on the page's own origin.", 'request');
    case 'InsecureLocalNetwork':
      return noSnippets('Serve the page over https (a secure context); Chromium then asks the user for local network access instead of blocking. Or call the local service through your public server.', 'request');
    case 'LocalNetworkAccessPermissionDenied':
      return noSnippets('The user must allow local network access for this site (site settings), or the page must reach the service through a public endpoint.', 'request');
    case 'InvalidLocalNetworkAccess':
      if (i.targetAddressSpace && i.addressSpace) {
        return noSnippets(
          `The page calls fetch() with ${code(`targetAddressSpace: '${i.targetAddressSpace}'`)}, but ${i.url} is in the ${code(i.addressSpace)} address space. Declare ${code(`targetAddressSpace: '${i.addressSpace}'`)}, or leave the option out (the browser then finds the space itself); check that the URL points at the server you meant.`,
          'request',
        );
      }
      return noSnippets('Make the targetAddressSpace the page declares match the server’s real address space, or leave the option out.', 'request');
    case 'NoCorsRedirectModeNotFollow':
      return noSnippets("Use `redirect: 'follow'` with `mode: 'no-cors'`.", 'request');
    case 'InvalidResponse':
      return noSnippets('Return a well-formed HTTP response.', i.stage === 'preflight' ? 'preflight' : 'actual');
    case 'PreflightMissingAllowExternal':
    case 'PreflightInvalidAllowExternal':
      return { ...headerFix(i, 'Access-Control-Allow-External', 'true', 'Only the Chromium versions of that experiment ask for it.'), snippets: {} };
    case 'ReflectedOriginWithCredentials':
      if (i.origin === 'null') return nullOriginGranted(i, 'Check the Origin against a fixed list of trusted origins before echoing it; `null` must not be on it.');
      return headerFix(i, 'Access-Control-Allow-Origin', origin, 'Check the Origin against a fixed list of trusted origins before echoing it.');
    case 'AllowOriginNull':
      return nullOriginGranted(i, 'Do not allow `null`: every sandboxed page can send it.');
    case 'MissingVaryOrigin':
      return { summary: `Add \`Vary: Origin\` to ${where(i)}.`, on: 'actual', header: 'Vary', value: 'Origin', snippets: corsSnippets(i.policy) };
    case 'WildcardOriginWithSetCookie': {
      const tainted = afterTaintingRedirect(i);
      const named = tainted ? i.pageOrigin : origin === '*' || origin === 'null' ? PLACEHOLDER_ORIGIN : origin;
      const first = tainted ? `${NULL_AFTER_REDIRECT} If the page needs the cookie, have it request ${i.url} directly, then ` : 'If the page needs the cookie: ';
      return {
        summary: `${first}${sendOn(i, 'Access-Control-Allow-Origin', named)} with \`Access-Control-Allow-Credentials: true\`, and fetch with \`credentials: 'include'\`. If it does not, stop setting the cookie here.`,
        on: 'actual',
        header: 'Access-Control-Allow-Origin',
        value: named,
        snippets: corsSnippets({ ...i.policy, origin: named, credentials: true }),
      };
    }
    case 'AuthorizationCoveredByWildcard':
      return headerFix(i, 'Access-Control-Allow-Headers', [...new Set(['authorization', ...i.policy.headers])].join(', '), 'List `Authorization` explicitly: `*` does not cover it.');
    case 'ExposeHeadersWildcardWithCredentials':
      return headerFix(i, 'Access-Control-Expose-Headers', i.policy.expose.join(', ') || 'x-your-header', 'Name each header the page must read.');
    case 'SameOriginModeRedirected':
      return noSnippets("Call the final URL directly, or use `mode: 'cors'` and answer the cross-origin request with CORS headers; or stop the server from redirecting off the page's origin.", 'request');
    case 'BlockedInChromeOnly':
      // The evaluator attaches the fix of Chrome's own error instead (evaluate.ts); this is what holds in general.
      return noSnippets(`Send each CORS header on ${where(i)} once, spelled as the standard spells it, with a value Chrome accepts too: Firefox skips empty header lines that Chrome counts.`, 'actual');
    case 'UnsafeRequestHeaderRefused':
      return noSnippets(`Stop setting ${code(i.failedParameter)} in the page's code: the browser never sends a value the page chose for it.`, 'request');
    case 'PreflightMaxAgeCapped':
      return {
        summary: `Send ${code('Access-Control-Max-Age: 7200')} or less on ${where(i)}: Chromium caps the preflight cache at 2 hours, so a longer value does not keep it longer.`,
        on: 'preflight',
        header: 'Access-Control-Max-Age',
        value: '7200',
        snippets: {},
      };
  }
}
