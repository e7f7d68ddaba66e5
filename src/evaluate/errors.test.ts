/**
 * One flow per CorsError an HTTP exchange can produce: code, failedParameter, location, Chromium
 * 156's console line (texts as printed by Chromium 156 in .scratch probes and the conformance
 * recordings), Firefox's lines (as firefox-esr 153 printed them for the same exchanges, except the
 * LNA and no-cors cases, where it prints no CORS line), a why and a fix.
 */
import { describe, expect, it } from 'vitest';
import type { CorsError, EvaluationContext } from '../model/index.ts';
import { buildFlow, type HopSpec, type RequestSpec } from './flow-builder.ts';
import { evaluate } from './index.ts';

const ctx: EvaluationContext = { browser: 'chrome', thirdPartyCookies: 'allowed' };
const O = 'http://app.site-a.test';
const API = 'http://api.site-b.test/x';
const ACAO: [string, string] = ['Access-Control-Allow-Origin', O];
const FF = (url: string) => `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${url}. `;
const FF_NULL = (url: string) => `${FF(url)}(Reason: CORS request did not succeed). Status code: (null).`;
const CH = (reason: string, kind = 'fetch', url = API) => `Access to ${kind} at '${url}' from origin '${O}' has been blocked by CORS policy: ${reason}`;
const PRE = "Response to preflight request doesn't pass access control check: ";

interface Case {
  name: string;
  req: Partial<RequestSpec>;
  hops: HopSpec[];
  code: CorsError;
  param: string;
  stage: 'preflight' | 'actual';
  hop?: number;
  chrome: string;
  firefox: string | null;
  fixOn: string;
}

