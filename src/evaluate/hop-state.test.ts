import { describe, expect, it } from 'vitest';
import { hopUrl, redirectTarget, targetAddressSpace, wireOrigin, withInheritedFragment } from './hop-state.ts';
import { sanitizeFlow } from './sanitize.ts';

const h = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));

describe('hop state helpers', () => {
  it('redirect targets: Location resolved, redirectURL first, 3xx without Location is not a redirect', () => {
    expect(redirectTarget({ status: 302, headers: h([['Location', '/b?x']]) }, 'https://a.test/a')).toBe('https://a.test/b?x');
    expect(redirectTarget({ status: 307, headers: h([['Location', '/b']]), redirectURL: 'https://c.test/' }, 'https://a.test/')).toBe('https://c.test/');
    expect(redirectTarget({ status: 304, headers: h([['Location', '/b']]) }, 'https://a.test/')).toBeNull();
    expect(redirectTarget({ status: 302, headers: [] }, 'https://a.test/')).toBeNull();
    // Chromium: 300 is shown to the page, and empty Location lines do not count (http_response_headers.cc IsRedirect).
    expect(redirectTarget({ status: 300, headers: h([['Location', '/b']]) }, 'https://a.test/')).toBeNull();
    expect(redirectTarget({ status: 302, headers: h([['Location', '']]), redirectURL: 'https://a.test/' }, 'https://a.test/')).toBeNull();
    expect(redirectTarget({ status: 302, headers: h([['Location', ''], ['Location', '/second']]) }, 'https://a.test/')).toBe('https://a.test/second');
    expect(redirectTarget({ status: 200, headers: h([['Location', '/b']]) }, 'https://a.test/')).toBeNull();
    expect(redirectTarget({ status: 301, headers: h([['location', 'ftp://x.test/'], ['Location', '/second']]) }, 'https://a.test/')).toBe('ftp://x.test/');
    expect(redirectTarget(undefined, 'https://a.test/')).toBeNull();
  });
  it('hop URL falls back to the expected URL when the hop has none usable', () => {
    expect(hopUrl({ request: { url: 'https://b.test/', method: 'GET', headers: [] }, sent: true }, 'https://x.test/')).toBe('https://b.test/');
    expect(hopUrl({ request: { url: '::', method: 'GET', headers: [] }, sent: true }, 'https://x.test/')).toBe('https://x.test/');
    expect(hopUrl(undefined, 'https://x.test/')).toBe('https://x.test/');
  });
  it('the fragment: captures drop it, the browser keeps it; a Location without one inherits the current one', () => {
    const hop = (url: string) => ({ request: { url, method: 'GET', headers: [] }, sent: true });
    expect(hopUrl(hop('https://b.test/r'), 'https://b.test/r#top')).toBe('https://b.test/r#top');
    expect(hopUrl(hop('https://b.test/r#own'), 'https://b.test/r#top')).toBe('https://b.test/r#own');
    expect(hopUrl(hop('https://b.test/other'), 'https://b.test/r#top')).toBe('https://b.test/other');
    expect(withInheritedFragment('https://c.test/t', 'https://b.test/r#top')).toBe('https://c.test/t#top');
    expect(withInheritedFragment('https://c.test/t#x', 'https://b.test/r#top')).toBe('https://c.test/t#x');
    // An empty fragment is a fragment: nothing is inherited.
    expect(withInheritedFragment('https://c.test/t#', 'https://b.test/r#top')).toBe('https://c.test/t#');
    expect(withInheritedFragment('https://c.test/t', 'https://b.test/r')).toBe('https://c.test/t');
    expect(withInheritedFragment('https://c.test/t', 'https://b.test/r#')).toBe('https://c.test/t#');
    expect(hopUrl(hop('https://c.test/t'), 'https://c.test/t#')).toBe('https://c.test/t#');
  });
  it('the Origin seen on the wire, ignoring empty or doubled values', () => {
    expect(wireOrigin(h([['origin', 'null']]))).toBe('null');
    expect(wireOrigin(h([['Origin', 'https://a.test'], ['Origin', 'https://b.test']]))).toBeNull();
    expect(wireOrigin(h([['Origin', '']]))).toBeNull();
    expect(wireOrigin(undefined)).toBeNull();
  });
  it('address space: the capture first, then the IP', () => {
    const hop = { request: { url: 'https://b.test/', method: 'GET', headers: [] }, sent: true, response: { status: 200, headers: [], serverIPAddress: '10.0.0.1' } };
    expect(targetAddressSpace(hop)).toBe('local');
    expect(targetAddressSpace({ ...hop, addressSpace: 'public' })).toBe('public');
  });
});

describe('sanitizeFlow', () => {
  it('fills Fetch defaults and drops wrong types', () => {
    const f = sanitizeFlow({ id: 3, request: { url: 'https://b.test/', method: 'post', mode: 'bogus', credentials: 7, headers: 'x' }, hops: [{ request: {}, response: { status: '204', headers: [{ name: 'A', value: 1 }] } }] } as never);
    expect(f.id).toBe('');
    expect(f.request).toMatchObject({ method: 'POST', mode: 'cors', credentials: 'same-origin', headers: [], origin: 'null', initiatorType: 'other' });
    expect(f.hops[0]).toMatchObject({ request: { url: 'https://b.test/', method: 'GET' }, response: { status: 204, headers: [{ name: 'A', value: '1' }] }, sent: true });
  });
});
