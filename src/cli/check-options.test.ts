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
    const origin = headers.find((h) => h.name === 'Origin')?.value ?? '*';
    return { response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: origin }, { name: 'Access-Control-Allow-Credentials', value: 'true' }, { name: 'Vary', value: 'Origin' }] } };
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
