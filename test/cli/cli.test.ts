/**
 * The built CLI end to end: `node bin/cors-lens.js` (what `npx cors-lens` runs) on the recorded
 * HAR fixtures and against the lab server. Needs `npm run build` (or `npm run build:cli`) first.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installLab, PAGE_HOST } from '../lab/lab-scenarios.ts';
import { PAGE_RUNNER_SOURCE } from '../lab/page-runner.ts';
import { startLabServer, type LabServer } from '../lab/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/cors-lens.js');
const HAR = (name: string) => join(ROOT, 'test/fixtures/har', name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '' } }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

let tmp: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('No built CLI at dist/cli/main.js: run `npm run build` first.');
  tmp = mkdtempSync(join(tmpdir(), 'cors-lens-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('cors-lens analyze', () => {
  it('prints one cors-lens/report@1 object and exits 1 when CORS blocked a flow', async () => {
    const r = await cli(['analyze', HAR('chromium-http.har'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.schema).toBe('cors-lens/report@1');
    expect(report.summary).toMatchObject({ flows: 19, blocked: 6, failed: 1 });
    expect(report.flows.map((f: { request: { url: string } }) => new URL(f.request.url).pathname).slice(0, 4)).toEqual([
      '/',
      '/lab/no-acao',
      '/lab/put-refused',
      '/lab/wildcard',
    ]);
    const wildcard = report.flows[3];
    expect(wildcard).toMatchObject({
      verdict: 'blocked',
      mode: 'cors',
      credentials: 'include',
      initiator: 'http://app.site-a.test:47801',
      preflight: null,
      hops: [{ method: 'GET', status: 200, redirectURL: null }],
      error: { code: 'WildcardOriginNotAllowed', failedParameter: '', hop: 0 },
    });
    expect(wildcard.error.messages.chrome).toContain("must not be the wildcard '*' when the request's credentials mode is 'include'");
    expect(wildcard.error.messages.firefox).toContain('Cross-Origin Request Blocked');
    expect(wildcard.error.fix.summary.length).toBeGreaterThan(0);
  });

  it('exits 0 when nothing was blocked, and keeps flows from several files apart', async () => {
    const full = JSON.parse(readFileSync(HAR('chromium-https.har'), 'utf8'));
    const good = full.log.entries.filter((e: { request: { url: string } }) => /\/fx\/(set-cookie|with-cookie)$|\/$/.test(e.request.url));
    const file = join(tmp, 'good.har');
    writeFileSync(file, JSON.stringify({ log: { ...full.log, entries: good } }));
    const r = await cli(['analyze', file, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ flows: 3, blocked: 0 });
    const both = JSON.parse((await cli(['analyze', file, HAR('chromium-https.har'), '--format', 'json'])).stdout);
    expect(both.flows[0].id).toBe('1:e0');
    expect(both.flows.at(-1).id.startsWith('2:')).toBe(true);
    expect(new Set(both.flows.map((f: { source: string }) => f.source))).toEqual(new Set(['good.har', 'chromium-https.har']));
  });

  it('prints a readable summary with the browser message and the fix, without colour off a terminal', async () => {
    const r = await cli(['analyze', HAR('chromium-https.har')]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stdout).toContain(
      "Chrome says: Access to XMLHttpRequest at 'https://api.site-b.test:47802/fx/with-cookie-no-acac' from origin 'https://app.site-a.test:47802' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.",
    );
    expect(r.stdout).toMatch(/Fix: .*Access-Control-Allow-Credentials/);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ flows, 3 blocked by CORS, /);
  });

  it('--only-failures lists only blocked and failed flows; --browser firefox puts Firefox first', async () => {
    const r = JSON.parse((await cli(['analyze', HAR('chromium-http.har'), '--format', 'json', '--only-failures'])).stdout);
    expect(r.flows.map((f: { verdict: string }) => f.verdict).sort()).toEqual([...Array(6).fill('blocked'), 'failed'].sort());
    expect(r.summary.flows).toBe(19);
    const ff = await cli(['analyze', HAR('chromium-http.har'), '--browser', 'firefox', '--only-failures']);
    expect(ff.stdout.indexOf('Firefox says:')).toBeLessThan(ff.stdout.indexOf('Chrome says:'));
  });

  it('never reports a HAR flow as pending: a Firefox entry with no response and no error failed', async () => {
    const r = await cli(['analyze', HAR('firefox-http.har'), '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.summary.pending).toBe(0);
    expect(report.flows.find((f: { id: string }) => f.id === 'e31')).toMatchObject({
      verdict: 'failed',
      networkError: 'no response in the HAR (the browser recorded neither a status nor an error)',
    });
  });

  it("reads Playwright's own HAR: requests Chromium blocked are not called CORS blocks without their responses, and say what is missing", async () => {
    const r = await cli(['analyze', HAR('playwright-chromium-http.har'), '--format', 'json', '--only-failures']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    // No flow can be judged blocked (Playwright keeps no response for them), but the six that failed the
    // way a CORS block fails are counted as possibly blocked, and CI fails on them (Chromium blocked all six).
    expect(r.code).toBe(1);
    expect(report.summary).toMatchObject({ flows: 19, blocked: 0, failed: 7, possiblyBlocked: 6 });
    const noAcao = report.flows.find((f: { request: { url: string } }) => f.request.url.endsWith('/lab/no-acao'));
    expect(noAcao).toMatchObject({ verdict: 'failed', possiblyBlocked: true, error: null, hops: [{ status: null, sent: true }] });
    const refused = report.flows.find((f: { request: { url: string } }) => f.request.url.endsWith('/fx/refused'));
    expect(refused).toMatchObject({ verdict: 'failed', possiblyBlocked: false, networkError: 'net::ERR_CONNECTION_REFUSED' });
    expect(noAcao.inferred).toContainEqual(expect.objectContaining({ field: 'response', from: expect.stringMatching(/^Playwright's HAR keeps no response for a failed request/) }));
    const text = await cli(['analyze', HAR('playwright-chromium-http.har'), '--only-failures']);
    expect(text.stdout).toContain('Failed: net::ERR_FAILED, and no response was captured. Browsers end a request blocked by CORS this way, so whether and why CORS refused it cannot be told.');
    expect(text.stdout).toContain('Failed: net::ERR_CONNECTION_REFUSED — not a CORS block.');
    expect(text.stdout).toContain('6 possibly blocked by CORS (the capture lacks the responses to tell), 1 network failure');
    expect(text.stdout).toMatch(/BLOCKED\?\s+GET http:\/\/api\.site-b\.test:47821\/lab\/no-acao/);
  });

  it('redacts cookies unless --include-secrets', async () => {
    const hidden = await cli(['analyze', HAR('chromium-https.har'), '--format', 'json']);
    expect(hidden.stdout).not.toContain('fixture-secret');
    expect(hidden.stdout).toContain('sid=[redacted]');
    const shown = await cli(['analyze', HAR('chromium-https.har'), '--format', 'json', '--include-secrets']);
    expect(shown.stdout).toContain('sid=fixture-secret');
  });

  it('renders Markdown and a self-contained HTML page', async () => {
    const md = await cli(['analyze', HAR('chromium-http.har'), '--format', 'markdown']);
    expect(md.stdout.startsWith('# cors-lens report')).toBe(true);
    const html = await cli(['analyze', HAR('chromium-http.har'), '--format', 'html']);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(html.stdout).not.toMatch(/<script|<link/);
  });

  it('exits 2 on unreadable input, naming the file and the JSON path', async () => {
    const bad = JSON.parse(readFileSync(HAR('chromium-http.har'), 'utf8'));
    bad.log.entries[12].response.headers[3].value = 42;
    const file = join(tmp, 'bad.har');
    writeFileSync(file, JSON.stringify(bad));
    const r = await cli(['analyze', file, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: log.entries[12].response.headers[3].value: expected a string, got a number (42) (entry skipped)`);
    expect(JSON.parse(r.stdout).summary.skippedEntries).toBe(1);

    const notJson = join(tmp, 'notjson.har');
    writeFileSync(notJson, '<html>not a har</html>');
    const r2 = await cli(['analyze', notJson]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe(
      `cors-lens: ${notJson}: not valid JSON at character 0: it starts with "<html>not a har</html>" — an HTML page (an error or sign-in page?) rather than a HAR\n`,
    );
    expect(r2.stdout).toBe('');

    const missing = await cli(['analyze', join(tmp, 'nope.har')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.har: cannot read: no such file');

    const usage = await cli(['analyze', HAR('chromium-http.har'), '--format', 'yaml']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("argument 'yaml' is invalid");
  });
});

describe('cors-lens check against the lab server', () => {
  let server: LabServer;
  beforeAll(async () => {
    server = await startLabServer();
    installLab(server, PAGE_RUNNER_SOURCE);
  });
  afterAll(async () => server?.close());

  // Node cannot resolve *.test names, so the CLI talks to 127.0.0.1 / localhost; the page origin is any other origin.
  const page = 'http://app.site-a.test:8080';

  it('makes the preflight a browser would, and reports the header the server does not allow', async () => {
    const r = await cli([
      'check',
      `http://127.0.0.1:${server.httpPort}/lab/put-refused`,
      '--origin',
      server.origin(PAGE_HOST),
      '--method',
      'PUT',
      '--header',
      'Content-Type: application/json',
      '--header',
      'X-Api-Key: k',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const flow = JSON.parse(r.stdout).flows[0];
    expect(flow.preflight.requestHeaders).toContainEqual({ name: 'Access-Control-Request-Headers', value: 'content-type,x-api-key' });
    expect(flow.error).toMatchObject({ code: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type', stage: 'preflight' });
    expect(flow.error.messages.chrome).toBe(
      `Access to fetch at 'http://127.0.0.1:${server.httpPort}/lab/put-refused' from origin '${server.origin(PAGE_HOST)}' has been blocked by CORS policy: Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response.`,
    );
    const seen = server.log.filter((q) => q.path === '/lab/put-refused');
    expect(seen.map((q) => q.method)).toEqual(['OPTIONS']);
  });

  it('judges a simple GET: blocked without Access-Control-Allow-Origin, allowed with *', async () => {
    const blocked = await cli(['check', `http://127.0.0.1:${server.httpPort}/lab/no-acao`, '--origin', page]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain(`Chrome says: Access to fetch at 'http://127.0.0.1:${server.httpPort}/lab/no-acao' from origin '${page}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`);
    const ok = await cli(['check', `http://127.0.0.1:${server.httpPort}/lab/public`, '--origin', page, '--format', 'json']);
    expect(ok.code).toBe(0);
    const flow = JSON.parse(ok.stdout).flows[0];
    expect(flow.verdict).toBe('allowed');
    expect(flow.readableResponseHeaders).toEqual(['cache-control', 'content-type']);
    expect(server.log.find((q) => q.path === '/lab/public')!.headers).toContainEqual(['Origin', page]);
  });

  it('saves the exchanges as a HAR that `analyze` reads back to the same verdict', async () => {
    const file = join(tmp, 'check.har');
    const url = `http://127.0.0.1:${server.httpPort}/lab/put-refused`;
    const args = ['--origin', server.origin(PAGE_HOST), '--method', 'PUT', '--header', 'Content-Type: application/json', '--header', 'X-Api-Key: k'];
    const checked = await cli(['check', url, ...args, '--har', file, '--format', 'json']);
    expect(checked.code).toBe(1);
    const har = JSON.parse(readFileSync(file, 'utf8'));
    expect(har.log.entries.map((e: { request: { method: string }; _resourceType: string }) => [e.request.method, e._resourceType])).toEqual([
      ['PUT', 'fetch'],
      ['OPTIONS', 'preflight'],
    ]);
    const analyzed = await cli(['analyze', file, '--format', 'json']);
    expect(analyzed.code).toBe(1);
    expect(JSON.parse(analyzed.stdout).flows[0].error).toEqual(JSON.parse(checked.stdout).flows[0].error);
  });

  it('refuses a self-signed certificate unless --insecure', async () => {
    const url = `https://localhost:${server.httpsPort}/lab/public`;
    const strict = JSON.parse((await cli(['check', url, '--origin', page, '--format', 'json'])).stdout).flows[0];
    expect(strict.verdict).toBe('failed');
    expect(strict.networkError).toMatch(/^net::ERR_CERT_/);
    const insecure = await cli(['check', url, '--origin', page, '--insecure', '--format', 'json']);
    expect(insecure.code).toBe(0);
    expect(JSON.parse(insecure.stdout).flows[0].verdict).toBe('allowed');
  });

  it('exits 2 on a bad URL or origin', async () => {
    expect((await cli(['check', 'ftp://x.test/', '--origin', page])).code).toBe(2);
    expect((await cli(['check', 'http://x.test/', '--origin', 'nope'])).code).toBe(2);
    expect((await cli(['check', 'http://x.test/'])).code).toBe(2);
  });
});
