import { describe, expect, it } from 'vitest';
import { CORS_ERRORS, WARNING_CODES } from '../model/index.ts';
import { segments } from './code-spans.ts';
import { fixFor, type FixInput } from './fixes.ts';
import { WHY } from './why.ts';

const PAGE = 'https://app.a.test';
const ALL = [...CORS_ERRORS, ...WARNING_CODES];

function input(over: Partial<FixInput>): FixInput {
  return {
    code: 'AllowOriginMismatch',
    failedParameter: 'x-api-key',
    stage: 'actual',
    redirectResponse: false,
    method: 'PUT',
    url: 'https://b.test/x',
    origin: PAGE,
    pageOrigin: PAGE,
    policy: { origin: PAGE, credentials: false, methods: ['PUT'], headers: ['x-api-key'], expose: [] },
    gateway: null,
    ...over,
  };
}

const plainParts = (text: string) =>
  segments(text)
    .filter((s) => !s.code)
    .map((s) => s.text)
    .join('');

describe('fixes agree with the Origin the request carried', () => {
  it('after a cross-origin redirect (Origin: null): never "name the page’s origin", never allow null with credentials', () => {
    for (const code of ALL) {
      for (const credentials of [false, true]) {
        for (const stage of ['actual', 'preflight'] as const) {
          const policy = { origin: credentials ? 'null' : '*', credentials, methods: [], headers: [], expose: [] };
          const fix = fixFor(input({ code, stage, origin: 'null', failedParameter: PAGE, policy }))!;
          expect(fix.summary, code).not.toMatch(/Name the page’s origin/);
          if (fix.header === 'Access-Control-Allow-Origin') {
            expect(fix.value, code).not.toBe('null');
            if (credentials) expect(fix.value, code).not.toBe('*');
            // The value the fix names is the one its sentence sends.
            expect(fix.summary, code).toContain(`Access-Control-Allow-Origin: ${fix.value}`);
          }
        }
      }
    }
  });

  it('a page with an opaque origin is told so', () => {
    const fix = fixFor(input({ origin: 'null', pageOrigin: 'null', policy: { origin: 'null', credentials: true, methods: [], headers: [], expose: [] } }))!;
    expect(fix.summary).toMatch(/^The page has an opaque origin/);
    expect(fix.header).toBeUndefined();
  });
});

describe('code spans in every text', () => {
  it('pair up: no stray backtick is left in the plain text, even with backticks in the values', () => {
    for (const code of ALL) {
      for (const failedParameter of ['x-api-key', 'x-`odd', '``', '']) {
        const i = input({ code, failedParameter, policy: { origin: PAGE, credentials: true, methods: ['PUT'], headers: ['x-`odd'], expose: ['x-`e'] } });
        const fix = fixFor(i)!;
        expect(plainParts(fix.summary), `${code} fix`).not.toContain('`');
        const why = WHY[code]({ failedParameter, origin: 'null', pageOrigin: PAGE, stage: 'actual', credentials: true, method: 'PUT', redirected: true });
        expect(plainParts(why), `${code} why`).not.toContain('`');
      }
    }
  });

  it('a header value with backticks comes back whole from its code span', () => {
    const fix = fixFor(input({ code: 'HeaderDisallowedByPreflightResponse', stage: 'preflight', failedParameter: 'x-`odd', policy: { origin: PAGE, credentials: false, methods: [], headers: [], expose: [] } }))!;
    expect(segments(fix.summary).filter((s) => s.code).map((s) => s.text)).toEqual(['x-`odd', 'Access-Control-Allow-Headers: x-`odd']);
  });
});

describe('fixes that said something else than their why', () => {
  it('Access-Control-Allow-External: ask for the header, not "a well-formed response"', () => {
    const fix = fixFor(input({ code: 'PreflightMissingAllowExternal', stage: 'preflight', failedParameter: '' }))!;
    expect(fix).toMatchObject({ header: 'Access-Control-Allow-External', value: 'true', on: 'preflight' });
    expect(fix.summary).not.toMatch(/well-formed/);
  });

  it('a missing Access-Control-Allow-Credentials on the preflight names the preflight response', () => {
    const fix = fixFor(input({ code: 'PreflightInvalidAllowCredentials', stage: 'preflight', failedParameter: '' }))!;
    expect(fix.summary).toBe(
      'The request carries credentials, so the preflight response must allow them. Send `Access-Control-Allow-Credentials: true` on the preflight response (OPTIONS https://b.test/x).',
    );
  });
});

describe('a method the browser keeps in lower case', () => {
  it('the fix allows it as spelled, and says the page can send it upper-cased instead', () => {
    const fix = fixFor(input({ code: 'MethodDisallowedByPreflightResponse', failedParameter: 'patch', stage: 'preflight', method: 'patch', policy: { origin: PAGE, credentials: false, methods: ['patch'], headers: [], expose: [] } }))!;
    expect(fix.value).toBe('patch');
    expect(fix.summary).toContain('have the page send `PATCH`');
    expect(fix.summary).toContain('Flask-CORS');
    const upper = fixFor(input({ code: 'MethodDisallowedByPreflightResponse', failedParameter: 'PATCH', stage: 'preflight', policy: { origin: PAGE, credentials: false, methods: ['PATCH'], headers: [], expose: [] } }))!;
    expect(upper.summary).not.toContain('Flask-CORS');
  });
});
