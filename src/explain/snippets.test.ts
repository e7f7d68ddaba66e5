/**
 * Snippets hold values from the network (Origin, method and header names): each must stay a
 * literal of the snippet's language, or be left out with a comment — never become code.
 */
import { describe, expect, it } from 'vitest';
import { corsSnippets, type CorsPolicy } from './snippets.ts';

const HOSTILE = [
  'x", __import__("os").system("id"), "',
  "x'); require('child_process').execSync('id'); ('",
  'x-$http_cookie',
  'x-%{HTTP_COOKIE}e',
  'x-${EVIL}',
  'a"b',
  'a\\',
  'x\ny = 1',
  'x\r\nX-Injected: 1',
  'caf\u00e9',
  'x\u2028y',
  'x\u{1F600}',
];
const MARKERS = ['__import__', 'child_process', 'http_cookie', 'HTTP_COOKIE', 'EVIL', 'X-Injected', 'y = 1'];

const policy = (v: string): CorsPolicy => ({ origin: `https://a.test${v}`, credentials: true, methods: [v], headers: [v], expose: [v] });

/** A double-quoted literal, backslash escapes included, on one line. */
const DQ = /"(?:[^"\\\n\r]|\\.)*"/g;

/** Decodes a Python double-quoted literal as written by the snippets. */
function pyDecode(lit: string): string {
  return lit.slice(1, -1).replace(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|["\\])/g, (_, e: string) => (e.length === 1 ? e : String.fromCodePoint(parseInt(e.slice(1), 16))));
}
/** The lines that are code (not comments). */
const codeLines = (s: string) => s.split('\n').filter((l) => !/^\s*#/.test(l) && !/^\s*\/\//.test(l));

describe('snippets with hostile values', () => {
  for (const v of HOSTILE) {
    const s = corsSnippets(policy(v));
    const name = JSON.stringify(v);
    it(`Express: ${name} stays inside JavaScript string literals`, () => {
      const outside = s.express!.replace(DQ, '""');
      for (const m of MARKERS) expect(outside).not.toContain(m);
      // Every literal decodes (JSON is valid JavaScript) and no line was broken.
      for (const lit of s.express!.match(DQ)!) expect(() => JSON.parse(lit)).not.toThrow();
      expect(s.express!.match(DQ)!.map((l) => JSON.parse(l))).toContain(v);
      expect(s.express).not.toMatch(/[^\n\x20-\x7e]/);
    });
    for (const kind of ['flask', 'django'] as const) {
      it(`${kind}: ${name} stays inside Python string literals`, () => {
        const text = s[kind]!;
        const code = codeLines(text).join('\n');
        for (const m of MARKERS) expect(code.replace(DQ, '""')).not.toContain(m);
        const values = code.match(DQ)!.map(pyDecode);
        expect(values).toContain(v);
        expect(values).toContain(`https://a.test${v}`);
        expect(code).not.toMatch(/[^\n\x20-\x7e]/);
      });
    }
    for (const kind of ['nginx', 'apache'] as const) {
      it(`${kind}: ${name} is written quoted and escaped, or left out with a comment`, () => {
        const text = s[kind]!;
        expect(text).not.toMatch(/[^\n\x20-\x7e]/); // no raw newline, control or non-ASCII byte anywhere
        for (const line of codeLines(text)) {
          const outside = line.replace(DQ, '""');
          for (const m of MARKERS) expect(outside).not.toContain(m);
          for (const lit of line.match(DQ) ?? []) {
            if (kind === 'nginx') expect(lit).not.toContain('$'); // nginx would expand it
            if (kind === 'apache') {
              expect(lit).not.toContain('${');
              expect(lit.slice(1, -1)).not.toMatch(/["\\]/);
              expect(lit.replace(/%%/g, '')).not.toContain('%'); // only literal percent signs
            }
          }
        }
        const refused = text.split('\n').filter((l) => /^\s*# Left out: /.test(l));
        const written = codeLines(text).some((l) => l.includes(kind === 'nginx' ? v.replace(/["\\]/g, '\\$&') : v.replace(/%/g, '%%')));
        // Each hostile value is either written (escaped) or named in a comment that says why.
        expect(written || refused.length > 0).toBe(true);
        if (!written) expect(refused.join('\n')).toMatch(/holds/);
      });
    }
  }
  it('ordinary values are written as they are', () => {
    const s = corsSnippets({ origin: 'https://a.test:8443', credentials: false, methods: ['PUT'], headers: ["x-a'b", 'x-100%'], expose: [] });
    expect(s.nginx).toContain(`add_header Access-Control-Allow-Headers "x-a'b, x-100%" always;`);
    expect(s.apache).toContain(`Header always set Access-Control-Allow-Headers "x-a'b, x-100%%"`);
    expect(s.nginx).not.toContain('# Left out');
    expect(s.apache).not.toContain('# Left out');
  });
  it('the origin left out of nginx is named in a comment and no Allow-Origin line is written', () => {
    const s = corsSnippets({ origin: 'https://$host', credentials: false, methods: [], headers: [], expose: [] });
    expect(s.nginx).toContain('# Left out: the origin "https://$host" holds "$", which nginx expands as a variable in every string');
    expect(s.nginx).not.toMatch(/add_header Access-Control-Allow-Origin/);
  });
});

describe('method case (Chromium keeps the case of methods other than DELETE, GET, HEAD, OPTIONS, POST, PUT)', () => {
  const s = corsSnippets({ origin: 'https://a.test', credentials: false, methods: ['patch'], headers: [], expose: [] });
  it('Flask-CORS cannot send `patch` (it upper-cases methods): the snippet says so and sets the header itself', () => {
    expect(s.flask).toContain('Flask-CORS sends method names upper-cased, but the page sends "patch"');
    expect(s.flask).toContain('have the page send\n# "PATCH"');
    expect(s.flask).toContain('response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, patch"');
    // The hook is registered before CORS(app) so that it runs after Flask-CORS's own hook.
    expect(s.flask!.indexOf('@app.after_request')).toBeLessThan(s.flask!.indexOf('CORS(app,'));
    expect(s.flask).toContain('methods=["GET", "HEAD", "POST", "PATCH"]');
  });
  it('Express cors, django-cors-headers, nginx and Apache send the name as written', () => {
    expect(s.express).toContain('methods: ["GET", "HEAD", "POST", "patch"]');
    expect(s.django).toContain('CORS_ALLOW_METHODS = (*default_methods, "patch")');
    expect(s.nginx).toContain('"GET, HEAD, POST, patch"');
    expect(s.apache).toContain('"GET, HEAD, POST, patch"');
  });
  it('upper-case methods need no note', () => {
    const t = corsSnippets({ origin: 'https://a.test', credentials: false, methods: ['PATCH'], headers: [], expose: [] });
    expect(t.flask).toBe('from flask_cors import CORS\n\nCORS(app, origins=["https://a.test"], methods=["GET", "HEAD", "POST", "PATCH"])');
  });
});

describe('proxies replace the CORS headers a backend sends (two values fail as MultipleAllowOriginValues)', () => {
  const s = corsSnippets({ origin: 'https://a.test', credentials: true, methods: ['PUT'], headers: ['x-a'], expose: ['x-b'] });
  it('nginx hides every CORS header of the backend before proxy_pass, for each one it adds', () => {
    const lines = s.nginx!.split('\n').map((l) => l.trim());
    const pass = lines.indexOf('proxy_pass http://backend;');
    const ifEnd = lines.indexOf('}');
    for (const l of lines.slice(ifEnd + 1, pass)) {
      const added = /^add_header (Access-Control-[\w-]+) /.exec(l)?.[1];
      if (added) expect(lines.slice(ifEnd + 1, pass)).toContain(`proxy_hide_header ${added};`);
    }
    expect(lines).toContain('proxy_hide_header Access-Control-Allow-Origin;');
    expect(lines.filter((l) => l.startsWith('add_header Access-Control-Allow-Origin '))).toHaveLength(2); // once per branch
    expect(lines).not.toContain('proxy_hide_header Vary;'); // the backend's Vary values must stay
  });
  it('Apache unsets the onsuccess copy of each header before `Header always set`', () => {
    const lines = s.apache!.split('\n').map((l) => l.trim());
    const sets = lines.filter((l) => l.startsWith('Header always set '));
    expect(sets.length).toBe(5);
    for (const l of sets) {
      const name = l.split(' ')[3]!;
      expect(lines[lines.indexOf(l) - 1]).toBe(`Header onsuccess unset ${name}`);
    }
  });
});
