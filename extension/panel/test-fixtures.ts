/**
 * Hand-made flows and evaluations for the panel's component tests (and the render bench). They
 * have the shape the correlator and the evaluator produce; the texts are what Chromium 156 and
 * Firefox print for these exchanges.
 */
import type { Evaluation, Finding, Flow, Hop } from '../../src/model/index.ts';

export const PAGE = 'http://app.site-a.test:4200';
export const API = 'http://api.site-b.test:4200';

const classification = (over: Partial<Evaluation['classification']> = {}): Evaluation['classification'] => ({
  crossOrigin: true,
  sameSite: false,
  needsPreflight: false,
  preflightReasons: [],
  requestHeadersForPreflight: '',
  originPerHop: [PAGE],
  ...over,
});

export function evaluationOf(flow: Flow, over: Partial<Evaluation> = {}): Evaluation {
  return {
    flowId: flow.id,
    verdict: 'allowed',
    error: null,
    warnings: [],
    classification: classification(),
    readableResponseHeaders: [],
    readable: [],
    hiddenResponseHeaders: [],
    cookies: [],
    summary: 'Allowed',
    ...over,
  };
}

function flowOf(id: string, method: string, url: string, hops: Hop[], over: Partial<Flow> = {}): Flow {
  return {
    id,
    request: { url, method, headers: [], mode: 'cors', credentials: 'same-origin', initiatorType: 'fetch', origin: PAGE },
    hops,
    inferred: [],
    source: 'live',
    ...over,
  };
}

// --- A PUT whose preflight does not allow X-Api-Key -------------------------------------------
const putUrl = `${API}/lab/put-refused`;
export const putRefusedFlow: Flow = flowOf(
  'f-put',
  'PUT',
  putUrl,
  [
    {
      request: { url: putUrl, method: 'PUT', headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'X-Api-Key', value: 'lab-key' }] },
      sent: false,
      error: 'net::ERR_FAILED',
      preflight: {
        request: {
          url: putUrl,
          method: 'OPTIONS',
          headers: [
            { name: 'Origin', value: PAGE },
            { name: 'Access-Control-Request-Method', value: 'PUT' },
            { name: 'Access-Control-Request-Headers', value: 'content-type,x-api-key' },
          ],
        },
        response: {
          status: 204,
          statusText: 'No Content',
          headers: [
            { name: 'Access-Control-Allow-Origin', value: PAGE },
            { name: 'Access-Control-Allow-Methods', value: 'GET, POST, PUT' },
            { name: 'Date', value: 'Sun, 29 Nov 2026 21:00:00 GMT' },
          ],
        },
      },
    },
  ],
  { error: 'net::ERR_FAILED' },
);
putRefusedFlow.request.headers = [
  { name: 'Content-Type', value: 'application/json' },
  { name: 'X-Api-Key', value: 'lab-key' },
];

export const CHROME_PUT_MESSAGE = `Access to fetch at '${putUrl}' from origin '${PAGE}' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.`;
export const FIREFOX_PUT_MESSAGE = `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${putUrl}. (Reason: header ‘x-api-key’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`;

export const putRefusedFinding: Finding = {
  code: 'HeaderDisallowedByPreflightResponse',
  severity: 'error',
  failedParameter: 'x-api-key',
  location: { hop: 0, stage: 'preflight', url: putUrl },
  messages: { chrome: CHROME_PUT_MESSAGE, firefox: FIREFOX_PUT_MESSAGE },
  why: 'The page sends the header X-Api-Key, so the browser first asked the server whether that is allowed. The server’s answer did not list it.',
  fix: {
    summary: 'Add Access-Control-Allow-Headers: content-type, x-api-key to the preflight (OPTIONS) response.',
    on: 'preflight',
    header: 'Access-Control-Allow-Headers',
    value: 'content-type, x-api-key',
    snippets: {
      express: "res.set('Access-Control-Allow-Headers', 'content-type, x-api-key');",
      nginx: "add_header Access-Control-Allow-Headers 'content-type, x-api-key' always;",
      apache: 'Header always set Access-Control-Allow-Headers "content-type, x-api-key"',
      flask: "response.headers['Access-Control-Allow-Headers'] = 'content-type, x-api-key'",
      django: "response['Access-Control-Allow-Headers'] = 'content-type, x-api-key'",
    },
  },
  learnMore: 'https://developer.mozilla.org/docs/Web/HTTP/CORS/Errors/CORSMissingAllowHeaderFromPreflight',
};

