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

const q = (s: string) => JSON.stringify(s);
const list = (xs: string[]) => `[${xs.map(q).join(', ')}]`;
const pyList = (xs: string[]) => `[${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(', ')}]`;
/** Values are quoted for the config languages; a hostile value must not break out of the quotes. */
const confQuote = (s: string) => `"${s.replace(/["\\\r\n]/g, '')}"`;

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

function nginxHeaders(p: CorsPolicy, preflight: boolean): string[] {
  const out = [`add_header Access-Control-Allow-Origin ${confQuote(p.origin)} always;`];
  if (p.credentials) out.push('add_header Access-Control-Allow-Credentials "true" always;');
  if (preflight) {
    if (p.methods.length) out.push(`add_header Access-Control-Allow-Methods ${confQuote(['GET', 'HEAD', 'POST', ...p.methods].join(', '))} always;`);
    if (p.headers.length) out.push(`add_header Access-Control-Allow-Headers ${confQuote(p.headers.join(', '))} always;`);
    out.push('add_header Access-Control-Max-Age 600 always;');
  } else if (p.expose.length) {
    out.push(`add_header Access-Control-Expose-Headers ${confQuote(p.expose.join(', '))} always;`);
  }
  if (p.origin !== '*') out.push('add_header Vary Origin always;');
  return out;
}

function nginx(p: CorsPolicy): string {
  const ind = (xs: string[], n: number) => xs.map((x) => ' '.repeat(n) + x);
  return [
    'location /api/ {',
    '    # Answer preflights here, before any auth_request or proxy.',
    '    if ($request_method = OPTIONS) {',
    ...ind(nginxHeaders(p, true), 8),
    '        return 204;',
    '    }',
    ...ind(nginxHeaders(p, false), 4),
    '    proxy_pass http://backend;',
    '}',
  ].join('\n');
}

function apache(p: CorsPolicy): string {
  const out = ['<IfModule mod_headers.c>', `    Header always set Access-Control-Allow-Origin ${confQuote(p.origin)}`];
  if (p.credentials) out.push('    Header always set Access-Control-Allow-Credentials "true"');
  if (p.methods.length) out.push(`    Header always set Access-Control-Allow-Methods ${confQuote(['GET', 'HEAD', 'POST', ...p.methods].join(', '))}`);
  if (p.headers.length) out.push(`    Header always set Access-Control-Allow-Headers ${confQuote(p.headers.join(', '))}`);
  if (p.expose.length) out.push(`    Header always set Access-Control-Expose-Headers ${confQuote(p.expose.join(', '))}`);
  if (p.origin !== '*') out.push('    Header always merge Vary Origin');
  out.push('</IfModule>', '# Answer preflights with 204 before authentication runs.', 'RewriteEngine On', 'RewriteCond %{REQUEST_METHOD} OPTIONS', 'RewriteRule ^ - [R=204,L]');
  return out.join('\n');
}

function flask(p: CorsPolicy): string {
  const args = [`origins=${pyList([p.origin])}`];
  if (p.credentials) args.push('supports_credentials=True');
  if (p.methods.length) args.push(`methods=${pyList(['GET', 'HEAD', 'POST', ...p.methods])}`);
  if (p.headers.length) args.push(`allow_headers=${pyList(p.headers)}`);
  if (p.expose.length) args.push(`expose_headers=${pyList(p.expose)}`);
  return ['from flask_cors import CORS', '', `CORS(app, ${args.join(', ')})`].join('\n');
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
  if (p.methods.length) out.push(`CORS_ALLOW_METHODS = (*default_methods, ${p.methods.map((m) => `"${m}"`).join(', ')})`);
  if (p.headers.length) out.push(`CORS_ALLOW_HEADERS = (*default_headers, ${p.headers.map((h) => `"${h}"`).join(', ')})`);
  if (p.expose.length) out.push(`CORS_EXPOSE_HEADERS = ${pyList(p.expose)}`);
  return out.join('\n');
}

export function corsSnippets(p: CorsPolicy): Partial<Record<ServerKind, string>> {
  return { express: express(p), nginx: nginx(p), apache: apache(p), flask: flask(p), django: django(p) };
}
