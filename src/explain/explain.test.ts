import { describe, expect, it } from 'vitest';
import { CORS_ERRORS, WARNING_CODES, type CorsError } from '../model/index.ts';
import { detectAuthGateway } from './auth-gateway.ts';
import { chromeMessage, chromeReason, consoleHint, parseInvalidLocalNetworkAccess, resourceKind } from './chrome.ts';
import { FIREFOX_TEMPLATES, firefoxLine, firefoxMessage } from './firefox.ts';
import { fixFor } from './fixes.ts';
import { LEARN_MORE, SHORT, learnMoreUrl } from './short.ts';
import { corsSnippets } from './snippets.ts';
import { WHY } from './why.ts';

const base = { initiator: 'fetch' as const, firstUrl: 'https://b.test/x', lastUrl: 'https://b.test/x', origin: 'https://a.test', failedParameter: 'P' };
const policy = { origin: 'https://a.test', credentials: true, methods: ['PUT'], headers: ['x-api-key'], expose: [] };

describe('Chrome messages', () => {
  it('every CorsError has a reason text that ends a sentence', () => {
    for (const code of CORS_ERRORS) expect(chromeReason({ ...base, code })).toMatch(/\.$/);
  });
  it('the shape: kind, URL, redirected-from, origin, preflight prefix', () => {
    expect(chromeMessage({ ...base, code: 'MissingAllowOriginHeader' })).toBe(
      "Access to fetch at 'https://b.test/x' from origin 'https://a.test' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    );
    expect(chromeMessage({ ...base, code: 'PreflightInvalidStatus', initiator: 'script', lastUrl: 'https://c.test/y' })).toBe(
      "Access to script at 'https://c.test/y' (redirected from 'https://b.test/x') from origin 'https://a.test' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
    );
  });
  it('per-initiator sentences: fetch gets "valid value", XHR gets withCredentials, others neither', () => {
    const m = (code: CorsError, initiator: 'fetch' | 'xmlhttprequest' | 'image') => chromeReason({ ...base, code, initiator });
    expect(m('AllowOriginMismatch', 'fetch')).toMatch(/Have the server send the header with a valid value\.$/);
    expect(m('AllowOriginMismatch', 'xmlhttprequest')).not.toMatch(/valid value/);
    expect(m('WildcardOriginNotAllowed', 'xmlhttprequest')).toMatch(/withCredentials attribute\.$/);
    expect(m('InvalidAllowCredentials', 'image')).not.toMatch(/withCredentials|valid value/);
    expect(m('MissingAllowOriginHeader', 'fetch')).not.toMatch(/no-cors/);
  });
  it('the value in the message: its UTF-8 bytes, each outside printable ASCII as \\u00XX (Chromium 156)', () => {
    expect(consoleHint('http://app.sit\u00e9-a.test')).toBe('http://app.sit\\u00C3\\u00A9-a.test');
    expect(consoleHint('a,\t*\u0001\u007f')).toBe('a,\\u0009*\\u0001\\u007F');
    expect(consoleHint('http://a.test/\u{1F600}')).toBe('http://a.test/\\u00F0\\u009F\\u0098\\u0080');
    // Quotes and backslashes print as they are.
    expect(consoleHint(`x\\"q'`)).toBe(`x\\"q'`);
    expect(chromeReason({ ...base, code: 'InvalidAllowCredentials', failedParameter: 'tr\u00fcE' })).toContain("is 'tr\\u00C3\\u00BCE' which");
  });
  it('older Chrome (≤ 132) suggested no-cors in fetch() messages', () => {
    expect(chromeReason({ ...base, code: 'MissingAllowOriginHeader', chromeMajor: 120 })).toBe(
      "No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
    );
    expect(chromeReason({ ...base, code: 'AllowOriginMismatch', chromeMajor: 132 })).toMatch(/valid value, or, if an opaque response serves your needs/);
    expect(chromeReason({ ...base, code: 'AllowOriginMismatch', chromeMajor: 156 })).toMatch(/valid value\.$/);
    expect(chromeReason({ ...base, code: 'MissingAllowOriginHeader', initiator: 'xmlhttprequest', chromeMajor: 120 })).not.toMatch(/no-cors/);
  });
  it('resource kinds', () => {
    expect(['fetch', 'xmlhttprequest', 'stylesheet', 'other'].map((k) => resourceKind(k as never))).toEqual(['fetch', 'XMLHttpRequest', 'CSS stylesheet', 'resource']);
  });
  it('LNA messages name the address space', () => {
    expect(chromeReason({ ...base, code: 'InsecureLocalNetwork', addressSpace: 'local' })).toContain('address space `local`');
  });
  it('renderer-side refusals use the Fetch API wording, with long URLs elided', () => {
    // KURL::ElidedString: the first 511 characters, "...", the last 510 (seen in Chromium 156: random seed 20261203).
    const long = `https://b.test/${'a'.repeat(1000)}${'z'.repeat(1000)}`;
    const m = chromeMessage({ ...base, code: 'DisallowedByMode', firstUrl: long, lastUrl: long });
    expect(m).toBe(`Fetch API cannot load ${long.slice(0, 511)}...${long.slice(-510)}. Request mode is "same-origin" but the URL's origin is not same as the request origin https://a.test.`);
    // 1024 characters: whole.
    const exact = `https://b.test/${'a'.repeat(1024 - 15)}`;
    expect(chromeMessage({ ...base, code: 'DisallowedByMode', firstUrl: exact, lastUrl: exact })).toContain(`load ${exact}. Request`);
  });
  it('print the URL as the URL parser serializes it, as KURL does', () => {
    const url = 'http://b.test/h0?q=café&r=a%20b';
    expect(chromeMessage({ ...base, code: 'DisallowedByMode', firstUrl: url, lastUrl: url })).toContain('load http://b.test/h0?q=caf%C3%A9&r=a%20b. Request');
  });
});

describe('Firefox messages', () => {
  it('fills the URL and the argument; a missing argument prints (null)', () => {
    expect(firefoxLine({ key: 'CORSDidNotSucceed2', url: 'https://b.test/' })).toBe(
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://b.test/. (Reason: CORS request did not succeed). Status code: (null).',
    );
    expect(firefoxLine({ key: 'CORSMissingAllowOrigin2', url: 'u', param: '404' })).toMatch(/Status code: 404\.$/);
  });
  it('keeps "%2$S" inside a URL as it is', () => {
    expect(firefoxLine({ key: 'CORSAllowOriginNotMatchingOrigin', url: 'https://b.test/%2$S', param: 'x' })).toContain('at https://b.test/%2$S. (Reason');
  });
  it('uses curly quotes and quotes the URL for credentials + *', () => {
    expect(FIREFOX_TEMPLATES.CORSNotSupportingCredentials).toContain('at ‘%1$S’.');
    expect(Object.values(FIREFOX_TEMPLATES).every((t) => !t.includes("'"))).toBe(true);
  });
  it('joins several lines with a newline; none gives null', () => {
    expect(firefoxMessage([])).toBeNull();
    expect(firefoxMessage([{ key: 'CORSMethodNotFound', url: 'u' }, { key: 'CORSDidNotSucceed2', url: 'u' }])?.split('\n')).toHaveLength(2);
  });
});

describe('why, fixes, summaries and links exist for every code', () => {
  const whyInput = { failedParameter: 'X', origin: 'null', pageOrigin: 'https://a.test', stage: 'actual' as const, credentials: true, method: 'PUT', redirected: true };
  it('why', () => {
    for (const code of [...CORS_ERRORS, ...WARNING_CODES]) expect(WHY[code](whyInput).length).toBeGreaterThan(40);
    expect(WHY.AllowOriginMismatch(whyInput)).toContain('Origin: null');
  });
  it('fixes: which response, which header, which value', () => {
    for (const code of [...CORS_ERRORS, ...WARNING_CODES]) {
      const fix = fixFor({ code, failedParameter: 'x-api-key', stage: 'actual', redirectResponse: false, method: 'PUT', url: 'https://b.test/x', origin: 'https://a.test', pageOrigin: 'https://a.test', policy, gateway: null });
      expect(fix?.summary.length, code).toBeGreaterThan(20);
      expect(['preflight', 'actual', 'redirect', 'request']).toContain(fix?.on);
    }
    const header = fixFor({ code: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-trace', stage: 'preflight', redirectResponse: false, method: 'OPTIONS', url: 'https://b.test/x', origin: 'https://a.test', pageOrigin: 'https://a.test', policy, gateway: null });
    expect(header).toMatchObject({ on: 'preflight', header: 'Access-Control-Allow-Headers', value: 'x-api-key, x-trace' });
    const creds = fixFor({ code: 'InvalidAllowCredentials', failedParameter: '', stage: 'actual', redirectResponse: true, method: 'GET', url: 'https://b.test/x', origin: 'https://a.test', pageOrigin: 'https://a.test', policy, gateway: null });
    expect(creds).toMatchObject({ on: 'redirect', header: 'Access-Control-Allow-Credentials', value: 'true' });
  });
  it('summaries and MDN links', () => {
    for (const code of CORS_ERRORS) {
      expect(SHORT[code].length).toBeGreaterThan(5);
      expect(learnMoreUrl(code)).toMatch(/^https:\/\//);
    }
    expect(Object.keys(LEARN_MORE).length).toBeGreaterThan(15);
  });
});

describe('snippets', () => {
  it('carry the origin, credentials, methods and headers for each server', () => {
    const s = corsSnippets(policy);
    expect(Object.keys(s).sort()).toEqual(['apache', 'django', 'express', 'flask', 'nginx']);
    expect(s.express).toContain('origin: "https://a.test"');
    expect(s.express).toContain('credentials: true');
    expect(s.express).toContain('allowedHeaders: ["x-api-key"]');
    expect(s.nginx).toContain('add_header Access-Control-Allow-Methods "GET, HEAD, POST, PUT" always;');
    expect(s.nginx).toContain('return 204;');
    expect(s.apache).toContain('Header always set Access-Control-Allow-Credentials "true"');
    expect(s.flask).toBe('from flask_cors import CORS\n\nCORS(app, origins=["https://a.test"], supports_credentials=True, methods=["GET", "HEAD", "POST", "PUT"], allow_headers=["x-api-key"])');
    expect(s.django).toContain('CORS_ALLOW_HEADERS = (*default_headers, "x-api-key")');
    expect(s.django).toContain('CORS_ALLOW_CREDENTIALS = True');
  });
  it('* without Vary, and hostile values cannot break out of quotes', () => {
    const s = corsSnippets({ origin: '*', credentials: false, methods: [], headers: ['a"b'], expose: [] });
    expect(s.nginx).not.toContain('Vary');
    expect(s.django).toContain('CORS_ALLOW_ALL_ORIGINS = True');
    // Escaped, not altered: dropping the quote would allow a different header (snippets.test.ts has the rest).
    expect(s.nginx).toContain('add_header Access-Control-Allow-Headers "a\\"b" always;');
  });
});

describe('auth gateway detection', () => {
  const h = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));
  it('Cloudflare Access login redirect', () => {
    const g = detectAuthGateway({ status: 302, headers: h([['Location', 'https://team.cloudflareaccess.com/cdn-cgi/access/login/x']]) });
    expect(g?.product).toBe('Cloudflare Access');
  });
  it('401/403 and WWW-Authenticate', () => {
    expect(detectAuthGateway({ status: 401, headers: h([['WWW-Authenticate', 'Basic realm="x"']]) })?.evidence).toHaveLength(2);
    // A 403 counts only beside real evidence of a gateway (a bare 403 is tested below: not a gateway).
    expect(detectAuthGateway({ status: 403, headers: h([['cf-access-domain', 'team.cloudflareaccess.com']]) })?.evidence[0]).toContain('403');
    expect(detectAuthGateway({ status: 302, headers: h([['Location', 'https://sso.corp.test/oauth2/start?rd=x']]) })?.product).toBe('oauth2-proxy');
  });
  it('a bare 403 is not a gateway (a CORS middleware refusing the origin answers so too); access-proxy cookies and WWW-Authenticate are', () => {
    expect(detectAuthGateway({ status: 403, headers: [] })).toBeNull();
    expect(detectAuthGateway({ status: 403, headers: h([['Content-Type', 'text/plain'], ['Vary', 'Origin']]) })).toBeNull();
    expect(detectAuthGateway({ status: 403, headers: h([['WWW-Authenticate', 'Bearer']]) })?.evidence).toEqual(['the preflight got 403 (forbidden)', 'it asks for credentials (`WWW-Authenticate: Bearer`)']);
    expect(detectAuthGateway({ status: 403, headers: h([['Set-Cookie', 'CF_Authorization=x; Path=/']]) })?.product).toBe('Cloudflare Access');
    expect(detectAuthGateway({ status: 403, headers: h([['Set-Cookie', '_oauth2_proxy_csrf=x; Path=/']]) })?.product).toBe('oauth2-proxy');
  });
  it('ordinary answers are not a gateway', () => {
    expect(detectAuthGateway({ status: 204, headers: [] })).toBeNull();
    expect(detectAuthGateway({ status: 404, headers: [] })).toBeNull();
    expect(detectAuthGateway({ status: 301, headers: h([['Location', 'https://b.test/x/']]) })).toBeNull();
    expect(detectAuthGateway(undefined)).toBeNull();
  });
});

describe('InvalidLocalNetworkAccess console line', () => {
  it('names the declared space, then the one found; the two are parsed back for a capture', () => {
    const line = chromeMessage({ code: 'InvalidLocalNetworkAccess', initiator: 'fetch', firstUrl: 'http://api.b.test/x', lastUrl: 'http://api.b.test/x', origin: 'http://a.test', failedParameter: '', addressSpace: 'loopback', targetAddressSpace: 'local' });
    expect(line).toContain('Request had a target IP address space of `local` yet the resource is in address space `loopback`.');
    expect(parseInvalidLocalNetworkAccess(line!)).toEqual({ targetAddressSpace: 'local', addressSpace: 'loopback' });
    expect(parseInvalidLocalNetworkAccess('Permission was denied for this request to access the `loopback` address space.')).toBeNull();
  });
});