export const putRefusedEvaluation: Evaluation = evaluationOf(putRefusedFlow, {
  verdict: 'blocked',
  error: putRefusedFinding,
  classification: classification({
    needsPreflight: true,
    preflightReasons: [
      { kind: 'method', subject: 'PUT', detail: 'PUT is not one of GET, HEAD and POST.' },
      { kind: 'header', subject: 'x-api-key', detail: 'X-Api-Key is not a CORS-safelisted request header.' },
    ],
    requestHeadersForPreflight: 'content-type,x-api-key',
  }),
  hiddenResponseHeaders: [],
  summary: 'Blocked: the preflight does not allow the header x-api-key',
});

// --- A simple GET answered without Access-Control-Allow-Origin ---------------------------------
const getUrl = `${API}/lab/no-acao`;
export const noAcaoFlow: Flow = flowOf(
  'f-get',
  'GET',
  getUrl,
  [
    {
      request: { url: getUrl, method: 'GET', headers: [{ name: 'Origin', value: PAGE }, { name: 'Accept', value: '*/*' }] },
      response: { status: 200, statusText: 'OK', headers: [{ name: 'Content-Type', value: 'application/json' }] },
      sent: true,
      error: 'net::ERR_FAILED',
    },
  ],
  { error: 'net::ERR_FAILED' },
);

