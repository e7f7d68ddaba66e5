import { describe, expect, it } from 'vitest';
import { asPreflightFailure, corsCheck } from './cors-check.ts';

const O = 'https://app.site-a.test';
const U = 'https://api.site-b.test/x';
const h = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));
const check = (pairs: [string, string][], cred: 'omit' | 'same-origin' | 'include' = 'same-origin', origin = O) => corsCheck(U, h(pairs), cred, origin);

describe('the CORS check (Chromium CheckAccess order)', () => {
  it('passes on an exact origin or *', () => {
    expect(check([['Access-Control-Allow-Origin', O]])).toBeNull();
    expect(check([['Access-Control-Allow-Origin', '*']])).toBeNull();
    expect(check([['access-control-allow-origin', ' * ']])).toBeNull();
  });
  it('missing header', () => {
    expect(check([])).toEqual({ code: 'MissingAllowOriginHeader', failedParameter: '' });
  });
  it('* with credentials, even with ACAC true', () => {
    expect(check([['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']], 'include')).toEqual({ code: 'WildcardOriginNotAllowed', failedParameter: '' });
  });
  it('several values: a comma or a space, including two header lines', () => {
    expect(check([['Access-Control-Allow-Origin', `${O}, https://b.test`]])?.code).toBe('MultipleAllowOriginValues');
    expect(check([['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Origin', O]])).toEqual({ code: 'MultipleAllowOriginValues', failedParameter: `${O}, ${O}` });
    expect(check([['Access-Control-Allow-Origin', 'not a url']])).toEqual({ code: 'MultipleAllowOriginValues', failedParameter: 'not a url' });
  });
  it('invalid value: not a URL', () => {
    expect(check([['Access-Control-Allow-Origin', 'notaurl']])).toEqual({ code: 'InvalidAllowOriginValue', failedParameter: 'notaurl' });
    expect(check([['Access-Control-Allow-Origin', '*.site-a.test']])?.code).toBe('InvalidAllowOriginValue');
    expect(check([['Access-Control-Allow-Origin', '']])).toEqual({ code: 'InvalidAllowOriginValue', failedParameter: '' });
  });
  it('mismatch: trailing slash, scheme, port, case, null', () => {
    for (const v of [`${O}/`, 'http://app.site-a.test', `${O}:8443`, 'https://APP.site-a.test', 'null', 'https://evil.test']) {
      expect(check([['Access-Control-Allow-Origin', v]])).toEqual({ code: 'AllowOriginMismatch', failedParameter: v });
    }
  });
  it('null matches a null (tainted) origin', () => {
    expect(check([['Access-Control-Allow-Origin', 'null']], 'same-origin', 'null')).toBeNull();
    expect(check([['Access-Control-Allow-Origin', O]], 'same-origin', 'null')).toEqual({ code: 'AllowOriginMismatch', failedParameter: O });
  });
  it('credentials: ACAC must be exactly true', () => {
    expect(check([['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true']], 'include')).toBeNull();
    expect(check([['Access-Control-Allow-Origin', O]], 'include')).toEqual({ code: 'InvalidAllowCredentials', failedParameter: '' });
    expect(check([['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'True']], 'include')).toEqual({ code: 'InvalidAllowCredentials', failedParameter: 'True' });
    expect(check([['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Credentials', 'true']], 'include')).toEqual({ code: 'InvalidAllowCredentials', failedParameter: 'true, true' });
    // Without credentials ACAC is not looked at.
    expect(check([['Access-Control-Allow-Origin', O], ['Access-Control-Allow-Credentials', 'nope']])).toBeNull();
  });
  it('origin is checked before credentials', () => {
    expect(check([['Access-Control-Allow-Origin', 'https://x.test']], 'include')?.code).toBe('AllowOriginMismatch');
  });
  it('maps to preflight codes', () => {
    expect(asPreflightFailure({ code: 'MissingAllowOriginHeader', failedParameter: '' }).code).toBe('PreflightMissingAllowOriginHeader');
    expect(asPreflightFailure({ code: 'InvalidAllowCredentials', failedParameter: 'x' })).toEqual({ code: 'PreflightInvalidAllowCredentials', failedParameter: 'x' });
  });
});
