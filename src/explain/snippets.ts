/**
 * Ready-to-paste server configuration that sends the CORS headers a flow needs: Express (the
 * `cors` package), nginx, Apache (mod_headers), Flask-CORS and Django (django-cors-headers).
 */
import type { ServerKind } from '../model/index.ts';

export interface CorsPolicy {
  /** The origin to allow (`null` for a tainted request; `*` only when no credentials). */
  origin: string;
  credentials: boolean;
  /** Non-safelisted methods the preflight must allow. */
  methods: string[];
  /** Request header names the preflight must allow (lower-case). */
  headers: string[];
  /** Response header names the page wants to read. */
  expose: string[];
}

// Every value here comes from the network (the page's Origin, its method and header names, a HAR):
// it is written as a literal of the snippet's language, escaped, or left out with a comment that
// says why — never pasted raw into code a developer will run.

/** `\uXXXX` for each UTF-16 unit outside printable ASCII. */
const u4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** A value shown in a comment: quoted, everything outside printable ASCII escaped (it cannot end the line). */
const shown = (s: string) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, u4);
/** A JavaScript string literal. */
const q = (s: string) => JSON.stringify(s).replace(/[^\x20-\x7e]/g, u4);
const list = (xs: string[]) => `[${xs.map(q).join(', ')}]`;

/** A Python string literal: `\` and `"` escaped, and every code point outside printable ASCII too. */
export function pyStr(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (cp >= 0x20 && cp <= 0x7e) out += ch;
    else if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `"${out}"`;
}
const pyList = (xs: string[]) => `[${xs.map(pyStr).join(', ')}]`;

type ConfLang = 'nginx' | 'apache';
/**
 * Why a value cannot be written into an nginx or Apache string, or null when it can. Header
 * values are printable ASCII here; nginx expands `$name` inside any string (no escape exists);
 * Apache substitutes `${NAME}` when it reads the file, and its quoting cannot hold `"` or `\`
 * reliably (a backslash before the closing quote escapes it).
 */
