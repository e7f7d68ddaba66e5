import { describe, expect, it } from 'vitest';
import type { Header } from '../model/index.ts';
import { run } from './main.ts';
import type { Transport } from './transport.ts';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  sent: { method: string; url: string; headers: readonly Header[] }[];
}

/** `cors-lens check …` in process, against a server that allows everything. */
async function check(...args: string[]): Promise<Outcome> {
  const out: Outcome = { code: 0, stdout: '', stderr: '', sent: [] };
  const send: Transport = async (method, url, headers) => {
    out.sent.push({ method, url, headers });
    const get = (name: string) => headers.find((h) => h.name === name)?.value;
    const allow = [
      { name: 'Access-Control-Allow-Origin', value: get('Origin') ?? '*' },
      { name: 'Access-Control-Allow-Credentials', value: 'true' },
      { name: 'Access-Control-Allow-Methods', value: get('Access-Control-Request-Method') ?? 'GET' },
      { name: 'Access-Control-Allow-Headers', value: get('Access-Control-Request-Headers') ?? '' },
      { name: 'Vary', value: 'Origin' },
    ];
    return { response: { status: 200, headers: allow } };
  };
  out.code = await run(['check', ...args], {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    isTTY: false,
    env: {},
    transport: () => send,
  });
  return out;
}

const URL_ = 'https://api.b.test/x';

describe('cors-lens check: what fetch() would refuse is a usage error (exit 2), before anything is sent', () => {
  it.each([
    [['--origin', 'https://a.test/path'], /--origin "https:\/\/a.test\/path" is not an origin: an origin has no path.*https:\/\/a.test\)/],
    [['--origin', 'https://a.test?x=1'], /is not an origin/],
    [['--origin', 'https://user@a.test'], /is not an origin/],
    [['--origin', 'a.test'], /--origin "a.test" is not an origin/],
    [['--origin', 'https://a.test', '--method', 'GE T'], /--method "GE T" is not an HTTP method/],
    [['--origin', 'https://a.test', '--method', 'trace'], /--method trace: fetch\(\) refuses CONNECT, TRACE and TRACK/],
    [['--origin', 'https://a.test', '--header', 'X Bad: 1'], /--header "X Bad: 1": "X Bad" is not a header name/],
    [['--origin', 'https://a.test', '--header', 'X-A: a\nb'], /NUL, CR or LF/],
    [['--origin', 'https://a.test', '--header', 'X-A: \u2603'], /beyond U\+00FF/],
    [['--origin', 'https://a.test', '--timeout', 'abc'], /--timeout "abc": expected a whole number of milliseconds/],
    [['--origin', 'https://a.test', '--timeout', '0'], /--timeout "0"/],
  ])('%j', async (args, message) => {
    const r = await check(URL_, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.sent).toEqual([]);
  });

  it('takes an origin with a trailing slash, upper case or a default port, and sends it serialized', async () => {
    for (const origin of ['https://a.test/', 'HTTPS://A.test', 'https://a.test:443']) {
      const r = await check(URL_, '--origin', origin);
      expect(r.code).toBe(0);
      expect(r.sent[0]!.headers).toContainEqual({ name: 'Origin', value: 'https://a.test' });
    }
  });
});

describe('cors-lens check: what fetch() drops silently is not sent, and said so', () => {
  it('names each forbidden --header it leaves out (Host, Cookie, Content-Length…) on stderr', async () => {
    const r = await check(URL_, '--origin', 'https://a.test', '--header', 'Host: evil.test', '--header', 'Cookie: sid=1', '--header', 'Content-Length: 5', '--header', 'X-Ok: 1', '--format', 'json');
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('cors-lens: --header "Host" is not sent: a page cannot set this header (a forbidden request header: fetch() drops it without an error; the browser sets it itself or not at all).');
    expect(lines[1]).toContain('--header "Cookie" is not sent');
    expect(lines[1]).toContain('Use --credentials and --cookie to send cookies.');
    expect(lines[2]).toContain('--header "Content-Length" is not sent');
    const actual = r.sent.find((s) => s.method === 'GET')!;
    expect(actual.headers.map((h) => h.name.toLowerCase())).not.toContain('host');
    expect(actual.headers.map((h) => h.name.toLowerCase())).not.toContain('cookie');
    expect(JSON.parse(r.stdout).flows[0].verdict).toBe('allowed');
  });

  it('says when --cookie is not sent because --credentials is missing on a cross-origin request', async () => {
    const r = await check(URL_, '--origin', 'https://a.test', '--cookie', 'sid=1');
    expect(r.stderr).toContain("--cookie is not sent: a cross-origin fetch() sends cookies only with credentials: 'include' (add --credentials).");
    expect(r.sent[0]!.headers.map((h) => h.name)).not.toContain('Cookie');
    const same = await check(URL_, '--origin', 'https://api.b.test', '--cookie', 'sid=1');
    expect(same.stderr).toBe('');
    expect(same.sent[0]!.headers).toContainEqual({ name: 'Cookie', value: 'sid=1' });
  });
});

describe('cors-lens check --har', () => {
  it('exits 2 naming the file when the HAR cannot be written, after printing the report (it was reported as an internal error, exit 3)', async () => {
    const r = await check(URL_, '--origin', 'https://a.test', '--har', '/nonexistent-dir-for-cors-lens/x.har', '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cors-lens: --har "\/nonexistent-dir-for-cors-lens\/x.har": cannot write the HAR file \(ENOENT/);
    expect(r.stderr).not.toContain('internal error');
    expect(JSON.parse(r.stdout).flows[0].verdict).toBe('allowed');
  });
});