const cases: Case[] = [
  {
    name: 'no ACAO on a simple GET',
    req: {},
    hops: [{ status: 200 }],
    code: 'MissingAllowOriginHeader',
    param: '',
    stage: 'actual',
    chrome: CH("No 'Access-Control-Allow-Origin' header is present on the requested resource."),
    firefox: `${FF(API)}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`,
    fixOn: 'actual',
  },
  {
    name: 'ACAO for another origin (fetch adds a sentence)',
    req: {},
    hops: [{ headers: [['Access-Control-Allow-Origin', 'http://x.test']] }],
    code: 'AllowOriginMismatch',
    param: 'http://x.test',
    stage: 'actual',
    chrome: CH("The 'Access-Control-Allow-Origin' header has a value 'http://x.test' that is not equal to the supplied origin. Have the server send the header with a valid value."),
    firefox: `${FF(API)}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://x.test’).`,
    fixOn: 'actual',
  },
  {
    name: 'ACAO for another origin (XHR wording, no extra sentence)',
    req: { initiatorType: 'xmlhttprequest' },
    hops: [{ headers: [['Access-Control-Allow-Origin', 'http://x.test']] }],
    code: 'AllowOriginMismatch',
    param: 'http://x.test',
    stage: 'actual',
    chrome: CH("The 'Access-Control-Allow-Origin' header has a value 'http://x.test' that is not equal to the supplied origin.", 'XMLHttpRequest'),
    firefox: `${FF(API)}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://x.test’).`,
    fixOn: 'actual',
  },
  {
    name: 'two ACAO lines',
    req: {},
    hops: [{ headers: [ACAO, ACAO] }],
    code: 'MultipleAllowOriginValues',
    param: `${O}, ${O}`,
    stage: 'actual',
    chrome: CH(`The 'Access-Control-Allow-Origin' header contains multiple values '${O}, ${O}', but only one is allowed. Have the server send the header with a valid value.`),
    firefox: `${FF(API)}(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
    fixOn: 'actual',
  },
  {
    name: 'a value with a space reads as several',
    req: {},
    hops: [{ headers: [['Access-Control-Allow-Origin', 'not a url']] }],
    code: 'MultipleAllowOriginValues',
    param: 'not a url',
    stage: 'actual',
    chrome: CH("The 'Access-Control-Allow-Origin' header contains multiple values 'not a url', but only one is allowed. Have the server send the header with a valid value."),
    firefox: `${FF(API)}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘not a url’).`,
    fixOn: 'actual',
  },
  {
    name: 'an invalid ACAO value',
    req: {},
    hops: [{ headers: [['Access-Control-Allow-Origin', 'notaurl']] }],
    code: 'InvalidAllowOriginValue',
    param: 'notaurl',
    stage: 'actual',
    chrome: CH("The 'Access-Control-Allow-Origin' header contains the invalid value 'notaurl'. Have the server send the header with a valid value."),
    firefox: `${FF(API)}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘notaurl’).`,
    fixOn: 'actual',
  },
  {
    name: '* with credentials (XHR)',
    req: { initiatorType: 'xmlhttprequest', credentials: 'include' },
    hops: [{ headers: [['Access-Control-Allow-Origin', '*']] }],
    code: 'WildcardOriginNotAllowed',
    param: '',
    stage: 'actual',
    chrome: CH("The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.", 'XMLHttpRequest'),
    firefox: `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${API}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
    fixOn: 'actual',
  },
  {
    name: 'credentials without ACAC (XHR)',
    req: { initiatorType: 'xmlhttprequest', credentials: 'include' },
    hops: [{ headers: [ACAO] }],
    code: 'InvalidAllowCredentials',
    param: '',
    stage: 'actual',
    chrome: CH("The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.", 'XMLHttpRequest'),
    firefox: `${FF(API)}(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
    fixOn: 'actual',
  },
  {
    name: 'preflight 401 without ACAO: the CORS check wins over the status',
    req: { method: 'PUT' },
    hops: [{ noResponse: true, error: 'net::ERR_FAILED', preflight: { status: 401 } }],
    code: 'PreflightMissingAllowOriginHeader',
    param: '',
    stage: 'preflight',
    chrome: CH(`${PRE}No 'Access-Control-Allow-Origin' header is present on the requested resource.`),
    firefox: `${FF(API)}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 401.\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'preflight 500 with ACAO',
    req: { method: 'PUT' },
    hops: [{ noResponse: true, preflight: { status: 500, headers: [ACAO] } }],
    code: 'PreflightInvalidStatus',
    param: '',
    stage: 'preflight',
    chrome: CH(`${PRE}It does not have HTTP ok status.`),
    firefox: `${FF(API)}(Reason: CORS preflight response did not succeed). Status code: 500.\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'redirected preflight',
    req: { method: 'PUT' },
    hops: [{ noResponse: true, preflight: { status: 302, headers: [['Location', '/y'], ACAO] } }],
    code: 'PreflightDisallowedRedirect',
    param: '',
    stage: 'preflight',
    chrome: CH(`${PRE}Redirect is not allowed for a preflight request.`),
    firefox: `${FF(API)}(Reason: CORS request external redirect not allowed).\n${FF(API)}(Reason: CORS preflight response did not succeed). Status code: 302.\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: '* on a credentialed preflight',
    req: { method: 'PUT', credentials: 'include', initiatorType: 'xmlhttprequest' },
    hops: [{ noResponse: true, preflight: { headers: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT']] } }],
    code: 'PreflightWildcardOriginNotAllowed',
    param: '',
    stage: 'preflight',
    chrome: CH(`${PRE}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.`, 'XMLHttpRequest'),
    firefox: `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${API}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'ACAC True on the preflight',
    req: { method: 'PUT', credentials: 'include' },
    hops: [{ noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Credentials', 'True']] } }],
    code: 'PreflightInvalidAllowCredentials',
    param: 'True',
    stage: 'preflight',
    chrome: CH(`${PRE}The value of the 'Access-Control-Allow-Credentials' header in the response is 'True' which must be 'true' when the request's credentials mode is 'include'.`),
    firefox: `${FF(API)}(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'preflight ACAO mismatch',
    req: { method: 'DELETE' },
    hops: [{ noResponse: true, preflight: { headers: [['Access-Control-Allow-Origin', `${O}/`]] } }],
    code: 'PreflightAllowOriginMismatch',
    param: `${O}/`,
    stage: 'preflight',
    chrome: CH(`${PRE}The 'Access-Control-Allow-Origin' header has a value '${O}/' that is not equal to the supplied origin. Have the server send the header with a valid value.`),
    firefox: `${FF(API)}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘${O}/’).\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'preflight with two ACAO values',
    req: { method: 'DELETE' },
    hops: [{ noResponse: true, preflight: { headers: [['Access-Control-Allow-Origin', `${O},${O}`]] } }],
    code: 'PreflightMultipleAllowOriginValues',
    param: `${O},${O}`,
    stage: 'preflight',
    chrome: CH(`${PRE}The 'Access-Control-Allow-Origin' header contains multiple values '${O},${O}', but only one is allowed. Have the server send the header with a valid value.`),
    firefox: `${FF(API)}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘${O},${O}’).\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'preflight with an invalid ACAO',
    req: { method: 'DELETE', initiatorType: 'xmlhttprequest' },
    hops: [{ noResponse: true, preflight: { headers: [['Access-Control-Allow-Origin', 'app.site-a.test']] } }],
    code: 'PreflightInvalidAllowOriginValue',
    param: 'app.site-a.test',
    stage: 'preflight',
    chrome: CH(`${PRE}The 'Access-Control-Allow-Origin' header contains the invalid value 'app.site-a.test'.`, 'XMLHttpRequest'),
    firefox: `${FF(API)}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘app.site-a.test’).\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'unparseable ACAM (Firefox names the token)',
    req: { method: 'PUT' },
    hops: [{ noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'PUT DELETE']] } }],
    code: 'InvalidAllowMethodsPreflightResponse',
    param: '',
    stage: 'preflight',
    chrome: CH('Cannot parse Access-Control-Allow-Methods response header field in preflight response.'),
    firefox: `${FF(API)}(Reason: invalid token ‘PUT DELETE’ in CORS header ‘Access-Control-Allow-Methods’).\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'unparseable ACAH',
    req: { headers: [['X-A', '1']] },
    hops: [{ noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Headers', 'x-a; x-b']] } }],
    code: 'InvalidAllowHeadersPreflightResponse',
    param: '',
    stage: 'preflight',
    chrome: CH('Cannot parse Access-Control-Allow-Headers response header field in preflight response.'),
    firefox: `${FF(API)}(Reason: invalid token ‘x-a; x-b’ in CORS header ‘Access-Control-Allow-Headers’).\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'lower-case patch is not allowed by PATCH',
    req: { method: 'patch' },
    hops: [{ noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'PATCH']] } }],
    code: 'MethodDisallowedByPreflightResponse',
    param: 'patch',
    stage: 'preflight',
    chrome: CH('Method patch is not allowed by Access-Control-Allow-Methods in preflight response.'),
    firefox: `${FF(API)}(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'the first disallowed header in sorted order',
    req: { headers: [['X-Zed', '1'], ['X-Abc', '2']] },
    hops: [{ noResponse: true, preflight: { headers: [ACAO] } }],
    code: 'HeaderDisallowedByPreflightResponse',
    param: 'x-abc',
    stage: 'preflight',
    chrome: CH('Request header field x-abc is not allowed by Access-Control-Allow-Headers in preflight response.'),
    firefox: `${FF(API)}(Reason: header ‘x-abc’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).\n${FF_NULL(API)}`,
    fixOn: 'preflight',
  },
  {
    name: 'a redirect to a URL with userinfo (empty failedParameter in Chromium 156)',
    req: {},
    hops: [{ status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', 'http://user:pw@api.site-c.test/g']] }],
    code: 'RedirectContainsCredentials',
    param: '',
    stage: 'actual',
    chrome: CH("Redirect location '' contains a username and password, which is disallowed for cross-origin requests."),
    firefox: FF_NULL(API),
    fixOn: 'redirect',
  },
  {
    name: 'a redirect to ftp:',
    req: {},
    hops: [{ headers: [['Access-Control-Allow-Origin', '*']], location: 'ftp://x.test/a' }],
    code: 'CorsDisabledScheme',
    param: '',
    stage: 'actual',
    chrome: `Access to fetch at 'ftp://x.test/a' (redirected from '${API}') from origin '${O}' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app.`,
    firefox: `${FF('ftp://x.test/a')}(Reason: CORS request not http).\n${FF_NULL(API)}`,
    fixOn: 'request',
  },
  {
    name: "fetch with mode 'same-origin' to another origin",
    req: { mode: 'same-origin' },
    hops: [{ noResponse: true, error: 'net::ERR_FAILED' }],
    code: 'DisallowedByMode',
    param: '',
    stage: 'actual',
    chrome: `Fetch API cannot load ${API}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${O}.`,
    firefox: `Security Error: Content at ${O}/ may not load data from ${API}.`,
    fixOn: 'request',
  },
  {
    name: 'an insecure public page reaching loopback',
    req: { initiatorAddressSpace: 'public' },
    hops: [{ noResponse: true, error: 'net::ERR_FAILED', addressSpace: 'loopback' }],
    code: 'InsecureLocalNetwork',
    param: '',
    stage: 'actual',
    chrome: CH('The request client is not a secure context and the resource is in more-private address space `loopback`.'),
    firefox: null,
    fixOn: 'request',
  },
  {
    // Live capture: Chromium 156 ends the refused request in net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS
    // and reports no IP, so neither address space is known.
    name: 'a request Local Network Access refused, seen only by its error',
    req: {},
    hops: [{ noResponse: true, error: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS' }],
    code: 'InsecureLocalNetwork',
    param: '',
    stage: 'actual',
    chrome: CH('The request client is not a secure context and the resource is in more-private address space `local`.'),
    firefox: null,
    fixOn: 'request',
  },
  {
    name: "no-cors with redirect: 'manual'",
    req: { mode: 'no-cors', redirect: 'manual' },
    hops: [{ noResponse: true, error: 'net::ERR_FAILED' }],
    code: 'NoCorsRedirectModeNotFollow',
    param: '',
    stage: 'actual',
    chrome: `Fetch API cannot load ${API}. Request mode is "no-cors" but the redirect mode is not "follow".`,
    firefox: null,
    fixOn: 'request',
  },
];

describe('every CorsError an exchange can produce: code, parameter, messages, why, fix', () => {
  for (const c of cases) {
    it(c.name, () => {
      const flow = buildFlow({ url: API, origin: O, ...c.req }, c.hops);
      const e = evaluate(flow, ctx);
      expect(e.verdict).toBe('blocked');
      expect(e.error?.code).toBe(c.code);
      expect(e.error?.failedParameter).toBe(c.param);
      expect(e.error?.location.stage).toBe(c.stage);
      expect(e.error?.location.hop).toBe(c.hop ?? 0);
      expect(e.error?.messages.chrome).toBe(c.chrome);
      expect(e.error?.messages.firefox).toBe(c.firefox);
      expect(e.error?.why.length).toBeGreaterThan(40);
      expect(e.error?.fix?.on).toBe(c.fixOn);
      expect(e.readableResponseHeaders).toEqual([]);
    });
  }

  it('several disallowed headers: Chromium names the first in its header-map order, Firefox the first by name', () => {
    const long = `application/${'v'.repeat(130)}`;
    const flow = buildFlow({ url: API, origin: O, method: 'PUT', headers: [['Accept', long], ['Authorization', 'Bearer t']] }, [
      { noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'PUT']] } },
    ]);
    flow.request.hasBody = true;
    const e = evaluate(flow, ctx);
    expect(e.error?.failedParameter).toBe('authorization');
    expect(e.error?.messages.firefox?.split('\n')[0]).toContain('header ‘accept’ is not allowed');
    expect(e.classification.requestHeadersForPreflight).toBe('accept,authorization');
  });

  it('Firefox checks the method before parsing Access-Control-Allow-Headers; Chromium parses both first', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT', headers: [['X-A', '1']] }, [{ noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Headers', 'x;y']] } }]);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('InvalidAllowHeadersPreflightResponse');
    expect(e.error?.messages.firefox).toBe(`${FF(API)}(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).\n${FF_NULL(API)}`);
  });

  it('a secure page denied local network access (headless denies the prompt)', () => {
    const flow = buildFlow({ url: 'https://api.site-b.test/lna', origin: 'https://app.site-a.test', initiatorAddressSpace: 'public' }, [{ noResponse: true, error: 'net::ERR_FAILED', addressSpace: 'loopback' }]);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('LocalNetworkAccessPermissionDenied');
    expect(e.error?.messages.chrome).toBe(
      "Access to fetch at 'https://api.site-b.test/lna' from origin 'https://app.site-a.test' has been blocked by CORS policy: Permission was denied for this request to access the `loopback` address space.",
    );
  });

  it('a secure page that got an answer from the local network was granted access', () => {
    const flow = buildFlow({ url: 'https://api.site-b.test/lna', origin: 'https://app.site-a.test', initiatorAddressSpace: 'public' }, [{ headers: [['Access-Control-Allow-Origin', '*']], ip: '127.0.0.1' }]);
    expect(evaluate(flow, ctx).verdict).toBe('allowed');
  });

  it('LNA: the space named, an answered request passes, a same-space request passes, no answer yet is pending', () => {
    const local = buildFlow({ url: API, origin: O, initiatorAddressSpace: 'public' }, [{ noResponse: true, error: 'net::ERR_FAILED', addressSpace: 'local' }]);
    expect(evaluate(local, ctx).error?.messages.chrome).toContain('more-private address space `local`');
    // A response proves the request went through: that browser did not block it.
    const answered = buildFlow({ url: API, origin: O, initiatorAddressSpace: 'public' }, [{ headers: [['Access-Control-Allow-Origin', '*']], ip: '192.168.1.2' }]);
    expect(evaluate(answered, ctx).verdict).toBe('allowed');
    expect(evaluate(buildFlow({ url: API, origin: O, initiatorAddressSpace: 'public' }, [{ noResponse: true, addressSpace: 'loopback' }]), ctx).verdict).toBe('pending');
    const same = buildFlow({ url: API, origin: O, initiatorAddressSpace: 'loopback' }, [{ headers: [['Access-Control-Allow-Origin', '*']], ip: '127.0.0.1' }]);
    expect(evaluate(same, ctx).verdict).toBe('allowed');
  });

  it('after a cross-origin redirect the request says null and the page origin no longer matches', () => {
    const flow = buildFlow({ url: API, origin: O }, [
      { headers: [['Access-Control-Allow-Origin', '*']], location: 'http://api.site-c.test/t' },
      { headers: [ACAO] },
    ]);
    const e = evaluate(flow, ctx);
    expect(e.classification.originPerHop).toEqual([O, 'null']);
    expect(e.error?.code).toBe('AllowOriginMismatch');
    expect(e.error?.failedParameter).toBe(O);
    expect(e.error?.location).toEqual({ hop: 1, stage: 'actual', url: 'http://api.site-c.test/t' });
    expect(e.error?.messages.chrome).toBe(
      `Access to fetch at 'http://api.site-c.test/t' (redirected from '${API}') from origin '${O}' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value '${O}' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
    );
    expect(e.error?.messages.firefox).toBe(`${FF('http://api.site-c.test/t')}(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘${O}’).`);
    expect(e.error?.why).toContain('Origin: null');
    expect(e.error?.fix?.value).toBe('*');
  });

  it('a redirect response without ACAO fails at the redirect hop (URL of that hop, no "redirected from")', () => {
    const flow = buildFlow({ url: API, origin: O }, [{ location: 'http://api.site-c.test/t' }, { headers: [['Access-Control-Allow-Origin', '*']] }]);
    const e = evaluate(flow, ctx);
    expect(e.error?.location).toEqual({ hop: 0, stage: 'actual', url: API });
    expect(e.error?.messages.chrome).toBe(CH("No 'Access-Control-Allow-Origin' header is present on the requested resource."));
    expect(e.error?.messages.firefox).toBe(`${FF(API)}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 302.\n${FF_NULL(API)}`);
    expect(e.error?.fix?.on).toBe('redirect');
  });

  it('the auth-gateway case: a preflight redirected to Cloudflare Access', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT', credentials: 'include' }, [
      { noResponse: true, error: 'net::ERR_FAILED', preflight: { status: 302, headers: [['Location', 'https://team.cloudflareaccess.com/cdn-cgi/access/login/api.site-b.test?redirect_url=%2Fx']] } },
    ]);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('PreflightDisallowedRedirect');
    expect(e.error?.fix?.summary).toContain('Cloudflare Access');
    expect(e.error?.fix?.summary).toContain('never send cookies');
    expect(e.error?.why).toContain('authentication gateway');
  });

  it('the auth-gateway case: a 401 preflight with WWW-Authenticate', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT' }, [{ noResponse: true, preflight: { status: 401, headers: [ACAO, ['WWW-Authenticate', 'Bearer']] } }]);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('PreflightInvalidStatus');
    expect(e.error?.fix?.summary).toMatch(/authentication layer.*401/);
  });
});

