import { describe, expect, it } from 'vitest';
import type { Header, WireResponse } from '../model/index.ts';
import { parseHeaderOption, runCheck, type CheckInput } from './check.ts';
import type { Sent, Transport } from './transport.ts';

interface Call {
  method: string;
  url: string;
  headers: readonly Header[];
}

/** A scripted server: answers by method and URL, and records what it was sent. */
function server(answers: Record<string, WireResponse | { error: string }>): { send: Transport; calls: Call[] } {
  const calls: Call[] = [];
  const send: Transport = async (method, url, headers) => {
    calls.push({ method, url, headers });
    const a = answers[`${method} ${url}`] ?? { status: 404, headers: [] };
    return ('error' in a ? { error: a.error, detail: a.error } : { response: a }) as Sent;
  };
  return { send, calls };
}

const input = (over: Partial<CheckInput> = {}): CheckInput => ({
  url: 'https://api.b.test/x',
  origin: 'https://app.a.test',
  method: 'GET',
  headers: [],
  credentials: false,
  browser: 'chrome',
  ...over,
});
const names = (c: Call) => c.headers.map((h) => h.name);
const value = (c: Call, name: string) => c.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

describe('runCheck', () => {
  it('sends a simple GET without a preflight, with Origin and fetch metadata', async () => {
    const s = server({ 'GET https://api.b.test/x': { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] } });
    const flow = await runCheck(input(), s.send);
    expect(s.calls.map((c) => c.method)).toEqual(['GET']);
    expect(value(s.calls[0]!, 'Origin')).toBe('https://app.a.test');
    expect(value(s.calls[0]!, 'Sec-Fetch-Mode')).toBe('cors');
    expect(value(s.calls[0]!, 'Sec-Fetch-Site')).toBe('cross-site');
    expect(flow.error).toBeUndefined();
    expect(flow.hops).toHaveLength(1);
  });

  it('preflights a PUT with a custom header exactly as Chromium does, and stops when the preflight fails', async () => {
    const s = server({ 'OPTIONS https://api.b.test/x': { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: 'https://app.a.test' }] } });
    const flow = await runCheck(input({ method: 'put', headers: [parseHeaderOption('X-Api-Key: k'), parseHeaderOption('Content-Type: application/json')] }), s.send);
    expect(s.calls.map((c) => c.method)).toEqual(['OPTIONS']);
    const pre = s.calls[0]!;
    expect(names(pre).slice(0, 4)).toEqual(['Accept', 'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'Origin']);
    expect(value(pre, 'Access-Control-Request-Method')).toBe('PUT');
    expect(value(pre, 'Access-Control-Request-Headers')).toBe('content-type,x-api-key');
    expect(value(pre, 'Cookie')).toBeUndefined();
    expect(flow.error).toBe('net::ERR_FAILED');
    expect(flow.hops[0]).toMatchObject({ sent: false });
    expect(flow.hops[0]!.preflight!.response!.status).toBe(204);
  });

  it('puts the headers on the wire as Chromium 156 does over plain http: Sec-Fetch-Mode on the preflight only, no br/zstd', async () => {
    // Chromium's wire order, from the lab's recordings (test/conformance/recorded/net-actual-socket-close*.json).
    const url = 'http://api.b.test/x';
    const s = server({
      [`OPTIONS ${url}`]: { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }, { name: 'Access-Control-Allow-Methods', value: 'PUT' }, { name: 'Access-Control-Allow-Headers', value: '*' }] },
      [`PUT ${url}`]: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
    });
    await runCheck(input({ url, origin: 'http://app.a.test', method: 'PUT', headers: [parseHeaderOption('X-Api-Key: k')] }), s.send);
    expect(s.calls.map((c) => c.headers.map((h) => (/^(sec-fetch|accept-encoding)/i.test(h.name) ? `${h.name}: ${h.value}` : h.name)))).toEqual([
      ['Accept', 'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'Origin', 'User-Agent', 'Sec-Fetch-Mode: cors', 'Referer', 'Accept-Encoding: gzip, deflate', 'Accept-Language'],
      ['User-Agent', 'X-Api-Key', 'Accept', 'Origin', 'Referer', 'Accept-Encoding: gzip, deflate', 'Accept-Language'],
    ]);
  });

  it('puts the headers on the wire as Chromium 156 does over https, and asks for identity with a Range', async () => {
    // test/conformance/recorded/cookie-set-on-preflight.json and simple-range-header*.json
    const s = server({
      'OPTIONS https://api.b.test/x': { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }, { name: 'Access-Control-Allow-Methods', value: 'PUT' }] },
      'PUT https://api.b.test/x': { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
      'GET https://api.b.test/x': { status: 206, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
    });
    await runCheck(input({ method: 'PUT' }), s.send);
    await runCheck(input({ headers: [parseHeaderOption('Range: bytes=0-9')] }), s.send);
    expect(s.calls.map((c) => c.headers.map((h) => (/^(sec-fetch|accept-encoding)/i.test(h.name) ? `${h.name}: ${h.value}` : h.name)))).toEqual([
      ['Accept', 'Access-Control-Request-Method', 'Origin', 'User-Agent', 'Sec-Fetch-Mode: cors', 'Sec-Fetch-Site: cross-site', 'Sec-Fetch-Dest: empty', 'Referer', 'Accept-Encoding: gzip, deflate, br, zstd', 'Accept-Language'],
      ['User-Agent', 'Accept', 'Origin', 'Sec-Fetch-Site: cross-site', 'Sec-Fetch-Mode: cors', 'Sec-Fetch-Dest: empty', 'Referer', 'Accept-Encoding: gzip, deflate, br, zstd', 'Accept-Language'],
      ['User-Agent', 'Accept', 'Origin', 'Sec-Fetch-Site: cross-site', 'Sec-Fetch-Mode: cors', 'Sec-Fetch-Dest: empty', 'Referer', 'Accept-Encoding: identity', 'Accept-Language', 'Range'],
    ]);
  });

  it('follows a cross-origin redirect with Origin: null and a new preflight there', async () => {
    const s = server({
      'OPTIONS https://api.b.test/x': {
        status: 204,
        headers: [
          { name: 'Access-Control-Allow-Origin', value: 'https://app.a.test' },
          { name: 'Access-Control-Allow-Methods', value: 'PUT' },
        ],
      },
      'PUT https://api.b.test/x': {
        status: 307,
        headers: [
          { name: 'Access-Control-Allow-Origin', value: 'https://app.a.test' },
          { name: 'Location', value: 'https://api.c.test/y' },
        ],
      },
      'OPTIONS https://api.c.test/y': {
        status: 204,
        headers: [
          { name: 'Access-Control-Allow-Origin', value: 'null' },
          { name: 'Access-Control-Allow-Methods', value: 'PUT' },
        ],
      },
      'PUT https://api.c.test/y': { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'null' }] },
    });
    const flow = await runCheck(input({ method: 'PUT' }), s.send);
    expect(s.calls.map((c) => `${c.method} ${c.url} ${value(c, 'Origin')}`)).toEqual([
      'OPTIONS https://api.b.test/x https://app.a.test',
      'PUT https://api.b.test/x https://app.a.test',
      'OPTIONS https://api.c.test/y null',
      'PUT https://api.c.test/y null',
    ]);
    expect(flow.hops.map((h) => h.response?.status)).toEqual([307, 200]);
    expect(flow.hops[0]!.response!.redirectURL).toBe('https://api.c.test/y');
    expect(flow.error).toBeUndefined();
  });

  it('drops Authorization on a redirect to another origin, from the request and from the next preflight, as Chromium does', async () => {
    const allow = (origin: string) => ({
      status: 204,
      headers: [
        { name: 'Access-Control-Allow-Origin', value: origin },
        { name: 'Access-Control-Allow-Headers', value: 'authorization, x-api-key' },
      ],
    });
    const s = server({
      'OPTIONS https://api.b.test/x': allow('https://app.a.test'),
      'GET https://api.b.test/x': { status: 307, headers: [{ name: 'Access-Control-Allow-Origin', value: 'https://app.a.test' }, { name: 'Location', value: 'https://api.c.test/y' }] },
      'OPTIONS https://api.c.test/y': allow('null'),
      'GET https://api.c.test/y': { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'null' }] },
    });
    const flow = await runCheck(input({ headers: [parseHeaderOption('Authorization: Bearer t'), parseHeaderOption('X-Api-Key: k')] }), s.send);
    expect(s.calls.map((c) => `${c.method} ${c.url} ${value(c, 'Authorization') ?? '-'} ${value(c, 'Access-Control-Request-Headers') ?? '-'}`)).toEqual([
      'OPTIONS https://api.b.test/x - authorization,x-api-key',
      'GET https://api.b.test/x Bearer t -',
      'OPTIONS https://api.c.test/y - x-api-key',
      'GET https://api.c.test/y - -',
    ]);
    expect(flow.error).toBeUndefined();
  });

  it('stops at a redirect the browser refuses to follow, without sending anything there', async () => {
    const acao = { name: 'Access-Control-Allow-Origin', value: '*' };
    const to = (location: string) => ({ status: 302, headers: [acao, { name: 'Location', value: location }] });
    const s = server({
      'GET https://api.b.test/data': to('data:text/plain,hi'),
      'GET https://api.b.test/ftp': to('ftp://files.b.test/x'),
      'GET https://api.b.test/userinfo': to('https://user:secret@api.c.test/y'),
      'GET https://api.c.test/y': { status: 200, headers: [acao] },
    });
    const flows = [];
    for (const path of ['data', 'ftp', 'userinfo']) flows.push(await runCheck(input({ url: `https://api.b.test/${path}` }), s.send));
    expect(s.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET https://api.b.test/data', 'GET https://api.b.test/ftp', 'GET https://api.b.test/userinfo']);
    expect(flows.map((f) => [f.hops.length, f.error])).toEqual([
      [1, 'net::ERR_UNSAFE_REDIRECT'],
      [1, 'net::ERR_FAILED'],
      [1, 'net::ERR_FAILED'],
    ]);
  });

  it('turns POST into GET on a 302 and drops the body headers', async () => {
    const s = server({
      'POST https://api.b.test/x': { status: 302, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }, { name: 'Location', value: '/z' }] },
      'GET https://api.b.test/z': { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
    });
    await runCheck(input({ method: 'POST', headers: [parseHeaderOption('Content-Type: text/plain')] }), s.send);
    expect(s.calls.map((c) => c.method)).toEqual(['POST', 'GET']);
    expect(value(s.calls[1]!, 'Content-Type')).toBeUndefined();
  });

  it('stops, as Chromium does, at a 300 or at a 3xx whose Location is empty: neither is a redirect', async () => {
    const acao = { name: 'Access-Control-Allow-Origin', value: '*' };
    const s = server({
      'GET https://api.b.test/x': { status: 300, headers: [acao, { name: 'Location', value: '/elsewhere' }] },
      'GET https://api.b.test/e': { status: 302, headers: [acao, { name: 'Location', value: '' }] },
    });
    const multipleChoices = await runCheck(input(), s.send);
    const empty = await runCheck(input({ url: 'https://api.b.test/e' }), s.send);
    expect(s.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET https://api.b.test/x', 'GET https://api.b.test/e']);
    expect([multipleChoices, empty].map((f) => [f.hops.length, f.hops[0]!.response!.redirectURL, f.error])).toEqual([
      [1, undefined, undefined],
      [1, undefined, undefined],
    ]);
  });

  it('sends the cookie only with --credentials, and never on a preflight', async () => {
    const ok = { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'https://app.a.test' }, { name: 'Access-Control-Allow-Credentials', value: 'true' }] };
    const without = server({ 'GET https://api.b.test/x': ok });
    await runCheck(input({ cookie: 'sid=1' }), without.send);
    expect(value(without.calls[0]!, 'Cookie')).toBeUndefined();
    const withIt = server({ 'GET https://api.b.test/x': ok });
    const flow = await runCheck(input({ cookie: 'sid=1', credentials: true }), withIt.send);
    expect(value(withIt.calls[0]!, 'Cookie')).toBe('sid=1');
    expect(flow.request.credentials).toBe('include');
  });

  it('records a network error as the browser names it', async () => {
    const s = server({ 'GET https://api.b.test/x': { error: 'net::ERR_CONNECTION_REFUSED' } });
    const flow = await runCheck(input(), s.send);
    expect(flow.error).toBe('net::ERR_CONNECTION_REFUSED');
    expect(flow.hops[0]!.sent).toBe(false);
  });

  it('drops headers a page cannot set, as fetch() does', async () => {
    const s = server({ 'GET https://api.b.test/x': { status: 200, headers: [] } });
    await runCheck(input({ headers: [parseHeaderOption('Cookie: x=1'), parseHeaderOption('Sec-Foo: 1')] }), s.send);
    expect(value(s.calls[0]!, 'Cookie')).toBeUndefined();
    expect(value(s.calls[0]!, 'Sec-Foo')).toBeUndefined();
  });

  it('rejects a header option without a colon', () => {
    expect(() => parseHeaderOption('X-Api-Key')).toThrow('--header "X-Api-Key": expected "Name: value"');
  });
});
