import { describe, expect, it } from 'vitest';
import { isCorsSafelistedMethod, isForbiddenMethod, methodAfterRedirect, normalizeMethod } from './method.ts';

describe('methods', () => {
  it('normalizes only the six standard methods', () => {
    expect(['get', 'Post', 'delete', 'options', 'head', 'put'].map(normalizeMethod)).toEqual(['GET', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PUT']);
    expect(normalizeMethod('patch')).toBe('patch');
    expect(normalizeMethod('PaTcH')).toBe('PaTcH');
  });
  it('safelists GET, HEAD and POST', () => {
    expect(['GET', 'HEAD', 'POST'].every(isCorsSafelistedMethod)).toBe(true);
    expect(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'patch'].some(isCorsSafelistedMethod)).toBe(false);
  });
  it('forbids CONNECT, TRACE, TRACK', () => {
    expect(['connect', 'TRACE', 'Track'].every(isForbiddenMethod)).toBe(true);
    expect(isForbiddenMethod('GET')).toBe(false);
  });
  it('rewrites methods on 301/302 (POST only) and 303 (all but GET/HEAD)', () => {
    expect(methodAfterRedirect(301, 'POST')).toBe('GET');
    expect(methodAfterRedirect(302, 'POST')).toBe('GET');
    expect(methodAfterRedirect(302, 'PUT')).toBe('PUT');
    expect(methodAfterRedirect(303, 'PUT')).toBe('GET');
    expect(methodAfterRedirect(303, 'HEAD')).toBe('HEAD');
    expect(methodAfterRedirect(307, 'POST')).toBe('POST');
    expect(methodAfterRedirect(308, 'DELETE')).toBe('DELETE');
  });
});
