import { describe, expect, it } from 'vitest';
import { readText } from '../../test/fixtures/load.ts';
import { flowsFromHar } from '../correlate/har.ts';
import { readHar } from '../har/read.ts';
import type { Flow } from '../model/flow.ts';
import { analyzeFlows, buildReport, renderHtml, renderJson, renderMarkdown, renderText, REPORT_SCHEMA } from './index.ts';
import { redactHeaderValue } from './redact.ts';

const ctx = { browser: 'chrome' as const, thirdPartyCookies: 'allowed' as const };

function fixtureFlows(name: string): Flow[] {
  const har = readHar(readText(`har/${name}`), { source: name });
  if (!har.ok) throw new Error(har.error.message);
  return flowsFromHar(har, { source: name });
}

/** A flow made by hand, whose server echoes hostile text into its headers. */
function hostileFlow(): Flow {
  const evil = `<script>alert(1)</script>|**x**\n# h`;
  return {
    id: 'evil',
    request: { url: `https://api.b.test/${encodeURIComponent(evil)}`, method: 'GET', headers: [{ name: 'Authorization', value: 'Bearer s3cr3t' }], mode: 'cors', credentials: 'include', initiatorType: 'fetch', origin: 'https://app.a.test' },
    hops: [
      {
        request: {
          url: `https://api.b.test/${encodeURIComponent(evil)}`,
          method: 'GET',
          headers: [
            { name: 'Cookie', value: 'sid=topsecret; theme=dark' },
            { name: 'Authorization', value: 'Bearer s3cr3t' },
            { name: 'Origin', value: 'https://app.a.test' },
          ],
        },
        response: {
          status: 200,
          headers: [
            { name: 'Access-Control-Allow-Origin', value: evil },
            { name: 'Set-Cookie', value: 'sid=newsecret; Path=/; SameSite=None; Secure' },
          ],
        },
        error: 'net::ERR_FAILED',
        sent: true,
      },
    ],
    error: 'net::ERR_FAILED',
    inferred: [],
  };
}