export const noAcaoEvaluation: Evaluation = evaluationOf(noAcaoFlow, {
  verdict: 'blocked',
  error: {
    code: 'MissingAllowOriginHeader',
    severity: 'error',
    failedParameter: '',
    location: { hop: 0, stage: 'actual', url: getUrl },
    messages: {
      chrome: `Access to fetch at '${getUrl}' from origin '${PAGE}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
      firefox: `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${getUrl}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`,
    },
    why: 'The server answered, but did not say that pages from this origin may read the answer.',
    fix: {
      summary: `Add Access-Control-Allow-Origin: ${PAGE} to the response.`,
      on: 'actual',
      header: 'Access-Control-Allow-Origin',
      value: PAGE,
      snippets: { express: `res.set('Access-Control-Allow-Origin', '${PAGE}');` },
    },
  },
  hiddenResponseHeaders: [{ name: 'content-type', reason: 'opaque' }],
  summary: 'Blocked: no Access-Control-Allow-Origin',
});

// --- An allowed GET with a warning and cookies ---------------------------------------------------
const credUrl = `${API}/lab/credentialed`;
export const credentialedFlow: Flow = flowOf(
  'f-cred',
  'GET',
  credUrl,
  [
    {
      request: { url: credUrl, method: 'GET', headers: [{ name: 'Origin', value: PAGE }, { name: 'Cookie', value: 'theme=dark' }] },
      response: {
        status: 200,
        headers: [
          { name: 'Access-Control-Allow-Origin', value: PAGE },
          { name: 'Access-Control-Allow-Credentials', value: 'true' },
          { name: 'Set-Cookie', value: 'sid=abc123; Path=/' },
          { name: 'X-Request-Id', value: 'r-1' },
        ],
      },
      sent: true,
    },
  ],
);
credentialedFlow.request.credentials = 'include';

export const credentialedEvaluation: Evaluation = evaluationOf(credentialedFlow, {
  verdict: 'allowed',
  warnings: [
    {
      code: 'MissingVaryOrigin',
      severity: 'warning',
      failedParameter: '',
      location: { hop: 0, stage: 'actual', url: credUrl },
      messages: { chrome: null, firefox: null },
      why: 'The answer names one origin but does not say Vary: Origin, so a shared cache may give it to another origin.',
      fix: { summary: 'Add Vary: Origin to the response.', on: 'actual', header: 'Vary', value: 'Origin', snippets: {} },
    },
  ],
  readableResponseHeaders: ['content-type'],
  readable: [{ name: 'content-type', reason: 'safelisted' }],
  hiddenResponseHeaders: [
    { name: 'x-request-id', reason: 'not-safelisted' },
    { name: 'set-cookie', reason: 'never-readable' },
  ],
  cookies: [
    {
      name: 'sid',
      direction: 'set',
      outcome: 'blocked',
      reasons: ['SameSiteUnspecifiedTreatedAsLax'],
      hop: 0,
      stage: 'actual',
      domain: 'api.site-b.test',
      path: '/',
      raw: 'sid=abc123; Path=/',
      why: 'The cookie has no SameSite attribute, so the browser treats it as SameSite=Lax and does not store it from a cross-site request.',
    },
    {
      name: 'theme',
      direction: 'send',
      outcome: 'allowed',
      reasons: [],
      hop: 0,
      stage: 'actual',
      raw: 'theme=dark',
      why: 'Sent.',
    },
  ],
  summary: 'Allowed, with a warning',
});

// --- A PUT whose preflight was served from the preflight cache ----------------------------------
export const cachedPreflightFlow: Flow = flowOf(
  'f-cached',
  'PUT',
  `${API}/lab/put-allowed`,
  [
    {
      request: { url: `${API}/lab/put-allowed`, method: 'PUT', headers: [{ name: 'Origin', value: PAGE }] },
      response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
      sent: true,
    },
  ],
  { preflightCacheHit: { flowId: 'f-put', maxAgeSeconds: 600 } },
);
export const cachedPreflightEvaluation: Evaluation = evaluationOf(cachedPreflightFlow, {
  classification: classification({ needsPreflight: true, preflightReasons: [{ kind: 'method', subject: 'PUT', detail: 'PUT is not one of GET, HEAD and POST.' }] }),
});

// --- A redirected GET ----------------------------------------------------------------------------
const r1 = `${API}/lab/redirect-start`;
const r2 = 'http://api.site-c.test:4200/lab/redirect-end';
export const redirectFlow: Flow = flowOf('f-redirect', 'GET', r1, [
  {
    request: { url: r1, method: 'GET', headers: [{ name: 'Origin', value: PAGE }] },
    response: { status: 302, headers: [{ name: 'Location', value: r2 }, { name: 'Access-Control-Allow-Origin', value: PAGE }], redirectURL: r2 },
    sent: true,
  },
  {
    request: { url: r2, method: 'GET', headers: [{ name: 'Origin', value: 'null' }] },
    response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: PAGE }] },
    sent: true,
    error: 'net::ERR_FAILED',
  },
]);
export const redirectEvaluation: Evaluation = evaluationOf(redirectFlow, {
  verdict: 'blocked',
  error: {
    code: 'AllowOriginMismatch',
    severity: 'error',
    failedParameter: PAGE,
    location: { hop: 1, stage: 'actual', url: r2 },
    messages: {
      chrome: `Access to fetch at '${r2}' (redirected from '${r1}') from origin '${PAGE}' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value '${PAGE}' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
      firefox: null,
    },
    why: 'After a redirect to another origin the browser sends Origin: null, and the server allows only the page’s origin.',
    fix: null,
  },
  classification: classification({ originPerHop: [PAGE, 'null'] }),
  summary: 'Blocked after a redirect',
});

export const FIXTURES = [
  { flow: putRefusedFlow, evaluation: putRefusedEvaluation },
  { flow: noAcaoFlow, evaluation: noAcaoEvaluation },
  { flow: credentialedFlow, evaluation: credentialedEvaluation },
  { flow: cachedPreflightFlow, evaluation: cachedPreflightEvaluation },
  { flow: redirectFlow, evaluation: redirectEvaluation },
];