describe('unparseable Access-Control-Allow-Methods/-Headers: the fix says what was wrong, never an empty value', () => {
  it('PUT without custom headers, Access-Control-Allow-Headers: x y', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT' }, [{ noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x y']] } }]);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('InvalidAllowHeadersPreflightResponse');
    const fix = e.error!.fix!;
    expect(fix.summary).toContain('`Access-Control-Allow-Headers: x y` is not a comma-separated list of header names: `x y` is not one name');
    expect(fix.summary).toContain('fix the syntax');
    expect(fix.summary).toContain('or remove the header');
    expect(fix.value).toBeUndefined();
    expect(fix.summary).not.toMatch(/Access-Control-Allow-Headers: ?`/);
  });
  it('with a custom header, the value to send lists it', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT', headers: [['X-A', '1']] }, [{ noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Headers', 'x-a; x-b']] } }]);
    const fix = evaluate(flow, ctx).error!.fix!;
    expect(fix.value).toBe('x-a');
    expect(fix.summary).toContain('`x-a; x-b` is not one name');
  });
  it('a GET preflighted only for its header, Access-Control-Allow-Methods: GET;POST', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'GET', headers: [['X-A', '1']] }, [{ noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'GET;POST'], ['Access-Control-Allow-Headers', 'x-a']] } }]);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('InvalidAllowMethodsPreflightResponse');
    const fix = e.error!.fix!;
    expect(fix.summary).toContain('`GET;POST` is not one name');
    expect(fix.summary).toContain('or remove the header');
    expect(fix.value).toBeUndefined();
  });
  it('PUT, Access-Control-Allow-Methods: PUT DELETE: send a list that holds PUT', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT' }, [{ noResponse: true, preflight: { headers: [ACAO, ['Access-Control-Allow-Methods', 'PUT DELETE']] } }]);
    const fix = evaluate(flow, ctx).error!.fix!;
    expect(fix.value).toBe('PUT, GET, POST');
    expect(fix.summary).toContain('`PUT DELETE` is not one name');
  });
});

describe('a preflight refused with 403', () => {
  it('bare (Spring-style "Invalid CORS request"): the advice covers the CORS configuration and an auth layer, and asserts no gateway', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT', headers: [['X-A', '1']] }, [{ noResponse: true, preflight: { status: 403, headers: [['Content-Type', 'text/plain']] } }]);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('PreflightMissingAllowOriginHeader');
    expect(e.error?.why).not.toContain('authentication gateway');
    const fix = e.error!.fix!;
    expect(fix.value).toBe(O);
    expect(fix.summary).toContain("the server's CORS configuration");
    expect(fix.summary).toContain('allow the origin `http://app.site-a.test`, the method `PUT`, the headers `x-a`');
    expect(fix.summary).toContain('Otherwise an authentication layer');
    expect(fix.summary).not.toContain('was answered by');
  });
  it('bare, with CORS headers: PreflightInvalidStatus says the same', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT' }, [{ noResponse: true, preflight: { status: 403, headers: [ACAO] } }]);
    const e = evaluate(flow, ctx);
    expect(e.error?.code).toBe('PreflightInvalidStatus');
    expect(e.error?.why).not.toContain('authentication gateway');
    expect(e.error?.fix?.summary).toContain("the server's CORS configuration");
    expect(e.error?.fix?.summary).toContain('Otherwise an authentication layer');
  });
  it('with Cloudflare Access headers: a gateway, named', () => {
    const flow = buildFlow({ url: API, origin: O, method: 'PUT' }, [{ noResponse: true, preflight: { status: 403, headers: [['cf-access-domain', 'team.cloudflareaccess.com']] } }]);
    const e = evaluate(flow, ctx);
    expect(e.error?.why).toContain('authentication gateway');
    expect(e.error?.fix?.summary).toContain('Cloudflare Access');
  });
});

