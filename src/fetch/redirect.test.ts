import { describe, expect, it } from 'vitest';
import { headersAfterRedirect, isUnsafeRedirectTarget, redirectHasForbiddenCredentials, taintsOrigin } from './redirect.ts';

const O = 'https://app.site-a.test';

describe('redirect rules', () => {
  it('credentials in the Location fail a CORS request that is cross-origin', () => {
    expect(redirectHasForbiddenCredentials('https://u:p@api.site-b.test/', 'cors', O, true, false)).toBe(true);
    expect(redirectHasForbiddenCredentials('https://u:p@app.site-a.test/', 'cors', O, false, false)).toBe(false);
    expect(redirectHasForbiddenCredentials('https://u:p@app.site-a.test/', 'cors', O, true, false)).toBe(true);
    expect(redirectHasForbiddenCredentials('https://u:p@app.site-a.test/', 'cors', O, false, true)).toBe(true);
    expect(redirectHasForbiddenCredentials('https://api.site-b.test/', 'cors', O, true, false)).toBe(false);
    expect(redirectHasForbiddenCredentials('https://u:p@api.site-b.test/', 'no-cors', O, false, false)).toBe(false);
  });
  it('taints after a cross-origin hop away from a non-page origin', () => {
    expect(taintsOrigin('https://api.site-c.test/', 'https://api.site-b.test/', O)).toBe(true);
    expect(taintsOrigin('https://app.site-a.test/', 'https://api.site-b.test/', O)).toBe(true);
    expect(taintsOrigin('https://api.site-b.test/y', 'https://api.site-b.test/x', O)).toBe(false);
    expect(taintsOrigin('https://api.site-b.test/', 'https://app.site-a.test/r', O)).toBe(false);
  });
  it('a redirect to another origin drops Authorization, and only Authorization', () => {
    const headers = [{ name: 'Authorization', value: 'Bearer t' }, { name: 'X-Api-Key', value: 'k' }];
    expect(headersAfterRedirect(headers, 'https://app.site-a.test/r', 'https://api.site-a.test/t').map((h) => h.name)).toEqual(['X-Api-Key']);
    expect(headersAfterRedirect(headers, 'https://api.site-b.test/r', 'https://api.site-b.test/t').map((h) => h.name)).toEqual(['Authorization', 'X-Api-Key']);
    // Another scheme or port is another origin.
    expect(headersAfterRedirect(headers, 'http://api.site-b.test/r', 'https://api.site-b.test/r').map((h) => h.name)).toEqual(['X-Api-Key']);
  });
  it('refuses unsafe targets before CORS', () => {
    expect(isUnsafeRedirectTarget('data:text/plain,hi')).toBe(true);
    expect(isUnsafeRedirectTarget('file:///x')).toBe(true);
    expect(isUnsafeRedirectTarget('ftp://x.test/')).toBe(false);
    expect(isUnsafeRedirectTarget('https://x.test/')).toBe(false);
  });
});