function confRefusal(s: string, lang: ConfLang): string | null {
  if (/[^\x20-\x7e]/.test(s)) return 'holds a control or non-ASCII character, which a header value cannot carry as written';
  if (lang === 'nginx' && s.includes('$')) return 'holds "$", which nginx expands as a variable in every string';
  if (lang === 'apache' && s.includes('${')) return 'holds "${", which Apache substitutes when it reads its configuration';
  if (lang === 'apache' && /["\\]/.test(s)) return 'holds a quote or a backslash, which Apache\'s quoting cannot carry reliably';
  return null;
}
/** nginx: `"` and `\` are escaped inside a double-quoted string (ngx_conf_file.c). */
const nginxQuote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
/** Apache mod_headers reads `%…` as a format specifier; `%%` is a literal percent sign. */
const apacheQuote = (s: string) => `"${s.replace(/%/g, '%%')}"`;

/**
 * The items of a list header that can be written in `lang`, and a comment line for each left out.
 * `what` names the items in the comment ("header name", "method").
 */
function confItems(items: string[], lang: ConfLang, what: string): { ok: string[]; comments: string[] } {
  const ok: string[] = [];
  const comments: string[] = [];
  for (const x of items) {
    const why = confRefusal(x, lang);
    if (why) comments.push(`# Left out: the ${what} ${shown(x)} ${why}; set this header in the application instead.`);
    else ok.push(x);
  }
  return { ok, comments };
}

function express(p: CorsPolicy): string {
  const lines = [`  origin: ${q(p.origin)},`];
  if (p.credentials) lines.push('  credentials: true,');
  if (p.methods.length) lines.push(`  methods: ${list(['GET', 'HEAD', 'POST', ...p.methods])},`);
  if (p.headers.length) lines.push(`  allowedHeaders: ${list(p.headers)},`);
  if (p.expose.length) lines.push(`  exposedHeaders: ${list(p.expose)},`);
  return [
    "const cors = require('cors');",
    '',
    '// Register before authentication: preflights carry no cookies or Authorization.',
    'app.use(cors({',
    ...lines,
    '}));',
  ].join('\n');
}

/**
 * The lines that set one header in `lang`: `items` is the list (one item for a single value),
 * each item that cannot be written becomes a comment, and the header is left out when none can.
 */
function confHeader(lang: ConfLang, header: string, items: string[], what: string, line: (header: string, value: string) => string): string[] {
  const { ok, comments } = confItems(items, lang, what);
  return [...comments, ...(ok.length ? [line(header, ok.join(', '))] : [])];
}

function nginxHeaders(p: CorsPolicy, preflight: boolean): string[] {
  const add = (header: string, value: string) => `add_header ${header} ${nginxQuote(value)} always;`;
  const out = confHeader('nginx', 'Access-Control-Allow-Origin', [p.origin], 'origin', add);
  if (p.credentials) out.push(add('Access-Control-Allow-Credentials', 'true'));
  if (preflight) {
    if (p.methods.length) out.push(...confHeader('nginx', 'Access-Control-Allow-Methods', ['GET', 'HEAD', 'POST', ...p.methods], 'method', add));
    if (p.headers.length) out.push(...confHeader('nginx', 'Access-Control-Allow-Headers', p.headers, 'header name', add));
    out.push('add_header Access-Control-Max-Age 600 always;');
  } else if (p.expose.length) {
    out.push(...confHeader('nginx', 'Access-Control-Expose-Headers', p.expose, 'header name', add));
  }
  if (p.origin !== '*') out.push('add_header Vary Origin always;');
  return out;
}

/** The CORS headers a snippet sets; a backend's own copies must go, or the browser sees two values. */
const CORS_HEADERS = ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Expose-Headers', 'Access-Control-Max-Age'];

function nginx(p: CorsPolicy): string {
  const ind = (xs: string[], n: number) => xs.map((x) => ' '.repeat(n) + x);
  return [
    'location /api/ {',
    '    # Answer preflights here, before any auth_request or proxy.',
    '    if ($request_method = OPTIONS) {',
    ...ind(nginxHeaders(p, true), 8),
    '        return 204;',
    '    }',
    // add_header adds a line; a backend that sends its own would make two (MultipleAllowOriginValues).
    '    # Replace, not add: drop the CORS headers the backend sends, then add these.',
    ...ind(CORS_HEADERS.map((h) => `proxy_hide_header ${h};`), 4),
    ...ind(nginxHeaders(p, false), 4),
    '    proxy_pass http://backend;',
    '}',
  ].join('\n');
}

function apache(p: CorsPolicy): string {
  // `always` sets the header in the table that also holds error responses; a backend's (or the
  // application's) copy sits in the `onsuccess` table and would be sent too: unset it there first.
  const set = (header: string, value: string) => `    Header onsuccess unset ${header}\n    Header always set ${header} ${apacheQuote(value)}`;
  const conf = (header: string, items: string[], what: string) => confHeader('apache', header, items, what, set).map((l) => (l.startsWith('#') ? `    ${l}` : l));
  const out = ['<IfModule mod_headers.c>', '    # Replace, not add: a copy from the application or a proxied backend is removed first.', ...conf('Access-Control-Allow-Origin', [p.origin], 'origin')];
  if (p.credentials) out.push(set('Access-Control-Allow-Credentials', 'true'));
  if (p.methods.length) out.push(...conf('Access-Control-Allow-Methods', ['GET', 'HEAD', 'POST', ...p.methods], 'method'));
  if (p.headers.length) out.push(...conf('Access-Control-Allow-Headers', p.headers, 'header name'));
  if (p.expose.length) out.push(...conf('Access-Control-Expose-Headers', p.expose, 'header name'));
  if (p.origin !== '*') out.push('    Header always merge Vary Origin');
  out.push('</IfModule>', '# Answer preflights with 204 before authentication runs.', 'RewriteEngine On', 'RewriteCond %{REQUEST_METHOD} OPTIONS', 'RewriteRule ^ - [R=204,L]');
  return out.join('\n');
}

/**
 * Methods whose case the browser keeps: fetch upper-cases only DELETE, GET, HEAD, OPTIONS, POST
 * and PUT, and Chromium matches any other name in Access-Control-Allow-Methods case-sensitively.
 */
const keepsCase = (m: string) => m !== m.toUpperCase();

function flask(p: CorsPolicy): string {
  const args = [`origins=${pyList([p.origin])}`];
  if (p.credentials) args.push('supports_credentials=True');
  if (p.methods.length) args.push(`methods=${pyList(['GET', 'HEAD', 'POST', ...p.methods].map((m) => m.toUpperCase()))}`);
  if (p.headers.length) args.push(`allow_headers=${pyList(p.headers)}`);
  if (p.expose.length) args.push(`expose_headers=${pyList(p.expose)}`);
  const lower = p.methods.filter(keepsCase);
  if (lower.length === 0) return ['from flask_cors import CORS', '', `CORS(app, ${args.join(', ')})`].join('\n');
  // Flask-CORS upper-cases its methods option (serialize_option(..., upper=True)), so it can never
  // send `patch`; a hook that runs after it sets the header as the page spells the method.
  const allow = pyStr(['GET', 'HEAD', 'POST', ...p.methods].join(', '));
  return [
    'from flask import request',
    'from flask_cors import CORS',
    '',
    `# Flask-CORS sends method names upper-cased, but the page sends ${lower.map(shown).join(', ')} and browsers`,
    '# compare that name case-sensitively: Flask-CORS alone cannot allow it. Best: have the page send',
    `# ${lower.map((m) => shown(m.toUpperCase())).join(', ')}. Otherwise set the header yourself in a hook registered before CORS(app)`,
    '# (Flask runs after_request hooks in reverse order, so this one runs after Flask-CORS).',
    '@app.after_request',
    'def allow_methods_as_sent(response):',
    '    if request.method == "OPTIONS":',
    `        response.headers["Access-Control-Allow-Methods"] = ${allow}`,
    '    return response',
    '',
    '',
    `CORS(app, ${args.join(', ')})`,
  ].join('\n');
}

function django(p: CorsPolicy): string {
  const out = [
    '# settings.py — pip install django-cors-headers',
    'from corsheaders.defaults import default_headers, default_methods',
    '',
    'INSTALLED_APPS += ["corsheaders"]',
    '# As high as possible, before CommonMiddleware and any authentication.',
    'MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *MIDDLEWARE]',
    p.origin === '*' ? 'CORS_ALLOW_ALL_ORIGINS = True' : `CORS_ALLOWED_ORIGINS = ${pyList([p.origin])}`,
  ];
  if (p.credentials) out.push('CORS_ALLOW_CREDENTIALS = True');
  if (p.methods.length) out.push(`CORS_ALLOW_METHODS = (*default_methods, ${p.methods.map(pyStr).join(', ')})`);
  if (p.headers.length) out.push(`CORS_ALLOW_HEADERS = (*default_headers, ${p.headers.map(pyStr).join(', ')})`);
  if (p.expose.length) out.push(`CORS_EXPOSE_HEADERS = ${pyList(p.expose)}`);
  return out.join('\n');
}

export function corsSnippets(p: CorsPolicy): Partial<Record<ServerKind, string>> {
  return { express: express(p), nginx: nginx(p), apache: apache(p), flask: flask(p), django: django(p) };
}