describe("fetch()'s targetAddressSpace (InvalidLocalNetworkAccess, as Chromium 156 printed it)", () => {
  const LOOP = 'http://api.site-b.test:4280/c/x';
  const flow = (declared: 'local' | 'loopback' | 'public', initiatorAddressSpace: 'loopback' | 'public' = 'loopback') =>
    buildFlow({ url: LOOP, origin: 'http://app.site-a.test:4280', targetAddressSpace: declared, initiatorAddressSpace }, [{ noResponse: true, error: 'net::ERR_FAILED', addressSpace: 'loopback' }]);
  it('a loopback server declared `local`: blocked before anything is sent, both spaces named', () => {
    const e = evaluate(flow('local'), ctx);
    expect(e.verdict).toBe('blocked');
    expect(e.error?.code).toBe('InvalidLocalNetworkAccess');
    expect(e.error?.failedParameter).toBe('');
    expect(e.error?.messages.chrome).toBe(
      "Access to fetch at 'http://api.site-b.test:4280/c/x' from origin 'http://app.site-a.test:4280' has been blocked by CORS policy: Request had a target IP address space of `local` yet the resource is in address space `loopback`.",
    );
    expect(e.error?.messages.firefox).toBeNull(); // Firefox has no targetAddressSpace
    expect(e.error?.fix?.summary).toContain("Declare `targetAddressSpace: 'loopback'`");
  });
  it('declared `public` from a public http page: the mismatch comes before InsecureLocalNetwork', () => {
    expect(evaluate(flow('public', 'public'), ctx).error?.messages.chrome).toContain('Request had a target IP address space of `public` yet the resource is in address space `loopback`.');
  });
  it('declared as it is: no InvalidLocalNetworkAccess (a public http page then meets InsecureLocalNetwork)', () => {
    expect(evaluate(flow('loopback', 'public'), ctx).error?.code).toBe('InsecureLocalNetwork');
    const ok = buildFlow({ url: LOOP, origin: 'http://app.site-a.test:4280', targetAddressSpace: 'loopback', initiatorAddressSpace: 'loopback' }, [{ headers: [['Access-Control-Allow-Origin', 'http://app.site-a.test:4280']], addressSpace: 'loopback' }]);
    expect(evaluate(ok, ctx).verdict).toBe('allowed');
  });
});