describe('buildReport (cors-lens/report@1)', () => {
  const analyzed = analyzeFlows(fixtureFlows('chromium-http.har'), ctx);
  const report = buildReport(analyzed);

  it('has the documented top level and counts', () => {
    expect(Object.keys(report)).toEqual(['schema', 'flows', 'summary', 'skipped']);
    expect(report.schema).toBe(REPORT_SCHEMA);
    expect(report.summary.flows).toBe(analyzed.length);
    expect(report.summary.blocked).toBe(analyzed.filter((a) => a.evaluation.verdict === 'blocked').length);
    expect(report.summary.warnings).toBe(analyzed.reduce((n, a) => n + a.evaluation.warnings.length, 0));
  });

  it('gives every flow the documented fields', () => {
    for (const f of report.flows) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['id', 'request', 'initiator', 'mode', 'credentials', 'preflight', 'hops', 'verdict', 'error', 'warnings', 'readableResponseHeaders', 'hiddenResponseHeaders', 'cookies', 'inferred']),
      );
      expect(Object.keys(f.request)).toEqual(['method', 'url', 'headers']);
      for (const h of f.hops) expect(Object.keys(h)).toEqual(expect.arrayContaining(['url', 'method', 'status', 'redirectURL']));
      if (f.error) expect(Object.keys(f.error)).toEqual(expect.arrayContaining(['code', 'failedParameter', 'hop', 'messages', 'fix']));
    }
    const refused = report.flows.find((f) => f.request.url.endsWith('/lab/put-refused'))!;
    expect(refused.preflight).toMatchObject({ url: refused.request.url, status: 204, hop: 0 });
    expect(refused.error).toMatchObject({ code: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type', hop: 0, stage: 'preflight' });
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it('keeps only failures with onlyFailures, but counts every flow', () => {
    const only = buildReport(analyzed, { onlyFailures: true });
    expect(only.flows.every((f) => f.verdict === 'blocked' || f.verdict === 'failed')).toBe(true);
    expect(only.flows.length).toBe(report.summary.blocked + report.summary.failed);
    expect(only.summary).toEqual(report.summary);
  });
});

describe('possibly blocked', () => {
  it('marks failures that look like CORS blocks but lack the exchanges to tell, and nothing else', () => {
    // DevTools' HAR keeps the responses: every CORS failure is judged, none is only "possibly" blocked.
    expect(buildReport(analyzeFlows(fixtureFlows('chromium-http.har'), ctx)).summary.possiblyBlocked).toBe(0);
    // Playwright's keeps none for the requests Chromium blocked (truth: six blocked, one refused connection).
    const pw = buildReport(analyzeFlows(fixtureFlows('playwright-chromium-http.har'), ctx));
    expect(pw.summary).toMatchObject({ blocked: 0, possiblyBlocked: 6 });
    const marked = pw.flows.filter((f) => f.possiblyBlocked);
    expect(marked.every((f) => f.verdict === 'failed' && f.error === null && f.networkError === 'net::ERR_FAILED')).toBe(true);
    expect(pw.flows.find((f) => f.networkError === 'net::ERR_CONNECTION_REFUSED')!.possiblyBlocked).toBe(false);
  });
});

describe('redaction', () => {
  it('hides cookie values, Set-Cookie values and credentials, and keeps what explains them', () => {
    expect(redactHeaderValue('Cookie', 'sid=abc; theme=dark')).toBe('sid=[redacted]; theme=[redacted]');
    expect(redactHeaderValue('set-cookie', 'sid=abc; Path=/; SameSite=None; Secure')).toBe('sid=[redacted]; Path=/; SameSite=None; Secure');
    expect(redactHeaderValue('Authorization', 'Bearer abc.def')).toBe('Bearer [redacted]');
    expect(redactHeaderValue('Authorization', 'abc')).toBe('[redacted]');
    expect(redactHeaderValue('X-Other', 'abc')).toBe('abc');
  });

  it('redacts cookies without a name (no `=`), which Chromium sends as the bare value', () => {
    expect(redactHeaderValue('Cookie', 'NAMELESSSECRET; sid=abc')).toBe('[redacted]; sid=[redacted]');
    expect(redactHeaderValue('Cookie', 'sid=abc;  NAMELESSSECRET')).toBe('sid=[redacted];  [redacted]');
    expect(redactHeaderValue('Cookie', 'sid=abc;')).toBe('sid=[redacted];');
    expect(redactHeaderValue('Set-Cookie', 'NAMELESSSECRET; Path=/; Secure')).toBe('[redacted]; Path=/; Secure');
    expect(redactHeaderValue('Set-Cookie', 'NAMELESSSECRET')).toBe('[redacted]');
  });

  it('leaves no secret in any rendering unless asked, and keeps them when asked', () => {
    const analyzed = analyzeFlows([hostileFlow()], ctx);
    const redacted = buildReport(analyzed);
    for (const out of [renderJson(redacted), renderText(redacted), renderMarkdown(redacted), renderHtml(redacted)]) {
      for (const secret of ['topsecret', 's3cr3t', 'newsecret']) expect(out).not.toContain(secret);
    }
    const open = renderJson(buildReport(analyzed, { includeSecrets: true }));
    for (const secret of ['topsecret', 's3cr3t', 'newsecret']) expect(open).toContain(secret);
  });
});

describe('renderings', () => {
  it('escapes everything from the capture in HTML, and loads nothing from outside', () => {
    const html = renderHtml(buildReport(analyzeFlows([hostileFlow()], ctx)));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).toContain("default-src 'none'");
  });

  it('keeps hostile text inside its Markdown table cell', () => {
    const md = renderMarkdown(buildReport(analyzeFlows([hostileFlow()], ctx)));
    const row = md.split('\n').find((l) => l.startsWith('| 1 |'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(8); // 6 cells between 7 unescaped pipes
    expect(md).not.toMatch(/^# h/m);
  });

  it('prints each failure with the browser message and the fix, without colour unless given', () => {
    const report = buildReport(analyzeFlows(fixtureFlows('chromium-http.har'), ctx));
    const text = renderText(report);
    expect(text).not.toMatch(/\x1b\[/);
    const blocked = report.flows.filter((f) => f.verdict === 'blocked');
    for (const f of blocked) {
      expect(text).toContain(`Chrome says: ${f.error!.messages.chrome}`);
      expect(text).toContain(`Fix: ${f.error!.fix!.summary}`);
    }
    expect(text.trim().split('\n').at(-1)).toBe(
      `${report.summary.flows} flows, ${report.summary.blocked} blocked by CORS, ${report.summary.allowed} allowed, ${report.summary.notCors} not CORS, 1 network failure, ${report.summary.warnings} warnings`,
    );
    const red = (s: string) => `<r>${s}</r>`;
    const coloured = renderText(report, { colors: { red, green: red, yellow: red, dim: red, bold: red, cyan: red } });
    expect(coloured).toContain('<r>');
  });

  it('marks the code spans of why and fix: coloured on a terminal, backticks elsewhere, <code> in HTML, code in Markdown', () => {
    const report = buildReport(analyzeFlows(fixtureFlows('chromium-http.har'), ctx));
    const refused = report.flows.find((f) => f.request.url.endsWith('/lab/put-refused'))!.error!.fix!.summary;
    expect(refused).toContain('`Access-Control-Allow-Headers: content-type, x-api-key`');
    expect(renderText(report)).toContain(`Fix: ${refused}`);
    const cyan = (s: string) => `<c>${s}</c>`;
    const id = (s: string) => s;
    const tty = renderText(report, { colors: { red: id, green: id, yellow: id, dim: id, bold: id, cyan, isColorSupported: true } });
    const fixLine = tty.split('\n').find((l) => l.includes('<c>Fix:</c>') && l.includes('put-refused'))!;
    expect(fixLine).toContain('Send <c>Access-Control-Allow-Headers: content-type, x-api-key</c> on the preflight response');
    expect(fixLine).not.toContain('`');
    expect(renderHtml(report)).toContain('Send <code>Access-Control-Allow-Headers: content-type, x-api-key</code> on the preflight response');
    const md = renderMarkdown(report);
    expect(md).toContain('Send `Access-Control-Allow-Headers: content-type, x-api-key` on the preflight response');
    expect(md).not.toContain('\\`');
  });
});


describe('hidden response headers', () => {
  it('carry the detail of an Access-Control-Expose-Headers the browser could not parse', () => {
    const flow: Flow = {
      id: 'expose',
      request: { url: 'https://api.b.test/x', method: 'GET', headers: [], mode: 'cors', credentials: 'same-origin', initiatorType: 'fetch', origin: 'https://app.a.test' },
      hops: [
        {
          request: { url: 'https://api.b.test/x', method: 'GET', headers: [{ name: 'Origin', value: 'https://app.a.test' }] },
          response: {
            status: 200,
            headers: [
              { name: 'Access-Control-Allow-Origin', value: '*' },
              { name: 'Access-Control-Expose-Headers', value: 'x-a; x-b' },
              { name: 'X-A', value: '1' },
              { name: 'Content-Type', value: 'text/plain' },
            ],
          },
          sent: true,
        },
      ],
      inferred: [],
    };
    const [f] = buildReport(analyzeFlows([flow], ctx)).flows;
    expect(f!.verdict).toBe('allowed');
    expect(f!.readableResponseHeaders).toEqual(['content-type']);
    const xa = f!.hiddenResponseHeaders.find((h) => h.name === 'x-a')!;
    expect(xa.reason).toBe('not-safelisted');
    expect(xa.detail).toContain('Access-Control-Expose-Headers could not be parsed');
    // Headers hidden for an ordinary reason carry no detail key at all (the JSON stays as it was).
    // Headers hidden for an ordinary reason carry no detail key at all (the JSON stays as it was).
    const ordinary = buildReport(analyzeFlows(fixtureFlows('chromium-http.har'), ctx)).flows.flatMap((fl) => fl.hiddenResponseHeaders);
    expect(ordinary.length).toBeGreaterThan(0);
    for (const h of ordinary) expect(Object.keys(h)).toEqual(['name', 'reason']);
  });
});
