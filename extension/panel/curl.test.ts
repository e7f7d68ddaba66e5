import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { preflightAsCurl, requestAsCurl, shellQuote } from './curl.ts';
import { cachedPreflightEvaluation, cachedPreflightFlow, noAcaoEvaluation, noAcaoFlow, PAGE, putRefusedEvaluation, putRefusedFlow } from './test-fixtures.ts';

/** What a real shell makes of a quoted word: bash prints it back unchanged. */
function throughBash(quoted: string): string {
  return execFileSync('bash', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' });
}

describe('shellQuote', () => {
  it('survives a real shell unchanged, whatever the value holds', () => {
    const values = [
      "plain",
      "it's",
      "a 'quoted' \"double\" $HOME `id` $(id) \\ ; & | > <",
      '<img src=x onerror=alert(1)>',
      'tab\there\nnewline\u0001ctl\u007f',
      'rtl \u202Emark',
      'c1 \u0085\u009b[31m controls',
      'bidi \u202A\u202B\u202C\u202D \u2066\u2067\u2068\u2069 \u200E\u200F \u061C marks',
      "quote ' and \u202E together",
      '',
    ];
    for (const v of values) expect(throughBash(shellQuote(v))).toBe(v);
  });
  it('never pastes a control character raw', () => {
    expect(shellQuote('a\nb')).toBe("$'a\\x0ab'");
    expect(/[\u0000-\u001f]/.test(shellQuote('x\u0007\r\ny'))).toBe(false);
  });
  it('never pastes a C1 control or a bidi mark raw', () => {
    const hostile = '\u0080\u0085\u009b\u009f\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    for (const ch of hostile) {
      const quoted = shellQuote(`a${ch}b`);
      expect(quoted).toMatch(/^\$'a(\\x[0-9a-f]{2})+b'$/);
      expect(throughBash(quoted)).toBe(`a${ch}b`);
    }
  });
  it('reads the same whatever the shell’s locale', () => {
    const quoted = shellQuote('rtl \u202Emark');
    const out = execFileSync('bash', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    expect(out).toBe('rtl \u202Emark');
  });
});

describe('preflightAsCurl', () => {
  it('replays the preflight the browser sent', () => {
    expect(preflightAsCurl(putRefusedFlow, putRefusedEvaluation)).toBe(
      `curl -i -X OPTIONS -H 'Origin: ${PAGE}' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type,x-api-key' 'http://api.site-b.test:4200/lab/put-refused'`,
    );
  });
  it('builds the preflight the browser would send when none was captured', () => {
    expect(preflightAsCurl(cachedPreflightFlow, cachedPreflightEvaluation)).toBe(
      `curl -i -X OPTIONS -H 'Origin: ${PAGE}' -H 'Access-Control-Request-Method: PUT' 'http://api.site-b.test:4200/lab/put-allowed'`,
    );
  });
  it('turns curl globbing off for URLs with brackets', () => {
    const flow = structuredClone(noAcaoFlow);
    flow.hops[0]!.request.url = 'http://a.test/x?a[]=1';
    expect(preflightAsCurl(flow, noAcaoEvaluation)).toContain("--globoff 'http://a.test/x?a[]=1'");
  });
});

describe('requestAsCurl', () => {
  it('replays the request with the headers the browser sent', () => {
    expect(requestAsCurl(noAcaoFlow, noAcaoEvaluation)).toBe(
      `curl -i -H 'Origin: ${PAGE}' -H 'Accept: */*' 'http://api.site-b.test:4200/lab/no-acao'`,
    );
  });
  it('uses the page’s headers and the Origin for a request that was never sent', () => {
    expect(requestAsCurl(putRefusedFlow, putRefusedEvaluation)).toBe(
      `curl -i -X PUT -H 'Origin: ${PAGE}' -H 'Content-Type: application/json' -H 'X-Api-Key: lab-key' 'http://api.site-b.test:4200/lab/put-refused'`,
    );
  });
  it('marks header values that were never captured (only the preflight named the header)', () => {
    const flow = structuredClone(putRefusedFlow);
    flow.request.headers = [{ name: 'content-type', value: '' }, { name: 'x-api-key', value: '' }];
    expect(requestAsCurl(flow, putRefusedEvaluation)).toBe(
      `curl -i -X PUT -H 'Origin: ${PAGE}' -H 'content-type: <value not captured>' -H 'x-api-key: <value not captured>' 'http://api.site-b.test:4200/lab/put-refused'`,
    );
  });
  it('leaves out headers curl sets itself or that cannot be replayed, and asks for compression instead', () => {
    const flow = structuredClone(noAcaoFlow);
    const hop = flow.hops[0]!;
    hop.request.method = 'PUT';
    hop.request.headers = [
      { name: ':authority', value: 'api.site-b.test:4200' },
      { name: 'Host', value: 'api.site-b.test:4200' },
      { name: 'Content-Length', value: '27' },
      { name: 'Connection', value: 'keep-alive' },
      { name: 'Keep-Alive', value: 'timeout=5' },
      { name: 'Transfer-Encoding', value: 'chunked' },
      { name: 'TE', value: 'trailers' },
      { name: 'Upgrade', value: 'h2c' },
      { name: 'Proxy-Authorization', value: 'Basic eDp5' },
      { name: 'proxy-connection', value: 'keep-alive' },
      { name: 'Expect', value: '100-continue' },
      { name: 'Accept-Encoding', value: 'gzip, deflate, br, zstd' },
      { name: 'Origin', value: PAGE },
      { name: 'Content-Type', value: 'application/json' },
    ];
    expect(requestAsCurl(flow, noAcaoEvaluation)).toBe(
      `curl -i -X PUT -H 'Origin: ${PAGE}' -H 'Content-Type: application/json' --compressed 'http://api.site-b.test:4200/lab/no-acao'`,
    );
  });
  it('adds no --compressed when the browser asked for no encoding', () => {
    expect(requestAsCurl(noAcaoFlow, noAcaoEvaluation)).not.toContain('--compressed');
  });
  it('quotes hostile header values so the shell runs nothing', () => {
    const flow = structuredClone(noAcaoFlow);
    flow.hops[0]!.request.headers = [{ name: 'X-Evil', value: "'; touch /tmp/pwned; echo '" }];
    const cmd = requestAsCurl(flow, noAcaoEvaluation);
    const args = execFileSync('bash', ['-c', `printf '%s\\n' ${cmd.replace(/^curl /, '')}`], { encoding: 'utf8' }).split('\n');
    expect(args).toContain("X-Evil: '; touch /tmp/pwned; echo '");
  });
});
